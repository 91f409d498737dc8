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
}
