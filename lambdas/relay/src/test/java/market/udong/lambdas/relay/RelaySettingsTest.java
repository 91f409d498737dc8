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
}
