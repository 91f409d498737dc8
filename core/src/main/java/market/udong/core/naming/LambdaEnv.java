package market.udong.core.naming;

/**
 * Environment variable keys that infra sets on Lambdas and the Lambdas read, defined once so
 * the two cannot drift apart.
 */
public final class LambdaEnv {
    private LambdaEnv() {
    }

    public static final String ENVIRONMENT = "UDONG_ENVIRONMENT";
    public static final String RAW_BUCKET = "UDONG_RAW_BUCKET";
    public static final String CURATED_BUCKET = "UDONG_CURATED_BUCKET";
    public static final String EXPORTS_BUCKET = "UDONG_EXPORTS_BUCKET";
    public static final String QUARANTINE_BUCKET = "UDONG_QUARANTINE_BUCKET";
    public static final String KMS_KEY_ARN = "UDONG_KMS_KEY_ARN";

    /** ARN of the role RDS assumes to write snapshot exports (trusted by {@code export.rds.amazonaws.com}). */
    public static final String EXPORT_ROLE_ARN = "UDONG_EXPORT_ROLE_ARN";
    /**
     * The sources the export trigger may export, as the compact JSON written by
     * {@link market.udong.core.export.ExportSources#toJson()}.
     */
    public static final String EXPORT_SOURCES = "UDONG_EXPORT_SOURCES";

    /** Lambda refuses a function whose environment variables total more than 4 KB. */
    public static final int MAX_TOTAL_BYTES = 4096;
}
