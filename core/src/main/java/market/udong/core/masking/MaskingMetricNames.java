package market.udong.core.masking;

/**
 * CloudWatch metrics the masking function publishes (as embedded-metric log lines), named once so
 * infra's alarms and the Lambda cannot drift apart. Each is a count, published under two dimension
 * sets: {@value #ENVIRONMENT_DIMENSION} alone (what alarms watch) and {@value #ENVIRONMENT_DIMENSION}
 * with {@value #TABLE_DIMENSION} (which table, for dashboards and investigation).
 */
public final class MaskingMetricNames {
    private MaskingMetricNames() {
    }

    public static final String NAMESPACE = "Udong/Masking";
    public static final String ENVIRONMENT_DIMENSION = "Environment";
    /** {@code <source>/<database>/<table>} of the file. */
    public static final String TABLE_DIMENSION = "Table";

    /** Files written to the curated zone. */
    public static final String FILES_MASKED = "FilesMasked";
    /** Files moved to the quarantine zone with a reason; alarm on any. */
    public static final String FILES_QUARANTINED = "FilesQuarantined";
    /** Rows written to the curated zone. */
    public static final String ROWS_MASKED = "RowsMasked";
    /** Columns present in a file but classified by no policy, dropped under {@code onUnknownColumn: drop}. */
    public static final String UNKNOWN_COLUMNS_DROPPED = "UnknownColumnsDropped";
}
