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

    /** Masking Lambda: ARN (or name) of the Secrets Manager secret whose SecretString or SecretBinary is the HMAC key. */
    public static final String HMAC_SECRET_ARN = "UDONG_HMAC_SECRET_ARN";
    /**
     * Masking Lambda: path of the column-policy JSON ({@code MaskingPolicies.toJson()}); default
     * {@link #DEFAULT_MASKING_POLICIES_FILE}, where a Lambda layer holding {@code udong/masking-policies.json} lands.
     */
    public static final String MASKING_POLICIES_FILE = "UDONG_MASKING_POLICIES_FILE";
    /** Where the masking Lambda looks for its policies when {@link #MASKING_POLICIES_FILE} is unset. */
    public static final String DEFAULT_MASKING_POLICIES_FILE = "/opt/udong/masking-policies.json";
    /** Export fan-out Lambda: URL of the queue the masking Lambda consumes (one message per exported file). */
    public static final String MASKING_QUEUE_URL = "UDONG_MASKING_QUEUE_URL";
    /** Optional: Glue Data Catalog id (account) holding the curated databases; default the caller's account. */
    public static final String GLUE_CATALOG_ID = "UDONG_GLUE_CATALOG_ID";
}
