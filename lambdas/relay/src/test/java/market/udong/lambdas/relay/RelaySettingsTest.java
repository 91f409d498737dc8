package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import market.udong.core.config.RelayFormat;
import market.udong.core.naming.LambdaEnv;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    @Test
    void fromEnvironment_defaultsToIamAuth_andAnIdempotentProducer() {
        // GIVEN only the required variables
        Map<String, String> env = Map.of(
                LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, "b-1.udong.kafka.ap-northeast-2.amazonaws.com:9098",
                LambdaEnv.RELAY_TOPIC, "client.app-events");

        // WHEN
        RelaySettings settings = RelaySettings.fromEnvironment(env::get);
        Map<String, Object> producer = settings.producerProperties();

        // THEN
        assertEquals(RelaySettings.KafkaAuth.IAM, settings.auth());
        assertEquals(RelayFormat.BYTES, settings.format());
        assertEquals(RelaySettings.DEFAULT_MAX_MESSAGE_BYTES, settings.maxMessageBytes());
        assertNull(settings.failureQueueUrl());
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("AWS_MSK_IAM", producer.get("sasl.mechanism"));
        assertEquals("software.amazon.msk.auth.iam.IAMLoginModule required;", producer.get("sasl.jaas.config"));
        assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler", producer.get("sasl.client.callback.handler.class"));
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
    }

    @Test
    void fromEnvironment_readsEveryOption() {
        Map<String, String> env = Map.of(
                LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092",
                LambdaEnv.RELAY_TOPIC, "client.app-events",
                LambdaEnv.KAFKA_AUTH, "plaintext",
                LambdaEnv.RELAY_FORMAT, "json",
                LambdaEnv.RELAY_MAX_MESSAGE_BYTES, "2097152",
                LambdaEnv.RELAY_FAILURE_QUEUE_URL, "https://sqs.ap-northeast-2.amazonaws.com/111111111111/udong-dev-relay-failures");

        RelaySettings settings = RelaySettings.fromEnvironment(env::get);

        assertEquals(RelaySettings.KafkaAuth.PLAINTEXT, settings.auth());
        assertEquals(RelayFormat.JSON, settings.format());
        assertEquals(2_097_152, settings.maxMessageBytes());
        assertEquals("PLAINTEXT", settings.producerProperties().get("security.protocol"));
        assertEquals(String.valueOf(2_097_152 + 1024), settings.producerProperties().get("max.request.size"));
        assertTrue(settings.failureQueueUrl().endsWith("udong-dev-relay-failures"));
    }

    @Test
    void fromEnvironment_namesTheMissingOrBadVariable() {
        var missing = assertThrows(IllegalStateException.class,
                () -> RelaySettings.fromEnvironment(Map.of(LambdaEnv.RELAY_TOPIC, "t")::get));
        assertTrue(missing.getMessage().contains(LambdaEnv.KAFKA_BOOTSTRAP_SERVERS), missing.getMessage());

        var bad = assertThrows(IllegalStateException.class, () -> RelaySettings.fromEnvironment(Map.of(
                LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, "h:1", LambdaEnv.RELAY_TOPIC, "t", LambdaEnv.RELAY_FORMAT, "avro")::get));
        assertTrue(bad.getMessage().contains("'avro' is not one of bytes, json"), bad.getMessage());
    }

    @Test
    void constructor_refusesBlankEndpoints_tooSmallMessages_andNonPositiveTimeouts_atTheirBoundaries() {
        // GIVEN settings valid except in one field each
        java.time.Duration second = java.time.Duration.ofSeconds(1);
        java.util.function.Function<Integer, RelaySettings> withMaxBytes = bytes -> new RelaySettings("h:1",
                RelaySettings.KafkaAuth.PLAINTEXT, "t", RelayFormat.BYTES, bytes, null, second, null);

        // THEN a blank server list or topic, alone, is refused
        assertThrows(IllegalArgumentException.class, () -> new RelaySettings(" ", null, "t", null, 1024, null, second, null));
        assertThrows(IllegalArgumentException.class, () -> new RelaySettings("h:1", null, " ", null, 1024, null, second, null));
        // AND 1024 bytes is the smallest message size taken
        assertEquals(1024, withMaxBytes.apply(1024).maxMessageBytes());
        var small = assertThrows(IllegalArgumentException.class, () -> withMaxBytes.apply(1023));
        assertEquals("maxMessageBytes must be at least 1024, got 1023", small.getMessage());
        // AND the send timeout must be positive, defaulting when absent
        assertThrows(IllegalArgumentException.class, () -> new RelaySettings("h:1", null, "t", null, 1024, null,
                java.time.Duration.ZERO, null));
        assertEquals(RelaySettings.DEFAULT_SEND_TIMEOUT, new RelaySettings("h:1", null, "t", null, 1024, " ", null, null).sendTimeout());
        assertNull(new RelaySettings("h:1", null, "t", null, 1024, " ", null, null).failureQueueUrl());
        assertEquals(java.time.Duration.ofMillis(1), new RelaySettings("h:1", null, "t", null, 1024, null,
                java.time.Duration.ofMillis(1), null).sendTimeout());
    }
}
