package market.udong.core.export;

/**
 * CloudWatch metrics the export trigger publishes (as embedded-metric log lines), named once so
 * infra's alarms and the Lambda cannot drift apart. Each is a count with one dimension,
 * {@value #ENVIRONMENT_DIMENSION}, whose value is the environment name.
 */
public final class ExportMetrics {
    private ExportMetrics() {
    }

    public static final String NAMESPACE = "Udong/SnapshotExport";
    public static final String ENVIRONMENT_DIMENSION = "Environment";

    /** Export tasks started. */
    public static final String STARTED = "ExportsStarted";
    /** Snapshots whose export had already been started (repeated events, schedule fallback). */
    public static final String ALREADY_STARTED = "ExportsAlreadyStarted";
    /**
     * Exports that cannot succeed by retrying (unknown source or snapshot, no automated snapshot,
     * RDS refusing the request as invalid). Alarm on any.
     */
    public static final String REJECTED = "ExportsRejected";
    /** Exports that failed in a way a retry may fix; the invocation fails so Lambda retries it. */
    public static final String FAILED = "ExportsFailed";
}
