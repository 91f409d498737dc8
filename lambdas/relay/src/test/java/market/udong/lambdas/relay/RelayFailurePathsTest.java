package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import market.udong.core.config.RelayFormat;
import market.udong.core.streams.RelayHeaders;
import market.udong.core.testing.LocalKafka;
import market.udong.core.testing.LocalSqs;
import market.udong.core.testing.LogLines;
import market.udong.lambdas.logging.StructuredLog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The relay's failure paths against a real broker and a real queue: a send that throws, a batch
 * whose acknowledgements do not come in time (the producer aborted and replaced), an abort that
 * fails, an interrupted wait, a record the broker rejects, a failure queue that refuses, the
 * delivered-records memory across retries, the flush that ends a lingering batch, and what
 * {@link KafkaRelay#close()} leaves running.
 *
 * <p>Acknowledgements are held back by stopping the broker after the relay's producer has
 * learned the topic's partitions: sends are taken and retried until the producer's delivery
 * timeout (10 s), longer than the deadlines these tests set. The producers keep that metadata
 * while the broker is down ({@code metadata.recovery.strategy=none}); with the default
 * ({@code rebootstrap}) they forget it and send() blocks for metadata instead, the case
 * {@link #unreachableBrokers_failTheFirstSend_andTheRestIsNotSent} covers.
 */
class RelayFailurePathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:kinesis:ap-northeast-2:111111111111:stream/app-events";
    private static final String SHARD = "shardId-000000000000";
    private static final String DEADLINE_LINE = "records unacknowledged at the deadline; aborting the producer so none "
            + "is written after being reported";

    private static LocalKafka kafka;
    private static LocalSqs sqsServer;
    private static SqsClient sqs;

    private final List<KafkaRelay> relays = new ArrayList<>();
    private final List<Producer<byte[], byte[]>> producersMade = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void startServers() {
        kafka = LocalKafka.start();
        sqsServer = LocalSqs.start();
        sqs = sqsServer.client();
    }

    @AfterAll
    static void stopServers() {
        if (sqs != null) {
            sqs.close();
        }
        if (sqsServer != null) {
            sqsServer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void closeRelays() {
        kafka.restart();
        relays.forEach(KafkaRelay::close);
        // A producer the relay let go of (an abort that failed) is still ours to stop.
        producersMade.forEach(p -> p.close(Duration.ofSeconds(1)));
    }

    @Test
    void unreachableBrokers_failTheFirstSend_andTheRestIsNotSent() {
        // GIVEN a relay whose brokers cannot be reached, so send() gives up after max.block.ms
        RelaySettings settings = settings("127.0.0.1:" + closedPort(), "client.unreachable", RelayFormat.BYTES, null,
                Duration.ofSeconds(10), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300"));
        KafkaRelay relay = relay(settings, null);

        // WHEN four records are relayed
        RelayResult result = relay.relay(records(4, "member-"), Duration.ofSeconds(30));

        // THEN every record is reported in order: the first with the send's error, the rest as not
        // sent because of it (each would have blocked max.block.ms again)
        assertEquals(List.of("100", "101", "102", "103"), sequences(result));
        String first = result.failures().get(0).reason();
        assertTrue(first.startsWith("send failed: TimeoutException: "), first);
        assertLaterRecordsNotSentBecauseOf(first.substring("send failed: ".length()), result);
        assertEquals(List.of(0, 0, 0), List.of(result.delivered(), result.deadLettered(), result.alreadyDelivered()));
        // AND the batch ends without waiting for the deadline: no record was left pending
        assertTrue(lines("message", DEADLINE_LINE).isEmpty(), log.toString(StandardCharsets.UTF_8));
        assertEquals(4, lines("message", "batch not fully relayed").get(0).path("toRetry").asInt());
    }

    @Test
    void aSendThatThrows_failsItsRecord_andReportsTheRestAsNotSent() {
        // GIVEN a relay handed a producer that cannot take records (closed)
        String topic = "client.closed-producer";
        kafka.createTopic(topic, 1, Map.of());
        RelaySettings settings = settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(10));
        KafkaRelay relay = relay(settings, () -> {
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(settings.producerProperties());
            p.close();
            return p;
        });

        // WHEN three records are relayed
        RelayResult result = relay.relay(records(3, "member-"), Duration.ofSeconds(30));

        // THEN the first is reported with the exception send() threw, the rest as not sent because of it,
        // and no record was left pending until the deadline
        assertEquals(List.of("100", "101", "102"), sequences(result));
        String first = result.failures().get(0).reason();
        assertTrue(first.startsWith("send failed: IllegalStateException: "), first);
        assertLaterRecordsNotSentBecauseOf(first.substring("send failed: ".length()), result);
        assertTrue(lines("message", DEADLINE_LINE).isEmpty(), log.toString(StandardCharsets.UTF_8));
        assertEquals(0, TopicReader.readAll(kafka.bootstrapServers(), topic).size());
    }

    private static void assertLaterRecordsNotSentBecauseOf(String cause, RelayResult result) {
        for (RelayResult.Failure later : result.failures().subList(1, result.failures().size())) {
            assertEquals("not sent: an earlier record of the batch failed (" + cause + ")", later.reason());
        }
    }

    @Test
    void unacknowledgedRecords_areReportedAtTheDeadline_whicheverOfBudgetAndSendTimeoutIsShorter() {
        // GIVEN two relays whose producers know the topic, and a broker that then stops
        String topic = topic("client.stuck-deadlines");
        KafkaRelay longTimeout = knowingRelay(settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(20)));
        KafkaRelay shortTimeout = knowingRelay(settings(topic, RelayFormat.BYTES, null, Duration.ofMillis(700)));
        kafka.stop();

        // WHEN relayed with a budget shorter than the send timeout, and with a send timeout shorter than the budget
        RelayResult byBudget = longTimeout.relay(records(3, "a-"), Duration.ofMillis(600));
        RelayResult byTimeout = shortTimeout.relay(records(2, "b-"), Duration.ofSeconds(20));

        // THEN each waited for the shorter of the two, aborted its producer, and reported every record
        List<JsonNode> deadlines = lines("message", DEADLINE_LINE);
        assertEquals(2, deadlines.size(), log.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(600, 3, 3), List.of(deadlines.get(0).path("waitedMs").asInt(),
                deadlines.get(0).path("unacknowledged").asInt(), deadlines.get(0).path("records").asInt()));
        assertEquals(List.of(700, 2, 2), List.of(deadlines.get(1).path("waitedMs").asInt(),
                deadlines.get(1).path("unacknowledged").asInt(), deadlines.get(1).path("records").asInt()));
        assertEquals(List.of("100", "101", "102"), sequences(byBudget));
        assertEquals(List.of("100", "101"), sequences(byTimeout));
        // The abort failed the records itself (closed forcefully), so none is left to be written later
        byBudget.failures().forEach(f -> assertTrue(f.reason().startsWith("send failed: "), f.reason()));
        byTimeout.failures().forEach(f -> assertTrue(f.reason().startsWith("send failed: "), f.reason()));
    }

    @Test
    void anAbortedProducer_isReplacedForTheRetry_andWritesNothingBehindIt() throws Exception {
        // GIVEN a relay whose first batch times out while the broker is down
        String topic = topic("client.stuck-then-healed");
        AtomicInteger made = new AtomicInteger();
        RelaySettings settings = settings(topic, RelayFormat.BYTES, null, Duration.ofMillis(700));
        KafkaRelay relay = relay(settings, counting(made, knowing(topic, settings)));
        kafka.stop();
        List<SourceRecord> batch = records(5, "member-");
        RelayResult first = relay.relay(batch, Duration.ofSeconds(20));
        assertEquals(5, first.failures().size());
        assertEquals(1, made.get(), "one producer so far");

        // WHEN the broker is back and Lambda retries the batch
        kafka.restart();
        RelayResult retry = relay.relay(batch, Duration.ofSeconds(20));

        // THEN the retry ran on a new producer and the topic holds each record once: the aborted
        // producer wrote nothing after its records were reported
        assertEquals(List.of(), retry.failures());
        assertEquals(5, retry.delivered());
        assertEquals(2, made.get(), "the aborted producer was replaced");
        Thread.sleep(500);
        assertEquals(List.of("100", "101", "102", "103", "104"), TopicReader.readAll(kafka.bootstrapServers(), topic).stream()
                .map(r -> TopicReader.header(r, RelayHeaders.SEQUENCE_NUMBER)).sorted().toList());
    }

    @Test
    void anAbortThatFailsToClose_isLogged_itsRecordsAreReported_andTheNextBatchGetsANewProducer() {
        // GIVEN a producer whose close(ZERO) throws before aborting anything
        String topic = topic("client.stuck-unclosable");
        AtomicInteger made = new AtomicInteger();
        RelaySettings settings = settings(topic, RelayFormat.BYTES, null, Duration.ofMillis(600));
        KafkaRelay relay = relay(settings, counting(made, () -> {
            AbortRefusingProducer p = new AbortRefusingProducer(settings.producerProperties());
            p.partitionsFor(topic);
            return p;
        }));
        kafka.stop();

        // WHEN a batch times out
        RelayResult result = relay.relay(records(2, "member-"), Duration.ofSeconds(20));

        // THEN the failed close is logged with its error, and the records are reported as unacknowledged
        List<JsonNode> refused = lines("message", "closing the aborted producer failed");
        assertEquals(1, refused.size(), log.toString(StandardCharsets.UTF_8));
        assertEquals("KafkaException: close refused for the test", refused.get(0).path("error").asText());
        assertEquals(List.of("no acknowledgement within 600 ms", "no acknowledgement within 600 ms"),
                result.failures().stream().map(RelayResult.Failure::reason).toList());
        // AND the relay let the producer go: the next batch is sent by a new one
        kafka.restart();
        relay.relay(records(1, "next-"), Duration.ofMillis(100));
        assertEquals(2, made.get());
    }

    @Test
    void anInterruptedWait_abortsAtOnce_reportsTheBatch_andKeepsTheInterrupt() {
        // GIVEN a relay with a long send timeout whose producer knows the topic, and a stopped broker
        String topic = topic("client.stuck-interrupted");
        KafkaRelay relay = knowingRelay(settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(60)));
        kafka.stop();

        // WHEN the relaying thread is interrupted
        Thread.currentThread().interrupt();
        RelayResult result;
        boolean stillInterrupted;
        try {
            result = relay.relay(records(3, "member-"), Duration.ofSeconds(60));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        // THEN it stops waiting, aborts the producer (which fails the records itself), reports them all,
        // and leaves the thread interrupted for its owner
        assertTrue(stillInterrupted, "the interrupt was swallowed");
        assertEquals(1, lines("message", DEADLINE_LINE).size(), log.toString(StandardCharsets.UTF_8));
        assertTrue(lines("message", "closing the aborted producer failed").isEmpty(), log.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("100", "101", "102"), sequences(result));
        result.failures().forEach(f -> assertTrue(f.reason().startsWith("send failed: "), f.reason()));
    }

    @Test
    void aBudgetAlreadySpent_sendsNothing_andSaysSo() {
        // GIVEN a healthy topic
        String topic = "client.late";
        kafka.createTopic(topic, 1, Map.of());
        KafkaRelay relay = relay(settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(10)), null);

        // WHEN relayed with a budget that is already negative
        RelayResult result = relay.relay(records(3, "member-"), Duration.ofMillis(-500));

        // THEN every record is reported as not sent, with the budget it had (none), and nothing is written
        assertEquals(List.of("not sent: the batch's time budget of 0 ms ran out",
                        "not sent: the batch's time budget of 0 ms ran out", "not sent: the batch's time budget of 0 ms ran out"),
                result.failures().stream().map(RelayResult.Failure::reason).toList());
        assertEquals(0, TopicReader.readAll(kafka.bootstrapServers(), topic).size());
    }

    @Test
    void aRecordTheBrokerRejectsAsTooLarge_goesToTheFailureQueue_andTheRestIsDelivered() throws Exception {
        // GIVEN a topic that takes 2 KiB messages while the relay was told 1 MiB (a config drift), and
        // an 8 KiB record that does not compress between small ones
        String topic = "client.drifted";
        kafka.createTopic(topic, 1, Map.of("max.message.bytes", "2048"));
        String queue = sqsServer.createQueue("relay-drifted-failures");
        KafkaRelay relay = relay(settings(topic, RelayFormat.BYTES, queue, Duration.ofSeconds(10)), null);
        List<SourceRecord> batch = new ArrayList<>(records(4, "member-"));
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        batch.set(2, record("102", "member-2", noise));

        // WHEN relayed
        RelayResult result = relay.relay(batch, Duration.ofSeconds(20));

        // THEN the broker's rejection sends the record to the queue with Kafka's reason, and the others land
        assertEquals(List.of(), result.failures());
        assertEquals(List.of(3, 1), List.of(result.delivered(), result.deadLettered()));
        assertEquals(3, TopicReader.readAll(kafka.bootstrapServers(), topic).size());
        var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertEquals(1, messages.size());
        JsonNode message = JSON.readTree(messages.get(0).body());
        assertEquals("102", message.path("sequenceNumber").asText());
        assertTrue(message.path("reason").asText().startsWith("rejected by Kafka: RecordTooLargeException: "), message.toString());
    }

    @Test
    void aFailureQueueThatRefuses_leavesTheRecordReported_withBothReasons() {
        // GIVEN a JSON relay whose failure queue no longer exists
        String topic = "client.refused";
        kafka.createTopic(topic, 1, Map.of());
        String queue = sqsServer.createQueue("relay-gone-failures");
        sqs.deleteQueue(b -> b.queueUrl(queue));
        KafkaRelay relay = relay(settings(topic, RelayFormat.JSON, queue, Duration.ofSeconds(10)), null);
        List<SourceRecord> batch = new ArrayList<>(records(3, "member-"));
        batch.set(1, record("101", "member-1", "{\"event\":".getBytes(StandardCharsets.UTF_8)));

        // WHEN relayed
        RelayResult result = relay.relay(batch, Duration.ofSeconds(20));

        // THEN the bad record is reported with why it is bad and why the queue did not take it
        assertEquals(List.of("101"), sequences(result));
        String reason = result.failures().get(0).reason();
        assertTrue(reason.startsWith("not valid JSON: ") && reason.contains("; the failure queue refused it: QueueDoesNotExistException"),
                reason);
        assertEquals(List.of(2, 0), List.of(result.delivered(), result.deadLettered()));
        assertTrue(lines("message", "record went to the failure queue").isEmpty());
    }

    @Test
    void failuresAtTheFirstRecordAndLater_rememberEveryRecordDeliveredAfterTheFirst_andACleanBatchForgetsThem() {
        // GIVEN a JSON relay without a failure queue and a batch whose records 0 and 2 are not JSON
        String topic = "client.remembered";
        kafka.createTopic(topic, 1, Map.of());
        KafkaRelay relay = relay(settings(topic, RelayFormat.JSON, null, Duration.ofSeconds(10)), null);
        List<SourceRecord> batch = new ArrayList<>(records(5, "member-"));
        batch.set(0, record("100", "member-0", "{".getBytes(StandardCharsets.UTF_8)));
        batch.set(2, record("102", "member-2", "[".getBytes(StandardCharsets.UTF_8)));

        // WHEN relayed, and retried from the first reported record (the whole batch)
        RelayResult first = relay.relay(batch, Duration.ofSeconds(20));
        int rememberedAfterFirst = relay.rememberedDeliveries();
        RelayResult retry = relay.relay(batch, Duration.ofSeconds(20));

        // THEN the three good records were written once, and the retry skipped all three
        assertEquals(List.of("100", "102"), sequences(first));
        assertEquals(3, rememberedAfterFirst);
        assertEquals(List.of("100", "102"), sequences(retry));
        assertEquals(List.of(0, 3), List.of(retry.delivered(), retry.alreadyDelivered()));
        assertEquals(3, TopicReader.readAll(kafka.bootstrapServers(), topic).size());

        // WHEN a batch of the good records alone goes through with nothing reported (it will not come again)
        RelayResult clean = relay.relay(List.of(batch.get(1), batch.get(3), batch.get(4)), Duration.ofSeconds(20));

        // THEN they are skipped once more and then forgotten
        assertEquals(List.of(List.of(), 3), List.of(clean.failures(), clean.alreadyDelivered()));
        assertEquals(0, relay.rememberedDeliveries());
    }

    @Test
    void aLingeringProducer_isFlushed_soTheBatchIsAcknowledgedWellInsideItsBudget() {
        // GIVEN a producer that would hold records back for a minute before sending them
        String topic = "client.lingering";
        kafka.createTopic(topic, 1, Map.of());
        KafkaRelay relay = relay(settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(5), Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "60000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000")), null);

        // WHEN a batch is relayed with a 5 s send timeout
        RelayResult result = relay.relay(records(10, "member-"), Duration.ofSeconds(20));

        // THEN every record is acknowledged: the relay's flush sent them
        assertEquals(List.of(), result.failures());
        assertEquals(10, result.delivered());
        assertTrue(lines("message", DEADLINE_LINE).isEmpty());
    }

    @Test
    void close_stopsTheProducersNetworkThread_andTheFlushThread_andIsSafeAfterAnAbort() throws Exception {
        // GIVEN a relay that delivered a batch, and one whose producer was aborted
        List<Thread> flushersBefore = threads("relay-flush");
        String topic = "client.closing";
        kafka.createTopic(topic, 1, Map.of());
        KafkaRelay healthy = relay(settings(topic, RelayFormat.BYTES, null, Duration.ofSeconds(10)), null);
        healthy.relay(records(2, "member-"), Duration.ofSeconds(20));
        String stuck = topic("client.closing-stuck");
        KafkaRelay aborted = knowingRelay(settings(stuck, RelayFormat.BYTES, null, Duration.ofMillis(300)));
        kafka.stop();
        aborted.relay(records(1, "member-"), Duration.ofSeconds(20));
        kafka.restart();
        List<Thread> network = threads("kafka-producer-network-thread | udong-relay-" + topic);
        List<Thread> flushers = threads("relay-flush").stream().filter(t -> !flushersBefore.contains(t)).toList();
        assertEquals(1, network.size());
        assertEquals(2, flushers.size(), "one flush thread per relay");
        // The flush thread never keeps the runtime's JVM from exiting
        flushers.forEach(t -> assertTrue(t.isDaemon(), t.getName()));

        // WHEN both are closed
        healthy.close();
        aborted.close();

        // THEN the producer's network thread and every flush thread have ended
        for (Thread t : network) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName());
        }
        for (Thread t : flushers) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName());
        }
    }

    @Test
    void theHandler_marksItsLogLinesWithTheInvocationsRequestId_andReportsWhatTheRelayReports() {
        // GIVEN the handler over a JSON relay without a failure queue, and a batch with one bad record
        String topic = topic("client.handled");
        KinesisToKafkaHandler handler = new KinesisToKafkaHandler(relay(settings(topic, RelayFormat.JSON, null,
                Duration.ofSeconds(10)), null));
        var event = RelayRecordPartsTest.event(
                RelayRecordPartsTest.eventRecord(SHARD + ":100", "100", java.nio.ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)),
                        new java.util.Date()),
                RelayRecordPartsTest.eventRecord(SHARD + ":101", "101", java.nio.ByteBuffer.wrap("{".getBytes(StandardCharsets.UTF_8)),
                        new java.util.Date()));

        // WHEN Lambda invokes it
        var response = handler.handleRequest(event, new RemainingTimeContext(60_000));

        // THEN the bad record is the one failure, and the summary line names the request
        assertEquals(List.of("101"), response.getBatchItemFailures().stream()
                .map(com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
        List<JsonNode> summaries = lines("message", "batch not fully relayed");
        assertEquals(1, summaries.size());
        assertEquals("test-request", summaries.get(0).path("function_request_id").asText());
        assertEquals(1, TopicReader.readAll(kafka.bootstrapServers(), topic).size());
    }

    /** A real producer whose abort (close with no wait) fails before it closes anything. */
    static final class AbortRefusingProducer extends KafkaProducer<byte[], byte[]> {
        AbortRefusingProducer(Map<String, Object> properties) {
            super(properties);
        }

        @Override
        public void close(Duration timeout) {
            if (timeout.isZero()) {
                throw new KafkaException("close refused for the test");
            }
            super.close(timeout);
        }
    }

    private static String topic(String name) {
        kafka.createTopic(name, 1, Map.of());
        return name;
    }

    /** Producers that have fetched the topic's partitions, so a stopped broker does not block send(). */
    private static Supplier<Producer<byte[], byte[]>> knowing(String topic, RelaySettings settings) {
        return () -> {
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(settings.producerProperties());
            p.partitionsFor(topic);
            return p;
        };
    }

    private KafkaRelay knowingRelay(RelaySettings settings) {
        return relay(settings, knowing(settings.topic(), settings));
    }

    private Supplier<Producer<byte[], byte[]>> counting(AtomicInteger made, Supplier<Producer<byte[], byte[]>> producers) {
        return () -> {
            made.incrementAndGet();
            return producers.get();
        };
    }

    /** A relay logging to {@link #log}; {@code producers} null: real producers from the settings. */
    private KafkaRelay relay(RelaySettings settings, Supplier<Producer<byte[], byte[]>> producers) {
        Supplier<Producer<byte[], byte[]>> made = producers != null ? producers
                : () -> new KafkaProducer<>(settings.producerProperties());
        KafkaRelay relay = new KafkaRelay(settings, () -> {
            Producer<byte[], byte[]> p = made.get();
            producersMade.add(p);
            return p;
        }, settings.failureQueueUrl() == null ? null : sqs,
                new StructuredLog(KafkaRelay.SERVICE, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        relays.add(relay);
        return relay;
    }

    private static RelaySettings settings(String topic, RelayFormat format, String queueUrl, Duration sendTimeout) {
        return settings(topic, format, queueUrl, sendTimeout, Map.of());
    }

    private static RelaySettings settings(String topic, RelayFormat format, String queueUrl, Duration sendTimeout,
                                          Map<String, String> overrides) {
        return settings(kafka.bootstrapServers(), topic, format, queueUrl, sendTimeout, overrides);
    }

    private static RelaySettings settings(String servers, String topic, RelayFormat format, String queueUrl,
                                          Duration sendTimeout, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                "metadata.recovery.strategy", "none"));
        all.putAll(overrides);
        return new RelaySettings(servers, RelaySettings.KafkaAuth.PLAINTEXT, topic, format,
                RelaySettings.DEFAULT_MAX_MESSAGE_BYTES, queueUrl, sendTimeout, all);
    }

    /** {@code count} small JSON records with sequence numbers 100, 101, ... and keys {@code prefix + i}. */
    private static List<SourceRecord> records(int count, String keyPrefix) {
        List<SourceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(String.valueOf(100 + i), keyPrefix + i,
                    ("{\"n\":" + i + ",\"event\":\"view\"}").getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static SourceRecord record(String sequence, String key, byte[] data) {
        return new SourceRecord(ARN, SHARD, sequence, key, data, Instant.parse("2026-12-03T09:00:00Z"));
    }

    private static List<String> sequences(RelayResult result) {
        return result.failures().stream().map(RelayResult.Failure::sequenceNumber).toList();
    }

    private List<JsonNode> lines(String field, String value) {
        return LogLines.where(log, field, value);
    }

    private static List<Thread> threads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
