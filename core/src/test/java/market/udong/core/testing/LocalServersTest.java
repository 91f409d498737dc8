package market.udong.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The harnesses start real servers on loopback, and Kafka comes back on the same port after a restart. */
class LocalServersTest {

    @Test
    void localKafka_deliversRecords_andRestartsOnTheSamePort() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            // GIVEN a topic on the local broker
            kafka.createTopic("harness", 1, Map.of());
            String bootstrap = kafka.bootstrapServers();
            assertTrue(bootstrap.startsWith("127.0.0.1:"));

            // WHEN a record is sent, the broker is restarted, and a second record is sent
            send(bootstrap, "before");
            kafka.stop();
            assertFalse(accepts(bootstrap), "the port is closed while stopped");
            kafka.restart();
            assertEquals(bootstrap, kafka.bootstrapServers());
            send(bootstrap, "after");

            // THEN both records are there, the first one kept across the restart
            assertEquals(List.of("before", "after"), readAll(bootstrap, "harness", 2));
        }
    }

    @Test
    void localKinesis_returnsPutRecords() {
        try (LocalKinesis local = LocalKinesis.start(); KinesisClient kinesis = local.client()) {
            // GIVEN a one-shard stream
            String arn = local.createStream("harness", 1);
            assertTrue(arn.startsWith("arn:aws:kinesis:"), arn);

            // WHEN a record is put
            String sequence = kinesis.putRecord(b -> b.streamName("harness").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("hello"))).sequenceNumber();

            // THEN it is read back with its sequence number and data
            String shardId = kinesis.listShards(b -> b.streamName("harness")).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(b -> b.streamName("harness").shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            var records = kinesis.getRecords(b -> b.shardIterator(iterator)).records();
            assertEquals(1, records.size());
            assertEquals(sequence, records.get(0).sequenceNumber());
            assertEquals("hello", records.get(0).data().asUtf8String());
        }
    }

    @Test
    void localSqs_deliversMessages() {
        try (LocalSqs local = LocalSqs.start(); SqsClient sqs = local.client()) {
            // GIVEN a queue
            String url = local.createQueue("harness");
            assertTrue(local.endpoint().toString().startsWith("http://127.0.0.1:"));

            // WHEN a message is sent
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"reason\":\"test\"}"));

            // THEN it is received
            var messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            assertEquals(1, messages.size());
            assertEquals("{\"reason\":\"test\"}", messages.get(0).body());
        }
    }

    private static void send(String bootstrap, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("harness", value)).get(20, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "harness-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static boolean accepts(String hostPort) {
        String[] parts = hostPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
