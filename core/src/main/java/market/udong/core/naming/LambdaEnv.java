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
     * The environment's config bucket, holding each source's {@code DeployedSource} under
     * {@code Names.deployedSourceKey}: the export trigger and the masking function read their
     * per-source and per-table settings there, never from the environment.
     */
    public static final String CONFIG_BUCKET = "UDONG_CONFIG_BUCKET";

    /** Lambda refuses a function whose environment variables total more than 4 KB. */
    public static final int MAX_TOTAL_BYTES = 4096;

    /** Masking Lambda: ARN (or name) of the Secrets Manager secret whose SecretString or SecretBinary is the HMAC key. */
    public static final String HMAC_SECRET_ARN = "UDONG_HMAC_SECRET_ARN";
    /** Export fan-out Lambda: URL of the queue the masking Lambda consumes (one message per exported file). */
    public static final String MASKING_QUEUE_URL = "UDONG_MASKING_QUEUE_URL";
    /** Optional: Glue Data Catalog id (account) holding the curated databases; default the caller's account. */
    public static final String GLUE_CATALOG_ID = "UDONG_GLUE_CATALOG_ID";

    /** Relay: MSK bootstrap brokers for IAM auth ({@code BootstrapBrokerStringSaslIam}), comma-separated host:port. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "UDONG_KAFKA_BOOTSTRAP_SERVERS";
    /**
     * Relay: how the producer authenticates: {@code iam} (SASL_SSL with AWS_MSK_IAM, the default and
     * the only value for MSK) or {@code plaintext} (local brokers only).
     */
    public static final String KAFKA_AUTH = "UDONG_KAFKA_AUTH";
    /** Relay: the Kafka topic this function writes (one function per relay). */
    public static final String RELAY_TOPIC = "UDONG_RELAY_TOPIC";
    /** Relay: {@code bytes} or {@code json}, see {@code RelayFormat}; default bytes. */
    public static final String RELAY_FORMAT = "UDONG_RELAY_FORMAT";
    /** Relay: the topic's {@code max.message.bytes}; larger records go to the failure queue. Default 1,048,588. */
    public static final String RELAY_MAX_MESSAGE_BYTES = "UDONG_RELAY_MAX_MESSAGE_BYTES";
    /** Relay: SQS queue URL that receives records which can never be delivered (too large, undecodable), with the reason. */
    public static final String RELAY_FAILURE_QUEUE_URL = "UDONG_RELAY_FAILURE_QUEUE_URL";
}
