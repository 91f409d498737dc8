package market.udong.lambdas.relay;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.udong.core.config.EnvironmentConfig.RelayTuning;
import market.udong.core.config.RelayFormat;
import market.udong.core.testing.LocalKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Relay throughput benchmark ({@code bin/bench relay}), not a test: 1 KiB records through
 * {@link KinesisToKafkaHandler} into an in-JVM broker, next to a plain producer sending the same
 * records (same key, value, timestamp and headers, same producer settings) in the same run.
 *
 * <p>Three long-lived variants, each writing its own topic:
 * <ul>
 * <li>{@code plain}: one producer sends a whole chunk and flushes once — the upper bound;</li>
 * <li>{@code plain, flush per batch}: the same, flushing every batch-size records — Lambda's
 *     batch-at-a-time model with no relay code at all;</li>
 * <li>{@code relay}: the handler, batch after batch, as Lambda invokes it for one shard with a
 *     parallelization factor of 1;</li>
 * <li>{@code relay, parallelization factor P} (P = the platform's default, {@link RelayTuning}):
 *     as Lambda runs a shard with factor P — P execution environments, each with its own handler
 *     and producer, each taking the records of its share of the partition keys batch after batch
 *     (so records of one key stay in order), all at once.</li>
 * </ul>
 * The variants take turns chunk by chunk (rotating order) so that load from other processes on
 * the machine falls on all three alike; each variant's rate is its records over its summed time,
 * and the ratio's spread is shown per chunk. Arguments: {@code chunk=20000 chunks=12 batch=B
 * format=bytes|json partitions=3 parallel=P} (B and P default to the platform's relay defaults), {@code producer.<property>=<value>} to override a producer
 * setting in every variant, and {@code jfr=FILE} to write a flight recording (profile settings).
 */
public final class RelayBenchmark {
    private static final int RECORD_BYTES = 1024;
    private static final int KEYS = 100;
    private static final int WARM_UP_CHUNKS = 2;
    private static final int VARIANTS = 4;
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:111111111111:stream/bench-events";
    private static final String SHARD = "shardId-000000000000";

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int chunk = Integer.parseInt(options.getOrDefault("chunk", "20000"));
        int chunks = Integer.parseInt(options.getOrDefault("chunks", "12"));
        RelayTuning defaults = new RelayTuning(null, null, null, null, null, null);
        int batchSize = Integer.parseInt(options.getOrDefault("batch", String.valueOf(defaults.batchSize())));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        int parallel = Integer.parseInt(options.getOrDefault("parallel", String.valueOf(defaults.parallelizationFactor())));
        RelayFormat format = RelayFormat.of(options.getOrDefault("format", "bytes"));
        Map<String, String> producerOverrides = new java.util.TreeMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith("producer.")) {
                producerOverrides.put(k.substring("producer.".length()), v);
            }
        });

        jdk.jfr.Recording recording = null;
        if (options.containsKey("jfr")) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        List<SourceRecord> source = records(chunk);
        List<KinesisEvent> events = events(source, batchSize);
        List<List<KinesisEvent>> eventsByEnvironment = new ArrayList<>();
        for (int e = 0; e < parallel; e++) {
            int share = e;
            eventsByEnvironment.add(events(source.stream()
                    .filter(r -> Math.floorMod(r.partitionKey().hashCode(), parallel) == share).toList(), batchSize));
        }
        System.out.printf(Locale.ROOT, "relay benchmark: %d chunks of %,d records of %d bytes (after %d warm-up chunks), "
                        + "batches of %d, parallelization factor %d, format %s, %d partitions, producer overrides %s%n",
                chunks, chunk, RECORD_BYTES, WARM_UP_CHUNKS, batchSize, parallel, format.id(), partitions,
                producerOverrides);

        try (LocalKafka kafka = LocalKafka.start()) {
            Function<String, RelaySettings> settings = topic -> new RelaySettings(kafka.bootstrapServers(),
                    RelaySettings.KafkaAuth.PLAINTEXT, topic, format, RelaySettings.DEFAULT_MAX_MESSAGE_BYTES, null,
                    Duration.ofSeconds(60), producerOverrides);
            for (int v = 0; v < VARIANTS; v++) {
                kafka.createTopic("bench." + v, partitions, Map.of());
            }
            try (KafkaProducer<byte[], byte[]> plain = new KafkaProducer<>(settings.apply("bench.0").producerProperties());
                 KafkaProducer<byte[], byte[]> batched = new KafkaProducer<>(settings.apply("bench.1").producerProperties());
                 KafkaRelay relay = new KafkaRelay(settings.apply("bench.2"), null);
                 Environments environments = new Environments(parallel, () -> new KafkaRelay(settings.apply("bench.3"), null))) {
                KinesisToKafkaHandler handler = new KinesisToKafkaHandler(relay);
                List<ProducerRecord<byte[], byte[]>> plainRecords = producerRecords("bench.0", source);
                List<ProducerRecord<byte[], byte[]>> batchedRecords = producerRecords("bench.1", source);
                long[] nanos = new long[VARIANTS];
                long[] cpu = new long[VARIANTS];
                List<Double> ratios = new ArrayList<>();
                List<Double> parallelRatios = new ArrayList<>();
                for (int c = 0; c < WARM_UP_CHUNKS + chunks; c++) {
                    long[] chunkNanos = new long[VARIANTS];
                    for (int k = 0; k < VARIANTS; k++) {
                        int variant = (c + k) % VARIANTS;
                        long start = System.nanoTime();
                        long startCpu = processCpuNanos();
                        switch (variant) {
                            case 0 -> send(plain, plainRecords, plainRecords.size());
                            case 1 -> send(batched, batchedRecords, batchSize);
                            case 2 -> relay(handler, events);
                            default -> environments.relay(eventsByEnvironment);
                        }
                        chunkNanos[variant] = System.nanoTime() - start;
                        if (c >= WARM_UP_CHUNKS) {
                            nanos[variant] += chunkNanos[variant];
                            cpu[variant] += processCpuNanos() - startCpu;
                        }
                    }
                    if (c >= WARM_UP_CHUNKS) {
                        ratios.add((double) chunkNanos[0] / chunkNanos[2]);
                        parallelRatios.add((double) chunkNanos[0] / chunkNanos[3]);
                    }
                }
                long total = (long) chunk * chunks;
                double plainRate = total / (nanos[0] / 1e9);
                System.out.println();
                System.out.println("| variant | records/s | MiB/s of data | ratio to plain | CPU µs per record (whole process) |");
                System.out.println("|---|---:|---:|---:|---:|");
                String[] labels = {"plain producer, one flush per " + chunk + " records (upper bound)",
                        "plain producer, flush every " + batchSize + " records",
                        "relay handler, batches of " + batchSize + ", parallelization factor 1",
                        "relay handler, batches of " + batchSize + ", parallelization factor " + parallel};
                for (int v = 0; v < VARIANTS; v++) {
                    double rate = total / (nanos[v] / 1e9);
                    System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.2f | %.1f |%n", labels[v], rate,
                            rate * RECORD_BYTES / (1024.0 * 1024.0), rate / plainRate, cpu[v] / 1e3 / total);
                }
                System.out.println();
                spread("relay (factor 1)/plain", ratios);
                spread("relay (factor " + parallel + ")/plain", parallelRatios);
            }
        }
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(options.get("jfr")));
            System.out.println("flight recording: " + options.get("jfr"));
        }
        System.exit(0);
    }

    private static void spread(String label, List<Double> ratios) {
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%s per chunk: median %.2f, quartiles %.2f to %.2f, range %.2f to %.2f%n",
                label, median(sorted), sorted.get(sorted.size() / 4), sorted.get((3 * sorted.size()) / 4),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** P Lambda execution environments of one shard: each its own handler and producer, run at once. */
    private static final class Environments implements AutoCloseable {
        private final List<KafkaRelay> relays = new ArrayList<>();
        private final List<KinesisToKafkaHandler> handlers = new ArrayList<>();
        private final ExecutorService threads;

        Environments(int count, java.util.function.Supplier<KafkaRelay> relay) {
            for (int i = 0; i < count; i++) {
                relays.add(relay.get());
                handlers.add(new KinesisToKafkaHandler(relays.get(i)));
            }
            threads = Executors.newFixedThreadPool(count);
        }

        void relay(List<List<KinesisEvent>> eventsByEnvironment) throws Exception {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < handlers.size(); i++) {
                KinesisToKafkaHandler handler = handlers.get(i);
                List<KinesisEvent> events = eventsByEnvironment.get(i);
                running.add(threads.submit(() -> RelayBenchmark.relay(handler, events)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }

        @Override
        public void close() {
            threads.shutdownNow();
            relays.forEach(KafkaRelay::close);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records,
                             int flushEvery) {
        int sent = 0;
        for (ProducerRecord<byte[], byte[]> record : records) {
            producer.send(record, (m, e) -> {
                if (e != null) {
                    throw new IllegalStateException("plain send failed", e);
                }
            });
            if (++sent % flushEvery == 0) {
                producer.flush();
            }
        }
        producer.flush();
    }

    private static void relay(KinesisToKafkaHandler handler, List<KinesisEvent> events) {
        for (KinesisEvent event : events) {
            StreamsEventResponse response = handler.handleRequest(event, null);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("relay reported " + response.getBatchItemFailures().size() + " failures");
            }
        }
    }

    /** The plain producer's records: what the relay would build, built ahead (not timed). */
    private static List<ProducerRecord<byte[], byte[]>> producerRecords(String topic, List<SourceRecord> source) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(source.size());
        RelayHeaderValues headers = RelayHeaderValues.forBatch();
        for (SourceRecord r : source) {
            Header[] h = headers.headersOf(r);
            out.add(new ProducerRecord<>(topic, null, r.arrivalTime().toEpochMilli(),
                    r.partitionKey().getBytes(StandardCharsets.UTF_8), r.data(), new RecordHeaders(h)));
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** 1 KiB JSON events over {@value #KEYS} keys: a small header and printable filler (lz4 shrinks it to about 3/4). */
    private static List<SourceRecord> records(int count) {
        Random random = new Random(42);
        Instant arrival = Instant.parse("2026-05-01T09:30:00Z");
        List<SourceRecord> records = new ArrayList<>(count);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int i = 0; i < count; i++) {
            String key = "member-" + random.nextInt(KEYS);
            StringBuilder json = new StringBuilder(RECORD_BYTES)
                    .append("{\"member\":\"").append(key).append("\",\"n\":").append(i)
                    .append(",\"event\":\"view\",\"item\":\"kitsune-udon\",\"note\":\"");
            while (json.length() < RECORD_BYTES - 2) {
                json.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            json.append("\"}");
            records.add(new SourceRecord(STREAM_ARN, SHARD, String.format(Locale.ROOT, "4959%052d", i), key,
                    json.toString().getBytes(StandardCharsets.UTF_8), arrival.plusMillis(i / 10)));
        }
        return records;
    }

    /** The events Lambda would pass for these records, {@code batchSize} per invocation. */
    private static List<KinesisEvent> events(List<SourceRecord> source, int batchSize) {
        List<KinesisEvent> events = new ArrayList<>();
        for (int from = 0; from < source.size(); from += batchSize) {
            List<KinesisEvent.KinesisEventRecord> batch = new ArrayList<>(batchSize);
            for (SourceRecord r : source.subList(from, Math.min(source.size(), from + batchSize))) {
                KinesisEvent.Record kinesis = new KinesisEvent.Record();
                kinesis.setData(ByteBuffer.wrap(r.data()));
                kinesis.setPartitionKey(r.partitionKey());
                kinesis.setSequenceNumber(r.sequenceNumber());
                kinesis.setApproximateArrivalTimestamp(Date.from(r.arrivalTime()));
                kinesis.setKinesisSchemaVersion("1.0");
                KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
                record.setKinesis(kinesis);
                record.setEventID(SHARD + ":" + r.sequenceNumber());
                record.setEventSourceARN(STREAM_ARN);
                record.setEventSource("aws:kinesis");
                batch.add(record);
            }
            events.add(KinesisBatches.eventOf(batch));
        }
        return events;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are name=value, got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
