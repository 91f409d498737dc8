package market.udong.glue.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import market.udong.core.config.EventRunMode;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.naming.EventJobArgs;
import market.udong.glue.JobArguments;
import market.udong.glue.TableIngestJob;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Lands one Kafka topic's events in an Iceberg table of the curated zone (docs/events.md): Spark
 * Structured Streaming reads the topic from its checkpoint's offsets; each micro-batch is
 * classified ({@link EventRecords}); bad records go to the quarantine zone with their reason and
 * Kafka coordinates; the rest are masked with the core policies and written with an insert-only
 * {@code MERGE} on the event key and {@code dt}, so a record read twice (a replay, a rerun of a
 * batch whose commit was lost, the relay's re-deliveries) lands once. Scheduled runs
 * ({@code Trigger.AvailableNow}) land what is new and exit; a continuous job lands a micro-batch
 * every {@value #CONTINUOUS_SECONDS} seconds. Records deleted by retention before they landed
 * fail the run ({@code failOnDataLoss}), never pass silently.
 */
public final class EventLandingJob {

    private static final Logger LOG = LoggerFactory.getLogger(EventLandingJob.class);
    static final int CONTINUOUS_SECONDS = 30;
    private static final String BATCH_VIEW = "udong_event_batch";

    /** Called after a batch is written and before Spark commits its offsets: the tests' crash point. */
    interface AfterWrite {
        void written(long batchId);
    }

    private final EventSettings settings;
    private final EventRecords records;
    private final EventMetrics metrics;
    private final Clock clock;
    private final AfterWrite afterWrite;

    /** @param hmacSecret the environment's HMAC key as its Secrets Manager string */
    public EventLandingJob(EventSettings settings, String hmacSecret, EventMetrics metrics, Clock clock) {
        this(settings, hmacSecret, metrics, clock, batchId -> { });
    }

    EventLandingJob(EventSettings settings, String hmacSecret, EventMetrics metrics, Clock clock, AfterWrite afterWrite) {
        ColumnMasks.fromSecretString(hmacSecret);
        this.settings = settings;
        this.records = new EventRecords(settings.table(), hmacSecret);
        this.metrics = metrics;
        this.clock = clock;
        this.afterWrite = afterWrite;
    }

    public static void main(String[] args) throws TimeoutException {
        EventSettings settings = EventSettings.from(JobArguments.parse(args));
        SparkSession spark = SparkSession.builder().appName("udong-events-" + settings.table().table()).getOrCreate();
        var http = UrlConnectionHttpClient.create();
        var cloudWatch = CloudWatchClient.builder().region(Region.of(settings.region())).httpClient(http);
        settings.awsEndpoint().ifPresent(e -> cloudWatch.endpointOverride(e)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        try (market.udong.glue.AwsClients aws = new market.udong.glue.AwsClients(settings.region(), settings.awsEndpoint());
             CloudWatchClient cw = cloudWatch.build()) {
            String key = settings.hmacSecret().map(aws::secretString).orElseGet(() -> settings.hmacKey().orElseThrow());
            EventLandingJob job = new EventLandingJob(settings, key,
                    new CloudWatchEventMetrics(cw, settings.environment(), settings.table().table()), Clock.systemUTC());
            job.prepareTable(spark);
            settings.optimizerRole().ifPresent(role -> LOG.info("{}: table optimizers enabled now: {}", settings.table().table(),
                    TableOptimizers.enable(aws.glue(), settings.catalogId().orElseThrow(), EventTable.EVENTS_DATABASE,
                            settings.table().table(), role)));
            RunResult result = job.run(spark);
            LOG.info("landed {}", result);
        } finally {
            http.close();
        }
    }

    /**
     * One run: until the topic's end as the run started (scheduled), or without end (continuous).
     *
     * @throws EventDataLossException when records the table never held were deleted from the topic
     */
    public RunResult run(SparkSession spark) throws TimeoutException {
        prepareTable(spark);
        // A micro-batch shuffles once (de-duplication); as many partitions as cores, not Spark's 200, so a run writes
        // a few files per date instead of hundreds. A new checkpoint records the value; later runs keep it.
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(spark.sparkContext().defaultParallelism()));
        EventTable table = settings.table();
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", settings.bootstrapServers())
                .option("subscribe", table.topic())
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "true")
                .option("includeHeaders", "true")
                .option("groupIdPrefix", EventJobArgs.CONSUMER_GROUP_PREFIX + table.table())
                .option("maxOffsetsPerTrigger", settings.maxRecordsPerBatch());
        if (settings.iamAuth()) {
            reader = reader.option("kafka.security.protocol", "SASL_SSL")
                    .option("kafka.sasl.mechanism", "AWS_MSK_IAM")
                    .option("kafka.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
                    .option("kafka.sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        RunResult.Builder totals = new RunResult.Builder();
        VoidFunction2<Dataset<Row>, Long> land = (batch, batchId) -> land(batch, batchId, totals);
        StreamingQuery query = reader.load().writeStream()
                .queryName("udong-events-" + table.table())
                .option("checkpointLocation", settings.checkpointLocation())
                .trigger(table.run() == EventRunMode.SCHEDULED ? Trigger.AvailableNow()
                        : Trigger.ProcessingTime(CONTINUOUS_SECONDS * 1000L))
                .foreachBatch(land)
                .start();
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw EventDataLossException.ifDataLoss(table.topic(), e).orElseThrow(() -> new IllegalStateException(
                    "the events run of " + table.table() + " failed: " + e.getMessage(), e));
        }
        long behind = recordsBehind(query);
        metrics.put(Map.of(EventJobArgs.RECORDS_BEHIND, (double) behind));
        return totals.build(behind);
    }

    private void land(Dataset<Row> batch, long batchId, RunResult.Builder totals) throws InterruptedException {
        // One pass over the batch: the MERGE reads it, and the counts are observed on the way. Only a batch
        // with bad records is read again, for the quarantine.
        Observation observed = new Observation("udong_events_batch_" + batchId + "_" + java.util.UUID.randomUUID());
        Dataset<Row> events = records.events(EventRecords.observe(records.classify(batch), observed));
        events.createOrReplaceTempView(BATCH_VIEW);
        events.sparkSession().sql("MERGE INTO " + settings.qualifiedTable() + " t USING " + BATCH_VIEW + " s"
                + " ON t.event_key = s.event_key AND t.dt = s.dt WHEN NOT MATCHED THEN INSERT *");
        EventRecords.BatchStats stats = EventRecords.BatchStats.of(observed.getAsJava());
        if (stats.records() == 0) {
            return;
        }
        if (stats.quarantined() > 0) {
            String folder = settings.quarantineLocation() + "/batch=" + stats.key();
            records.quarantined(records.classify(batch)).coalesce(1).write().mode(SaveMode.Overwrite).json(folder);
            LOG.warn("{}: {} record(s) quarantined in {}", settings.table().table(), stats.quarantined(), folder);
        }
        long oldest = stats.oldest().map(java.time.Instant::toEpochMilli).orElse(clock.millis());
        double lagSeconds = Math.max(0, clock.millis() - oldest) / 1000.0;
        metrics.put(Map.of(EventJobArgs.RECORDS_READ, (double) stats.records(), EventJobArgs.RECORDS_QUARANTINED,
                (double) stats.quarantined(), EventJobArgs.LAG_SECONDS, lagSeconds));
        totals.add(stats.records(), stats.quarantined());
        LOG.info("{}: batch {} landed {} record(s), {} quarantined, oldest {} s old", settings.table().table(),
                batchId, stats.records() - stats.quarantined(), stats.quarantined(), lagSeconds);
        afterWrite.written(batchId);
    }

    /**
     * Applies the lake's session settings, creates the table on the first run, and adds the columns
     * of fields added to the config since. {@link #run} calls it; it may run any number of times.
     */
    public void prepareTable(SparkSession spark) {
        TableIngestJob.configure(spark);
        String name = settings.qualifiedTable();
        var empty = spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                .add("topic", "string").add("partition", "int").add("offset", "long").add("timestamp", "timestamp")
                .add("key", "binary").add("value", "binary")
                .add("headers", "array<struct<key:string,value:binary>>"));
        var schema = records.events(records.classify(empty)).schema();
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + settings.catalog() + "." + EventTable.EVENTS_DATABASE);
        if (!spark.catalog().tableExists(name)) {
            spark.sql("CREATE TABLE IF NOT EXISTS " + name + " (" + schema.toDDL() + ") USING iceberg"
                    + " PARTITIONED BY (dt) LOCATION '" + settings.tableLocation() + "'"
                    + " TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'snappy',"
                    // Rows go to their dt's file in the task that has them: no shuffle by partition before the write
                    // (a batch meets a few dates).
                    + " 'write.merge.distribution-mode' = 'none', 'write.spark.fanout.enabled' = 'true',"
                    + " 'udong.writer' = 'events-landing', 'udong.topic' = '" + settings.table().topic() + "')");
            return;
        }
        Set<String> existing = Arrays.stream(spark.table(name).schema().fields()).map(StructField::name)
                .collect(Collectors.toSet());
        List<String> added = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!existing.contains(f.name())) {
                added.add(f.name() + " " + f.dataType().sql());
            }
        }
        if (!added.isEmpty()) {
            LOG.info("{}: adding column(s) {}", name, added);
            spark.sql("ALTER TABLE " + name + " ADD COLUMNS (" + String.join(", ", added) + ")");
        }
    }

    /** Records in the topic that the run's last progress says the table does not hold yet. */
    private static long recordsBehind(StreamingQuery query) {
        var progress = query.lastProgress();
        if (progress == null || progress.sources().length == 0) {
            return 0;
        }
        var source = progress.sources()[0];
        return behind(source.endOffset(), source.latestOffset());
    }

    /** Sum over partitions of latest − end, from the Kafka source's offset JSON ({@code {"topic":{"0":12}}}). */
    static long behind(String endJson, String latestJson) {
        if (endJson == null || latestJson == null) {
            return 0;
        }
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var end = json.readTree(endJson);
            var latest = json.readTree(latestJson);
            long sum = 0;
            for (var topics = latest.fields(); topics.hasNext(); ) {
                var topic = topics.next();
                for (var parts = topic.getValue().fields(); parts.hasNext(); ) {
                    var p = parts.next();
                    long at = end.path(topic.getKey()).path(p.getKey()).asLong(0);
                    sum += Math.max(0, p.getValue().asLong() - at);
                }
            }
            return sum;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * What a run did.
     *
     * @param read          records read from the topic
     * @param quarantined   of those, records quarantined
     * @param batches       micro-batches that read records
     * @param recordsBehind records in the topic not landed when the run ended
     */
    public record RunResult(long read, long quarantined, int batches, long recordsBehind) {
        static final class Builder {
            private long read;
            private long quarantined;
            private int batches;

            synchronized void add(long batchRead, long batchQuarantined) {
                read += batchRead;
                quarantined += batchQuarantined;
                batches++;
            }

            synchronized RunResult build(long behind) {
                return new RunResult(read, quarantined, batches, behind);
            }
        }
    }

}
