package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import market.udong.core.config.RelayFormat;
import market.udong.core.streams.RelayHeaders;
import market.udong.core.testing.LocalKafka;
import market.udong.core.testing.LocalKinesis;
import market.udong.core.testing.LocalSqs;
import market.udong.core.testing.LogLines;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The relay against real parts on loopback: records put into kinesalite and read back, turned
 * into the Lambda event, handled, and read back from an in-JVM Kafka broker.
 */
class RelayLocalServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalKafka kafka;
    private static LocalKinesis kinesisServer;
    private static LocalSqs sqsServer;
    private static KinesisClient kinesis;
    private static SqsClient sqs;

    private final List<KafkaRelay> relays = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        kafka = LocalKafka.start();
        kinesisServer = LocalKinesis.start();
        sqsServer = LocalSqs.start();
        kinesis = kinesisServer.client();
        sqs = sqsServer.client();
    }

    @AfterAll
    static void stopServers() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (sqsServer != null) {
            sqsServer.close();
        }
        if (kinesisServer != null) {
            kinesisServer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void closeRelays() {
        BrokerStopper.disarm();
        relays.forEach(KafkaRelay::close);
        kafka.restart();
    }

    @Test
    void relay_deliversEveryRecordOnce_inPartitionKeyOrder_withHeaders() {
        // GIVEN 300 JSON events over 12 partition keys in a 2-shard stream, a 3-partition topic
        String arn = kinesisServer.createStream("normal-events", 2);
        kafka.createTopic("client.normal-events", 3, Map.of());
        KinesisBatches.put(kinesis, "normal-events", events(300, 12));
        List<KinesisEvent> batches = KinesisBatches.eventsPerShard(kinesis, "normal-events", arn);
        assertEquals(2, batches.size(), "both shards hold records");
        KinesisToKafkaHandler handler = handler(settings("client.normal-events", RelayFormat.JSON, null));

        // WHEN each shard's batch is handled
        for (KinesisEvent batch : batches) {
            StreamsEventResponse response = handler.handleRequest(batch, null);

            // THEN no record is reported
            assertTrue(response.getBatchItemFailures().isEmpty(), response.toString());
        }

        // THEN Kafka holds every record exactly once, keyed by partition key, with its headers
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readAll(kafka.bootstrapServers(), "client.normal-events");
        Map<String, KinesisEvent.KinesisEventRecord> in = bySequenceNumber(batches);
        assertEquals(300, out.size());
        assertEquals(in.keySet(), out.stream().map(r -> TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER))
                .collect(Collectors.toSet()));
        for (ConsumerRecord<byte[], byte[]> r : out) {
            KinesisEvent.KinesisEventRecord source = in.get(TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER));
            assertEquals(source.getKinesis().getPartitionKey(), new String(r.key(), StandardCharsets.UTF_8));
            assertEquals(new String(bytesOf(source), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
            assertEquals("normal-events", TopicReader.header(r, RelayHeaders.SOURCE_STREAM));
            assertEquals(source.getEventID().split(":")[0], TopicReader.header(r, RelayHeaders.SHARD_ID));
            Instant arrival = source.getKinesis().getApproximateArrivalTimestamp().toInstant();
            assertEquals(arrival, Instant.parse(TopicReader.header(r, RelayHeaders.ARRIVAL_TIME)));
            assertEquals(arrival.toEpochMilli(), r.timestamp());
        }
        // THEN per partition key, Kafka order is Kinesis sequence order
        assertEquals(12, assertPerKeyOrder(out).size());
        assertEquals(1, out.stream().collect(Collectors.groupingBy(r -> new String(r.key(), StandardCharsets.UTF_8),
                Collectors.mapping(ConsumerRecord::partition, Collectors.toSet()))).values().stream()
                .mapToInt(Set::size).max().orElseThrow(), "one key, one partition");
    }

    @Test
    void relay_keepsPerKeyOrder_atParallelizationFactorFour_withManyKeysPerShard() throws Exception {
        // GIVEN 1200 events over 60 keys in one shard, and a 6-partition topic
        int factor = 4;
        String arn = kinesisServer.createStream("parallel-events", 1);
        kafka.createTopic("client.parallel-events", 6, Map.of());
        KinesisBatches.put(kinesis, "parallel-events", events(1200, 60));
        List<KinesisEvent.KinesisEventRecord> shard = KinesisBatches.eventsPerShard(kinesis, "parallel-events", arn).get(0).getRecords();
        // AND the shard split the way Lambda splits it at factor P: by partition key into P ordered lanes,
        // each lane's batches one after another, the lanes at the same time, each in its own environment
        Map<Integer, List<KinesisEvent.KinesisEventRecord>> lanes = new HashMap<>();
        shard.forEach(r -> lanes.computeIfAbsent(Math.floorMod(r.getKinesis().getPartitionKey().hashCode(), factor),
                k -> new ArrayList<>()).add(r));
        assertEquals(factor, lanes.size(), "every lane has records");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(factor);
        List<java.util.concurrent.Future<Integer>> reported = new ArrayList<>();
        try {
            for (List<KinesisEvent.KinesisEventRecord> lane : lanes.values()) {
                KinesisToKafkaHandler handler = handler(settings("client.parallel-events", RelayFormat.JSON, null));
                reported.add(pool.submit(() -> {
                    int failures = 0;
                    for (int from = 0; from < lane.size(); from += 50) {
                        failures += handler.handleRequest(KinesisBatches.eventOf(lane.subList(from, Math.min(lane.size(), from + 50))),
                                null).getBatchItemFailures().size();
                    }
                    return failures;
                }));
            }
            // WHEN the lanes run concurrently
            for (java.util.concurrent.Future<Integer> f : reported) {
                assertEquals(0, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN Kafka holds each record once, and per key in Kinesis sequence order
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readAll(kafka.bootstrapServers(), "client.parallel-events");
        assertEquals(1200, sequenceNumbers(out).size());
        assertEquals(1200, out.size());
        Map<String, List<BigInteger>> sequencesPerKey = assertPerKeyOrder(out);
        assertEquals(60, sequencesPerKey.size());
        sequencesPerKey.forEach((key, sequences) -> assertEquals(20, sequences.size(), key));
    }

    @Test
    void relay_reportsExactlyTheUnsentRecords_whenBrokerStopsMidBatch_andRedeliveryCompletesTheSet() throws Exception {
        // GIVEN 200 records in one shard, and a producer that sends one record per request so the
        // broker can be stopped between two of them
        String arn = kinesisServer.createStream("fault-events", 1);
        kafka.createTopic("client.fault-events", 3, Map.of());
        KinesisBatches.put(kinesis, "fault-events", events(200, 10));
        KinesisEvent batch = KinesisBatches.eventsPerShard(kinesis, "fault-events", arn).get(0);
        KinesisToKafkaHandler handler = handler(settings("client.fault-events", RelayFormat.BYTES, null)
                .withSendTimeout(Duration.ofSeconds(4))
                .withProducerOverrides(Map.of(
                        ProducerConfig.BATCH_SIZE_CONFIG, "1",
                        ProducerConfig.LINGER_MS_CONFIG, "0",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000",
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200",
                        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, BrokerStopper.class.getName())));
        BrokerStopper.arm(60, kafka::stop);

        // WHEN the batch is handled and the broker stops after 60 acknowledgements
        StreamsEventResponse first = handler.handleRequest(batch, null);
        kafka.restart();

        // THEN the reported records are exactly those missing from Kafka
        Set<String> reported = first.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        Set<String> written = sequenceNumbers(TopicReader.readAll(kafka.bootstrapServers(), "client.fault-events"));
        Set<String> all = bySequenceNumber(List.of(batch)).keySet();
        assertTrue(written.size() >= 60 && !reported.isEmpty(), "stopped mid-batch: " + written.size() + " written");
        assertTrue(reported.stream().noneMatch(written::contains), "a reported record was written");
        Set<String> union = new HashSet<>(reported);
        union.addAll(written);
        assertEquals(all, union, "every record is either written or reported");

        // WHEN Lambda re-delivers the shard from the lowest reported sequence number (its checkpoint rule)
        BigInteger checkpoint = reported.stream().map(BigInteger::new).min(BigInteger::compareTo).orElseThrow();
        KinesisEvent retry = KinesisBatches.eventOf(batch.getRecords().stream()
                .filter(r -> new BigInteger(r.getKinesis().getSequenceNumber()).compareTo(checkpoint) >= 0).toList());
        StreamsEventResponse second = handler.handleRequest(retry, null);

        // THEN nothing is reported, and Kafka holds every record exactly once
        assertTrue(second.getBatchItemFailures().isEmpty(), second.toString());
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readAll(kafka.bootstrapServers(), "client.fault-events");
        assertEquals(200, out.size(), "count in == count out");
        assertEquals(all, sequenceNumbers(out));
    }

    @Test
    void relay_sendsBadRecordsToFailureQueue_withReason_andDeliversTheRest() throws Exception {
        // GIVEN a JSON relay to a topic of 10 KiB messages, and a batch with three bad records
        String queue = sqsServer.createQueue("relay-failures");
        String arn = kinesisServer.createStream("mixed-events", 1);
        kafka.createTopic("client.mixed-events", 2, Map.of("max.message.bytes", "10240"));
        List<KinesisBatches.Put> puts = new ArrayList<>(events(20, 4));
        puts.add(5, new KinesisBatches.Put("member-1", "{\"event\":\"view\",".getBytes(StandardCharsets.UTF_8)));
        puts.add(10, new KinesisBatches.Put("member-2",
                ("{\"blob\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        puts.add(15, new KinesisBatches.Put("member-3", "{\"event\":\"cart\"}".getBytes(StandardCharsets.UTF_16LE)));
        KinesisBatches.put(kinesis, "mixed-events", puts);
        KinesisEvent batch = KinesisBatches.eventsPerShard(kinesis, "mixed-events", arn).get(0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        KafkaRelay relay = relay(settings("client.mixed-events", RelayFormat.JSON, queue).withProducerOverrides(Map.of()), log);

        // WHEN the batch is relayed
        RelayResult result = relay.relay(KinesisToKafkaHandler.toSourceRecords(batch), Duration.ofSeconds(30));

        // THEN nothing blocks the shard, the good records are in Kafka, the bad ones in the queue with reasons
        assertEquals(List.of(), result.failures());
        assertEquals(List.of(20, 3, 0), List.of(result.delivered(), result.deadLettered(), result.alreadyDelivered()));
        assertEquals(20, TopicReader.readAll(kafka.bootstrapServers(), "client.mixed-events").size());
        Map<String, JsonNode> queued = receive(queue, 3);
        List<KinesisEvent.KinesisEventRecord> records = batch.getRecords();
        assertEquals(Set.of(seq(records.get(5)), seq(records.get(10)), seq(records.get(15))), queued.keySet());
        assertTrue(queued.get(seq(records.get(5))).get("reason").asText().startsWith("not valid JSON"));
        assertTrue(queued.get(seq(records.get(10))).get("reason").asText().startsWith("too large"));
        assertTrue(queued.get(seq(records.get(15))).get("reason").asText().contains("not UTF-8"));
        JsonNode truncated = queued.get(seq(records.get(5)));
        assertEquals("{\"event\":\"view\",", new String(java.util.Base64.getDecoder().decode(truncated.get("data").asText()),
                StandardCharsets.UTF_8));
        assertEquals("member-1", truncated.get("partitionKey").asText());
        assertEquals("mixed-events", truncated.get("stream").asText());
        assertEquals("client.mixed-events", truncated.get("topic").asText());
        // AND the log names each dead-lettered record, and sums the batch up once
        List<JsonNode> lines = logLines(log);
        assertEquals(queued.keySet(), lines.stream().filter(l -> l.path("message").asText().equals("record went to the failure queue"))
                .map(l -> l.path("sequenceNumber").asText()).collect(Collectors.toSet()));
        List<JsonNode> summaries = lines.stream().filter(l -> l.path("message").asText().equals("batch not fully relayed")).toList();
        assertEquals(1, summaries.size(), lines.toString());
        assertEquals(List.of(20, 3, 0, 0), List.of(summaries.get(0).path("delivered").asInt(),
                summaries.get(0).path("deadLettered").asInt(), summaries.get(0).path("toRetry").asInt(),
                summaries.get(0).path("alreadyDelivered").asInt()));
        assertEquals(batch.getRecords().get(0).getEventID().split(":")[0], summaries.get(0).path("shardId").asText());
    }

    @Test
    void relay_reportsBadRecords_whenNoFailureQueueIsConfigured() {
        // GIVEN a JSON relay without a failure queue and one undecodable record among five
        String arn = kinesisServer.createStream("unqueued-events", 1);
        kafka.createTopic("client.unqueued-events", 1, Map.of());
        List<KinesisBatches.Put> puts = new ArrayList<>(events(4, 2));
        puts.add(2, new KinesisBatches.Put("member-9", new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}));
        KinesisBatches.put(kinesis, "unqueued-events", puts);
        KinesisEvent batch = KinesisBatches.eventsPerShard(kinesis, "unqueued-events", arn).get(0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        KafkaRelay relay = relay(settings("client.unqueued-events", RelayFormat.JSON, null), log);

        // WHEN relayed
        RelayResult first = relay.relay(KinesisToKafkaHandler.toSourceRecords(batch), Duration.ofSeconds(30));

        // THEN exactly the bad record is reported, saying why and that no queue took it (the mapping's
        // retries and destination take over), and the rest is written
        assertEquals(List.of(seq(batch.getRecords().get(2))), first.failures().stream().map(RelayResult.Failure::sequenceNumber).toList());
        String reason = first.failures().get(0).reason();
        assertTrue(reason.startsWith("not valid JSON") && reason.endsWith(" (no failure queue configured)"), reason);
        assertEquals(List.of(4, 0, 0), List.of(first.delivered(), first.deadLettered(), first.alreadyDelivered()));
        assertEquals(4, TopicReader.readAll(kafka.bootstrapServers(), "client.unqueued-events").size());
        JsonNode summary = logLines(log).stream().filter(l -> l.path("message").asText().equals("batch not fully relayed"))
                .findFirst().orElseThrow();
        assertEquals(1, summary.path("toRetry").asInt());
        assertEquals(seq(batch.getRecords().get(2)) + ": " + reason, summary.path("retries").path(0).asText());

        // WHEN Lambda retries from the reported record, which brings the two delivered records after it again
        RelayResult retry = relay.relay(KinesisToKafkaHandler.toSourceRecords(
                KinesisBatches.eventOf(batch.getRecords().subList(2, 5))), Duration.ofSeconds(30));

        // THEN the bad record is reported again, and the records already delivered are skipped, not written twice
        assertEquals(List.of(seq(batch.getRecords().get(2))), retry.failures().stream().map(RelayResult.Failure::sequenceNumber).toList());
        assertEquals(List.of(0, 2), List.of(retry.delivered(), retry.alreadyDelivered()));
        assertEquals(4, sequenceNumbers(TopicReader.readAll(kafka.bootstrapServers(), "client.unqueued-events")).size());
    }

    @Test
    void relay_reportsEveryRecord_whenTheInvocationHasNoTimeLeft() {
        // GIVEN an invocation with less time left than the response margin
        String arn = kinesisServer.createStream("late-events", 1);
        kafka.createTopic("client.late-events", 1, Map.of());
        KinesisBatches.put(kinesis, "late-events", events(5, 1));
        KinesisEvent batch = KinesisBatches.eventsPerShard(kinesis, "late-events", arn).get(0);
        KinesisToKafkaHandler handler = handler(settings("client.late-events", RelayFormat.BYTES, null));

        // WHEN handled with 1 s left
        StreamsEventResponse response = handler.handleRequest(batch, new RemainingTimeContext(1_000));

        // THEN every record is reported and none written
        assertEquals(5, response.getBatchItemFailures().size());
        assertEquals(0, TopicReader.readAll(kafka.bootstrapServers(), "client.late-events").size());
    }

    /** Each key's Kinesis sequence numbers in Kafka order (partition, offset), asserted ascending. */
    private static Map<String, List<BigInteger>> assertPerKeyOrder(List<ConsumerRecord<byte[], byte[]>> out) {
        Map<String, List<BigInteger>> sequencesPerKey = new HashMap<>();
        out.stream().sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                        : Long.compare(a.offset(), b.offset()))
                .forEach(r -> sequencesPerKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(new BigInteger(TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER))));
        sequencesPerKey.forEach((key, sequences) -> assertEquals(sequences.stream().sorted().toList(), sequences,
                "records of key " + key + " are out of order"));
        return sequencesPerKey;
    }

    /** A relay with a real producer whose log lines go to {@code log}. */
    private KafkaRelay relay(RelaySettings settings, ByteArrayOutputStream log) {
        KafkaRelay relay = new KafkaRelay(settings, () -> new org.apache.kafka.clients.producer.KafkaProducer<>(
                settings.producerProperties()), settings.failureQueueUrl() == null ? null : sqs,
                new market.udong.lambdas.logging.StructuredLog(KafkaRelay.SERVICE,
                        new java.io.PrintStream(log, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
        relays.add(relay);
        return relay;
    }

    private static List<JsonNode> logLines(ByteArrayOutputStream log) {
        return LogLines.of(log);
    }

    private KinesisToKafkaHandler handler(RelaySettings settings) {
        KafkaRelay relay = new KafkaRelay(settings, settings.failureQueueUrl() == null ? null : sqs);
        relays.add(relay);
        return new KinesisToKafkaHandler(relay);
    }

    private static RelaySettings settings(String topic, RelayFormat format, String queueUrl) {
        return new RelaySettings(kafka.bootstrapServers(), RelaySettings.KafkaAuth.PLAINTEXT, topic, format,
                topic.equals("client.mixed-events") ? 10240 : RelaySettings.DEFAULT_MAX_MESSAGE_BYTES, queueUrl,
                Duration.ofSeconds(10), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000"));
    }

    /** {@code count} JSON events spread round-robin over {@code keys} partition keys. */
    static List<KinesisBatches.Put> events(int count, int keys) {
        List<KinesisBatches.Put> puts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = "member-" + (i % keys);
            puts.add(new KinesisBatches.Put(key, ("{\"member\":\"" + key + "\",\"n\":" + i + ",\"event\":\"view\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return puts;
    }

    private static Map<String, KinesisEvent.KinesisEventRecord> bySequenceNumber(List<KinesisEvent> batches) {
        Map<String, KinesisEvent.KinesisEventRecord> bySequence = new LinkedHashMap<>();
        batches.forEach(b -> b.getRecords().forEach(r -> bySequence.put(seq(r), r)));
        return bySequence;
    }

    private static Set<String> sequenceNumbers(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> sequences = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertTrue(sequences.add(TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER)),
                    "written twice: " + TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER));
        }
        return sequences;
    }

    private static String seq(KinesisEvent.KinesisEventRecord record) {
        return record.getKinesis().getSequenceNumber();
    }

    private static byte[] bytesOf(KinesisEvent.KinesisEventRecord record) {
        var data = record.getKinesis().getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    /** Receives until {@code expected} messages arrived (or 5 polls passed), then once more to catch extras. */
    private static Map<String, JsonNode> receive(String queueUrl, int expected) throws Exception {
        Map<String, JsonNode> bySequence = new HashMap<>();
        for (int attempt = 0; attempt < 5 && bySequence.size() < expected; attempt++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (Message m : messages) {
                JsonNode body = JSON.readTree(m.body());
                assertNotNull(body.get("reason"));
                assertFalse(bySequence.containsKey(body.get("sequenceNumber").asText()), "queued twice");
                bySequence.put(body.get("sequenceNumber").asText(), body);
            }
        }
        List<Message> extra = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        assertTrue(extra.isEmpty(), "more messages than expected: " + extra);
        return bySequence;
    }
}
