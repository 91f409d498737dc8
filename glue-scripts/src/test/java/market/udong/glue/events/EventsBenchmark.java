package market.udong.glue.events;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.StreamsConfig.EventField;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.glue.SparkTypes;
import market.udong.glue.TableIngestJob;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bin/bench events}: events per second per core of the events landing job on
 * {@code local[2]} next to a plain Spark Kafka → Parquet job over the same topic in the same run:
 * the plain job parses every record against the same fields with {@code from_json} and writes
 * Parquet files; the landing job classifies, masks, writes quarantine and MERGEs into an Iceberg
 * table. Both read the whole topic from a fresh checkpoint with {@code Trigger.AvailableNow}, on
 * the in-JVM KRaft broker, into a local folder (an Iceberg Hadoop catalog there). Rounds alternate
 * the order; the ratio is reported of the medians and paired by round.
 *
 * <p>Each job run lands into a table created just before it, untimed: after a table's first run
 * the table exists, and a run only checks it (which is timed).
 *
 * <p>Then the time from produce to queryable: a small batch produced, one scheduled run, the
 * table's new snapshot committed; at the default schedule a record waits for the next run on top.
 * Finally what a month of landing costs at several event rates, from the measured rate.
 *
 * <p>Arguments: {@code --events N} (default 400,000), {@code --rounds N} (default 3).
 */
public final class EventsBenchmark {

    private EventsBenchmark() {
    }

    private static final String KEY = "bench-hmac-key-0123456789abcdef0123";
    private static final int CORES = 2;
    /** How long creating each fresh table took (untimed in the runs). */
    private static final List<Double> PREPARE_SECONDS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int events = 400_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; allowed: --events N --rounds N");
            }
        }
        Path work = Files.createTempDirectory("udong-events-bench-");
        SparkSession spark = SparkSession.builder().master("local[" + CORES + "]").appName("udong-events-bench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.bench", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.bench.type", "hadoop")
                // The batches commit through the streaming query's session; no cached table hides them here.
                .config("spark.sql.catalog.bench.cache-enabled", "false")
                .config("spark.sql.catalog.bench.warehouse", "file:" + work.resolve("warehouse"))
                .getOrCreate();
        EventTable config = new ConfigLoader().load(market.udong.core.testing.RepoRoot.find().resolve("config"), "dev").streams().stream()
                .flatMap(s -> s.events().stream()).filter(e -> e.table().equals("app_events")).findFirst().orElseThrow();
        try (SparkKafka kafka = SparkKafka.start()) {
            String topic = "bench.app-events";
            kafka.createTopic(topic, 4);
            long produceStart = System.nanoTime();
            produce(kafka, topic, AppEvent.generate(events, 29));
            System.out.printf(Locale.ROOT, "produced %,d events in %.1f s%n", events, (System.nanoTime() - produceStart) / 1e9);

            List<Double> plain = new ArrayList<>();
            List<Double> job = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                boolean warmUp = round == 0;
                double p;
                double j;
                if (round % 2 == 0) {
                    p = plainRun(spark, kafka, topic, config, work.resolve("plain-" + round));
                    j = jobRun(spark, kafka, config, topic, work, "bench_" + round, events);
                } else {
                    j = jobRun(spark, kafka, config, topic, work, "bench_" + round, events);
                    p = plainRun(spark, kafka, topic, config, work.resolve("plain-" + round));
                }
                System.out.printf(Locale.ROOT, "%s %d: plain %.2f s (%,.0f events/s/core), job %.2f s (%,.0f events/s/core), "
                                + "job/plain %.2f%n", warmUp ? "warm-up" : "round", round, p, events / p / CORES, j,
                        events / j / CORES, p / j);
                if (!warmUp) {
                    plain.add(p);
                    job.add(j);
                }
            }
            double plainMedian = median(plain);
            double jobMedian = median(job);
            List<Double> paired = new ArrayList<>();
            for (int i = 0; i < plain.size(); i++) {
                paired.add(plain.get(i) / job.get(i));
            }
            double rate = events / jobMedian / CORES;
            System.out.printf(Locale.ROOT, "%nmedian: plain %,.0f events/s/core, job %,.0f events/s/core; job/plain %.2f "
                            + "(of medians), %.2f (median of paired rounds); target >= 0.80%n",
                    events / plainMedian / CORES, rate, plainMedian / jobMedian, median(paired));
            System.out.printf(Locale.ROOT, "creating a fresh table before each job run (not timed): median %.2f s%n",
                    median(PREPARE_SECONDS));

            // Produce to queryable: 1,000 new events, one run (what a scheduled run does with them).
            List<Double> small = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String t = "latency_" + i;
                String latencyTopic = "bench.latency-" + i;
                kafka.createTopic(latencyTopic, 4);
                produce(kafka, latencyTopic, AppEvent.generate(1_000, 31 + i));
                small.add(jobRun(spark, kafka, config, latencyTopic, work, t, 1_000));
            }
            double run = median(small);
            int every = config.everyMinutes();
            System.out.printf(Locale.ROOT, "%nproduce to queryable: a run of 1,000 new events takes %.1f s here (median of 3, "
                    + "Spark warm, Glue's start not included); at the default schedule (every %d min) a record waits "
                    + "%.1f min on average and %d min at most for its run, then the run%n", run, every, every / 2.0, every);

            // Cost per month of one table, from the measured rate: scheduled on 2 x G.1X (4 vCPU executor) vs
            // continuous on 2 x G.025X (a 2-vCPU executor).
            double dpuHour = 0.44;
            double startMinutes = 1.0;
            System.out.printf(Locale.ROOT, "%ncost of one event table per month (Seoul, $%.2f/DPU-hour; a run bills at least "
                    + "1 min; %.1f min start-up assumed; rate %,.0f events/s/core as measured):%n", dpuHour, startMinutes, rate);
            System.out.println("events/s  | scheduled every 5 min, 2 x G.1X | continuous, 2 x G.025X");
            for (int eps : new int[] {10, 100, 1_000, 5_000, 20_000}) {
                double perRun = eps * 300.0;
                double runMinutes = Math.max(1.0, startMinutes + perRun / (rate * 4) / 60);
                double scheduled = 8_760 * 2 * runMinutes / 60 * dpuHour;
                double capacity = rate * 2;
                String continuous = eps > capacity ? String.format(Locale.ROOT, "needs %.0f x G.025X workers",
                        Math.ceil(eps / capacity) + 1) : String.format(Locale.ROOT, "$%,.0f", 730 * 0.5 * dpuHour);
                String sched = runMinutes > 5 ? "runs overlap: use continuous"
                        : String.format(Locale.ROOT, "$%,.0f (%.1f min a run)", scheduled, runMinutes);
                System.out.printf(Locale.ROOT, "%9d | %-31s | %s%n", eps, sched, continuous);
            }
        } finally {
            spark.stop();
        }
    }

    private static double plainRun(SparkSession spark, SparkKafka kafka, String topic, EventTable table, Path out)
            throws Exception {
        TableIngestJob.configure(spark);
        StructType schema = new StructType();
        for (EventField f : table.fields()) {
            schema = schema.add(f.name(), SparkTypes.of(f.columnType()));
        }
        long start = System.nanoTime();
        StreamingQuery q = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", topic).option("startingOffsets", "earliest").option("failOnDataLoss", "true")
                .option("maxOffsetsPerTrigger", 2_000_000L)
                .load()
                .select(from_json(col("value").cast(DataTypes.StringType), schema).as("e"), col("partition"), col("offset"))
                .select("e.*", "partition", "offset")
                .writeStream().format("parquet")
                .option("path", out.resolve("data").toString())
                .option("checkpointLocation", out.resolve("checkpoint").toString())
                .trigger(Trigger.AvailableNow())
                .start();
        q.awaitTermination();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double jobRun(SparkSession spark, SparkKafka kafka, EventTable config, String topic, Path work,
                                 String table, long expected) throws Exception {
        EventTable t = new EventTable(table, topic, config.id(), config.eventTime(), config.run(), config.everyMinutes(),
                config.maxRecordBytes(), config.lagAlarmMinutes(), config.fields());
        EventSettings settings = new EventSettings(t, kafka.bootstrapServers(), false,
                work.resolve("checkpoints/" + table).toUri().toString(), work.resolve("quarantine/" + table).toUri().toString(),
                // The Hadoop catalog keeps a table where its warehouse says.
                "file:" + work.resolve("warehouse/events/" + table), "bench", "bench", "ap-northeast-2", Optional.empty(),
                Optional.of(KEY), Optional.empty(), 2_000_000, Optional.empty(), Optional.empty());
        EventLandingJob job = new EventLandingJob(settings, KEY, values -> { }, Clock.systemUTC());
        // The table exists after a table's first run; creating it is not part of landing events.
        long created = System.nanoTime();
        job.prepareTable(spark);
        PREPARE_SECONDS.add((System.nanoTime() - created) / 1e9);
        long start = System.nanoTime();
        EventLandingJob.RunResult result = job.run(spark);
        double seconds = (System.nanoTime() - start) / 1e9;
        long landed = spark.sql("SELECT count(*) FROM " + settings.qualifiedTable()).first().getLong(0);
        if (landed != expected || result.quarantined() != 0) {
            throw new IllegalStateException(table + ": landed " + landed + " of " + expected + ", quarantined "
                    + result.quarantined());
        }
        return seconds;
    }

    private static void produce(SparkKafka kafka, String topic, List<AppEvent> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (AppEvent e : events) {
                producer.send(EventLandingJobTest.relayed(topic, e.deviceId(), e.json().getBytes(StandardCharsets.UTF_8),
                        e.shard(), e.sequence()));
            }
            producer.flush();
        }
        TimeUnit.MILLISECONDS.sleep(100);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
