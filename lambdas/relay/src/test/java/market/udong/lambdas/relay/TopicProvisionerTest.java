package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import market.udong.core.streams.TopicSpec;
import market.udong.core.testing.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topic provisioner against a real KRaft broker, and its custom resource protocol against a local HTTP endpoint. */
class TopicProvisionerTest {

    private static LocalKafka kafka;
    private static HttpServer responses;
    private static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start();
        responses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        responses.createContext("/response", exchange -> {
            RECEIVED.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responses.start();
    }

    @AfterAll
    static void stop() {
        responses.stop(0);
        kafka.close();
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private static String config(Admin admin, String topic, String key) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
        return c.get(key).value();
    }

    @Test
    void apply_createsMissingTopics_raisesPartitions_andNeverLowersThem() throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin);
            // GIVEN a topic list from config
            List<String> first = provisioner.apply(List.of(new TopicSpec("prov.orders", 3, 1, 2_000_000)));
            // THEN the topic exists with its partitions and message size
            assertEquals(3, partitions(admin, "prov.orders"));
            assertEquals("2000000", config(admin, "prov.orders", "max.message.bytes"));
            assertTrue(first.get(0).startsWith("created prov.orders"), first.toString());

            // WHEN config raises the partitions and the message size
            provisioner.apply(List.of(new TopicSpec("prov.orders", 5, 1, 3_000_000)));
            assertEquals(5, partitions(admin, "prov.orders"));
            assertEquals("3000000", config(admin, "prov.orders", "max.message.bytes"));

            // WHEN config asks for fewer partitions, Kafka keeps them and the change log says so
            List<String> lower = provisioner.apply(List.of(new TopicSpec("prov.orders", 2, 1, 3_000_000)));
            assertEquals(5, partitions(admin, "prov.orders"));
            assertTrue(lower.get(0).contains("cannot lower"), lower.toString());

            // AND applying the same list twice changes nothing
            assertTrue(provisioner.apply(List.of(new TopicSpec("prov.orders", 5, 1, 3_000_000))).isEmpty());
        }
    }

    private JsonNode invoke(String requestType, String topicsJson) throws Exception {
        int before = RECEIVED.size();
        String event = JSON.writeValueAsString(Map.of(
                "RequestType", requestType,
                "ResponseURL", "http://127.0.0.1:" + responses.getAddress().getPort() + "/response",
                "StackId", "arn:aws:cloudformation:ap-northeast-2:111111111111:stack/Udong-Dev-Streaming/1",
                "RequestId", "req-" + requestType,
                "LogicalResourceId", "TopicsResource",
                "ResourceProperties", Map.of("BootstrapServers", kafka.bootstrapServers(), "Topics", topicsJson)));
        new TopicProvisionerHandler(RelaySettings.KafkaAuth.PLAINTEXT).handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        assertEquals(before + 1, RECEIVED.size(), "one response PUT per request");
        return RECEIVED.get(RECEIVED.size() - 1);
    }

    @Test
    void customResource_reportsSuccess_onCreate_andKeepsTopicsOnDelete() throws Exception {
        String topics = TopicSpec.toJson(List.of(new TopicSpec("prov.events", 2, 1, 1_048_588)));

        JsonNode created = invoke("Create", topics);
        assertEquals("SUCCESS", created.path("Status").asText(), created.toString());
        assertEquals(TopicProvisionerHandler.PHYSICAL_ID, created.path("PhysicalResourceId").asText());
        assertEquals("req-Create", created.path("RequestId").asText());

        JsonNode deleted = invoke("Delete", topics);
        assertEquals("SUCCESS", deleted.path("Status").asText());
        try (Admin admin = kafka.admin()) {
            assertEquals(2, partitions(admin, "prov.events"), "delete keeps the topic and its data");
        }
    }

    @Test
    void customResource_reportsFailed_withReason_forABadTopicList() throws Exception {
        JsonNode failed = invoke("Update", "[{\"name\":\"x\"");
        assertEquals("FAILED", failed.path("Status").asText());
        assertTrue(failed.path("Reason").asText().contains("not a topic list"), failed.toString());
    }
}
