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
