package market.udong.infra.constructs.ingestion.dms;

import java.util.Objects;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.IDependable;

/**
 * Props of {@link DmsReplication}.
 *
 * @param source       the source, with at least one {@code ingestion: dms} table; its {@code dms} settings
 *                     size the instance and shape the task
 * @param database     the database the source endpoint reads (replica, or imported primary for now)
 * @param vpc          VPC whose private (egress) subnets hold the replication instance
 * @param lakeKey      key of the replication instance's storage, the endpoints' connection settings and
 *                     the raw objects (SSE-KMS)
 * @param rawBucket    raw-zone bucket DMS writes to, under {@code dms/<source>/}
 * @param taskControl  the function serving {@code Custom::DmsTaskControl}
 * @param alarmTopic   topic a stopped or failed task notifies
 * @param accountRoles the account-level DMS roles when this stack creates them, so the subnet group and
 *                     instance wait for them; null where the account already has them
 */
public record DmsReplicationProps(SourceConfig source, DmsSourceDatabase database, IVpc vpc, IKey lakeKey,
                                  IBucket rawBucket, IFunction taskControl, ITopic alarmTopic, IDependable accountRoles) {
    public DmsReplicationProps {
        Objects.requireNonNull(source, "source");
        if (source.tablesUsing(Ingestion.DMS).isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no ingestion: dms table to replicate");
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lakeKey, "lakeKey");
        Objects.requireNonNull(rawBucket, "rawBucket");
        Objects.requireNonNull(taskControl, "taskControl");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
    }
}
