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
 * <p>Variants per round, each into a fresh topic:
 * <ul>
 * <li>{@code plain}: one producer, every record sent, one flush at the end — the upper bound;</li>
 * <li>{@code plain, flush per batch}: the same producer, flushing after every batch-size records
 *     — the cost of Lambda's batch-at-a-time model with no relay code at all;</li>
 * <li>{@code relay}: the handler, batch after batch, as Lambda invokes it for one shard.</li>
 * </ul>
 * Arguments: {@code records=100000 batch=500 rounds=7 format=bytes|json partitions=3}, and
 * {@code producer.<property>=<value>} to override a producer setting in every variant.
 */
public final class RelayBenchmark {
    private static final int RECORD_BYTES = 1024;
    private static final int KEYS = 100;
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:111111111111:stream/bench-events";
    private static final String SHARD = "shardId-000000000000";

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int records = Integer.parseInt(options.getOrDefault("records", "100000"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch", "500"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        RelayFormat format = RelayFormat.of(options.getOrDefault("format", "bytes"));
        Map<String, String> producerOverrides = new java.util.TreeMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith("producer.")) {
                producerOverrides.put(k.substring("producer.".length()), v);
            }
        });

        List<SourceRecord> source = records(records);
        List<KinesisEvent> events = events(source, batchSize);
        System.out.printf(Locale.ROOT, "relay benchmark: %,d records of %d bytes, batches of %d, format %s, %d partitions, %d rounds, producer overrides %s%n",
                records, RECORD_BYTES, batchSize, format.id(), partitions, rounds, producerOverrides);

        try (LocalKafka kafka = LocalKafka.start()) {
            Function<String, RelaySettings> settings = topic -> new RelaySettings(kafka.bootstrapServers(),
                    RelaySettings.KafkaAuth.PLAINTEXT, topic, format, RelaySettings.DEFAULT_MAX_MESSAGE_BYTES, null,
                    Duration.ofSeconds(60), producerOverrides);
            // Three variants per round, in rotating order so none always runs on a warmer JVM.
            List<List<Measurement>> results = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                Measurement[] m = new Measurement[3];
                for (int k = 0; k < 3; k++) {
                    int variant = (round + k) % 3;
                    String topic = "bench." + variant + "-" + round;
                    m[variant] = switch (variant) {
                        case 0 -> plain(kafka, settings.apply(topic), source, source.size(), partitions);
                        case 1 -> plain(kafka, settings.apply(topic), source, batchSize, partitions);
                        default -> relay(kafka, settings.apply(topic), events, source.size(), partitions);
                    };
                }
                System.out.printf(Locale.ROOT, "%s %d: plain %,.0f rec/s | plain, flush per batch %,.0f rec/s | relay %,.0f rec/s | relay/plain %.2f%n",
                        round == 0 ? "warm-up" : "round", round, m[0].recordsPerSecond(), m[1].recordsPerSecond(),
                        m[2].recordsPerSecond(), m[2].recordsPerSecond() / m[0].recordsPerSecond());
                if (round > 0) {
                    for (int v = 0; v < 3; v++) {
                        results.get(v).add(m[v]);
                    }
                    ratios.add(m[2].recordsPerSecond() / m[0].recordsPerSecond());
                }
            }
            double plain = median(results.get(0).stream().map(Measurement::recordsPerSecond).toList());
            System.out.println();
            System.out.println("| variant (median of " + rounds + " rounds) | records/s | MiB/s of data | ratio to plain | CPU µs per record (process) |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("plain producer, one flush (upper bound)", results.get(0), plain);
            row("plain producer, flush every " + batchSize + " records", results.get(1), plain);
            row("relay handler, batches of " + batchSize, results.get(2), plain);
            System.out.printf(Locale.ROOT, "%nmedian of the per-round ratios relay/plain: %.2f (rounds: %s)%n", median(ratios),
                    ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
        }
        System.exit(0);
    }

    /** Throughput and CPU time of the whole process (client and broker) per record. */
    private record Measurement(double recordsPerSecond, double cpuMicrosPerRecord) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Measurement measured(long startNanos, long startCpu, int count) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Measurement(count / seconds, (processCpuNanos() - startCpu) / 1e3 / count);
    }

    private static Measurement plain(LocalKafka kafka, RelaySettings settings, List<SourceRecord> source, int flushEvery,
                                int partitions) {
        kafka.createTopic(settings.topic(), partitions, Map.of());
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(source.size());
        RelayHeaderValues headers = RelayHeaderValues.forBatch();
        for (SourceRecord r : source) {
            Header[] h = headers.headersOf(r);
            out.add(new ProducerRecord<>(settings.topic(), null, r.arrivalTime().toEpochMilli(),
                    r.partitionKey().getBytes(StandardCharsets.UTF_8), r.data(), new RecordHeaders(h)));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProperties())) {
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            int sent = 0;
            for (ProducerRecord<byte[], byte[]> record : out) {
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
            return measured(start, cpu, source.size());
        }
    }

    private static Measurement relay(LocalKafka kafka, RelaySettings settings, List<KinesisEvent> events, int count,
                                int partitions) {
        kafka.createTopic(settings.topic(), partitions, Map.of());
        try (KafkaRelay relay = new KafkaRelay(settings, null)) {
            KinesisToKafkaHandler handler = new KinesisToKafkaHandler(relay);
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            for (KinesisEvent event : events) {
                StreamsEventResponse response = handler.handleRequest(event, null);
                if (!response.getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException("relay reported " + response.getBatchItemFailures().size() + " failures");
                }
            }
            return measured(start, cpu, count);
        }
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

    private static void row(String variant, List<Measurement> runs, double plain) {
        double rate = median(runs.stream().map(Measurement::recordsPerSecond).toList());
        double cpu = median(runs.stream().map(Measurement::cpuMicrosPerRecord).toList());
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.2f | %.1f |%n", variant, rate,
                rate * RECORD_BYTES / (1024.0 * 1024.0), rate / plain, cpu);
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
