package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.testing.LambdaJar;
import market.udong.core.testing.LocalKafka;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-relay-lambda.jar}, alone on a fresh JVM's class path with the Lambda
 * runtime's serialization library: the relay delivers a Kinesis batch to a real broker, the topics
 * provisioner answers CloudFormation, and the MSK IAM classes Kafka loads by name are in the jar.
 */
class RelayJarIT {

    private static final Path JAR = Path.of("target", "udong-relay-lambda.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void relay_deliversAKinesisBatch_fromTheJarAlone() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            // GIVEN the topic exists and a batch of the stream's records arrives
            kafka.createTopic("client.app-events", 3, Map.of());
            String event = LambdaJar.event(getClass(), "kinesis-batch.json");
            int records = JSON.readTree(event).path("Records").size();

            // WHEN the handler runs from the jar with the environment infra sets
            LambdaJar.Result run = LambdaJar.invoke(JAR, "market.udong.lambdas.relay.KinesisToKafkaHandler",
                    "com.amazonaws.services.lambda.runtime.events.KinesisEvent", Map.of(
                            "AWS_REGION", "ap-northeast-2",
                            LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                            LambdaEnv.KAFKA_AUTH, "plaintext",
                            LambdaEnv.RELAY_TOPIC, "client.app-events",
                            LambdaEnv.RELAY_FORMAT, "json"), event);

            // THEN no record is reported and the topic holds every record of the batch
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(0, JSON.readTree(run.response()).path("batchItemFailures").size(), run.output());
            assertEquals(records, TopicReader.readAll(kafka.bootstrapServers(), "client.app-events").size(), run.output());
        }
    }

    @Test
    void topicProvisioner_answersCloudFormation_fromTheJarAlone() throws Exception {
        List<JsonNode> answers = new CopyOnWriteArrayList<>();
        HttpServer cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFormation.createContext("/response", exchange -> {
            answers.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        try {
            // WHEN CloudFormation deletes the topic set (topics keep their data: nothing to reach)
            String url = "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response";
            LambdaJar.Result run = LambdaJar.invoke(JAR, "market.udong.lambdas.relay.TopicProvisionerHandler", "stream",
                    Map.of("AWS_REGION", "ap-northeast-2"),
                    "{\"RequestType\":\"Delete\",\"ResponseURL\":\"" + url + "\",\"StackId\":\"stack\",\"RequestId\":\"r-1\","
                            + "\"LogicalResourceId\":\"Topics\",\"PhysicalResourceId\":\"udong-kafka-topics\","
                            + "\"ResourceProperties\":{\"Topics\":\"[]\",\"BootstrapServers\":\"127.0.0.1:1\"}}");

            // THEN it answered SUCCESS on the response URL, keeping its physical id
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(1, answers.size(), run.output());
            assertEquals("SUCCESS", answers.get(0).path("Status").asText());
            assertEquals("udong-kafka-topics", answers.get(0).path("PhysicalResourceId").asText());
        } finally {
            cloudFormation.stop(0);
        }
    }

    @Test
    void mskIamClasses_thatKafkaLoadsByName_areInTheJar() throws Exception {
        // Kafka instantiates the login module and callback handler from their names at connect time,
        // which no local broker exercises: load each from the jar alone.
        Map<String, String> iam = RelaySettings.KafkaAuth.IAM.properties();
        List<String> classes = List.of(iam.get("sasl.client.callback.handler.class"),
                iam.get("sasl.jaas.config").split(" ")[0]);
        try (URLClassLoader jar = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                Class<?> c = Class.forName(name, true, jar);
                assertTrue(c.getClassLoader() == jar, name + " comes from the jar");
            }
        }
    }
}
