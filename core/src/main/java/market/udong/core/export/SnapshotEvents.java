package market.udong.core.export;

import java.util.List;

/**
 * The RDS events that trigger a snapshot export, named once so infra's EventBridge rules and the
 * export trigger's event parsing cannot drift apart. RDS publishes them to EventBridge with
 * {@code source: aws.rds}; {@code detail.EventID} tells the kind and {@code detail.SourceIdentifier}
 * names the snapshot ({@code rds:<database>-<date>} for automated snapshots).
 */
public final class SnapshotEvents {
    private SnapshotEvents() {
    }

    public static final String SOURCE = "aws.rds";
    /** {@code detail-type} of DB instance snapshot events. */
    public static final String INSTANCE_SNAPSHOT_DETAIL_TYPE = "RDS DB Snapshot Event";
    /** {@code detail-type} of Aurora DB cluster snapshot events. */
    public static final String CLUSTER_SNAPSHOT_DETAIL_TYPE = "RDS DB Cluster Snapshot Event";
    /** "Automated snapshot created" (DB instances). */
    public static final String AUTOMATED_SNAPSHOT_CREATED = "RDS-EVENT-0091";
    /** "Automated cluster snapshot created" (Aurora). */
    public static final String AUTOMATED_CLUSTER_SNAPSHOT_CREATED = "RDS-EVENT-0169";
    /** Prefix of an automated snapshot's identifier, {@code rds:}. */
    public static final String AUTOMATED_SNAPSHOT_PREFIX = "rds:";

    /** DB snapshot export task completed. */
    public static final String EXPORT_COMPLETED = "RDS-EVENT-0161";

    /** DB cluster snapshot export task completed. */
    public static final String CLUSTER_EXPORT_COMPLETED = "RDS-EVENT-0164";

    /** Export tasks that ended without data: DB snapshot export failed, canceled; DB cluster snapshot export failed, canceled. */
    public static final List<String> EXPORT_ENDED_WITHOUT_DATA =
            List.of("RDS-EVENT-0159", "RDS-EVENT-0160", "RDS-EVENT-0162", "RDS-EVENT-0163");
}
