package market.udong.lambdas.relay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import market.udong.core.config.RelayFormat;
import market.udong.core.naming.LambdaEnv;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Everything one relay function needs to know: where to write, what to accept, how long to wait.
 *
 * @param bootstrapServers  comma-separated {@code host:port} of the brokers
 * @param auth              how the producer authenticates; {@link KafkaAuth#IAM} in AWS
 * @param topic             the Kafka topic every record goes to
 * @param format            what records must hold; others go to the failure queue
 * @param maxMessageBytes   the topic's {@code max.message.bytes}: larger records go to the failure queue
 * @param failureQueueUrl   SQS queue for records that can never be delivered; null: report them as batch
 *                          item failures instead (the event-source mapping's retries and on-failure
 *                          destination take over)
 * @param sendTimeout       longest wait for a batch's acknowledgements; the handler also stops
 *                          short of the invocation's own deadline
 * @param producerOverrides producer properties that replace the tuned defaults (tests, benchmarks)
 */
public record RelaySettings(String bootstrapServers, KafkaAuth auth, String topic, RelayFormat format,
                            int maxMessageBytes, String failureQueueUrl, Duration sendTimeout,
                            Map<String, String> producerOverrides) {

    /** Kafka's default {@code max.message.bytes} (1 MiB plus the record batch header), also the config default. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    /** Default {@link #sendTimeout}: half of the recommended 60 s function timeout, leaving time to answer. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);

    public RelaySettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        if (bootstrapServers.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("a relay needs bootstrap servers and a topic");
        }
        auth = auth == null ? KafkaAuth.IAM : auth;
        format = format == null ? RelayFormat.BYTES : format;
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
        }
        failureQueueUrl = failureQueueUrl == null || failureQueueUrl.isBlank() ? null : failureQueueUrl;
        sendTimeout = sendTimeout == null ? DEFAULT_SEND_TIMEOUT : sendTimeout;
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive, got " + sendTimeout);
        }
        producerOverrides = producerOverrides == null ? Map.of() : Map.copyOf(producerOverrides);
    }

    /**
     * Reads the settings from the function's environment ({@link LambdaEnv} keys).
     *
     * @throws IllegalStateException naming the missing or malformed variable
     */
    public static RelaySettings fromEnvironment(Function<String, String> env) {
        String servers = required(env, LambdaEnv.KAFKA_BOOTSTRAP_SERVERS);
        String topic = required(env, LambdaEnv.RELAY_TOPIC);
        try {
            String auth = env.apply(LambdaEnv.KAFKA_AUTH);
            String format = env.apply(LambdaEnv.RELAY_FORMAT);
            String maxBytes = env.apply(LambdaEnv.RELAY_MAX_MESSAGE_BYTES);
            return new RelaySettings(servers,
                    auth == null || auth.isBlank() ? KafkaAuth.IAM : KafkaAuth.valueOf(auth.trim().toUpperCase(Locale.ROOT)),
                    topic,
                    format == null || format.isBlank() ? RelayFormat.BYTES : RelayFormat.of(format.trim()),
                    maxBytes == null || maxBytes.isBlank() ? DEFAULT_MAX_MESSAGE_BYTES : Integer.parseInt(maxBytes.trim()),
                    env.apply(LambdaEnv.RELAY_FAILURE_QUEUE_URL), DEFAULT_SEND_TIMEOUT, Map.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relay environment is invalid: " + e.getMessage(), e);
        }
    }

    /** A copy with other producer overrides. */
    public RelaySettings withProducerOverrides(Map<String, String> overrides) {
        return new RelaySettings(bootstrapServers, auth, topic, format, maxMessageBytes, failureQueueUrl, sendTimeout, overrides);
    }

    /** A copy with another send timeout. */
    public RelaySettings withSendTimeout(Duration timeout) {
        return new RelaySettings(bootstrapServers, auth, topic, format, maxMessageBytes, failureQueueUrl, timeout, producerOverrides);
    }

    /**
     * The producer's configuration: idempotent with {@code acks=all} (no duplicates from the
     * producer's own retries, order kept per partition), tuned for whole batches handed over at once,
     * then the overrides.
     */
    public Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "udong-relay-" + topic);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Idempotence keeps per-partition order with up to 5 requests in flight.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // The handler flushes after handing over the whole batch, so linger only shapes the middle
        // of a batch; large batches and lz4 cut requests and bytes on the wire for JSON events.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A record as large as the topic allows must fit in one request.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Math.max(maxMessageBytes + 1024, 1_048_576)));
        // Bounded so a batch ends inside the function timeout even when the cluster is unreachable;
        // send() blocks at most max.block.ms for metadata.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(sendTimeout.toMillis(), 10_020)));
        p.putAll(auth.properties());
        p.putAll(producerOverrides);
        return p;
    }

    private static String required(Function<String, String> env, String key) {
        String value = env.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + key + " is not set");
        }
        return value.trim();
    }

    /** How the producer authenticates to the brokers. */
    public enum KafkaAuth {
        /** MSK IAM access control: TLS plus SASL mechanism AWS_MSK_IAM with the function's role. */
        IAM,
        /** No TLS, no authentication: local test brokers only. */
        PLAINTEXT;

        public Map<String, String> properties() {
            if (this == PLAINTEXT) {
                return Map.of("security.protocol", "PLAINTEXT");
            }
            return Map.of(
                    "security.protocol", "SASL_SSL",
                    "sasl.mechanism", "AWS_MSK_IAM",
                    "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                    "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
    }
}
