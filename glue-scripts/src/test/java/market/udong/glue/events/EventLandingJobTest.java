package market.udong.glue.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import market.udong.core.analytics.SavedQuery;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.EventRunMode;
import market.udong.core.config.EventTables;
import market.udong.core.config.StreamsConfig.EventField;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.streams.RelayHeaders;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalMariaDb;
import market.udong.core.testing.LocalS3;
import market.udong.core.types.ColumnType;
import market.udong.glue.LocalSpark;
import market.udong.glue.transform.ColumnPolicies;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events landing job on real engines, all on 127.0.0.1: a KRaft broker ({@link SparkKafka}),
 * Spark local mode, S3Proxy as the lake (through s3a), an Iceberg JDBC catalog on MariaDB standing
 * in for the Glue catalog. What the job wrote is read back without Spark: Iceberg's own API names
 * the committed snapshot's data files and DuckDB reads them.
 */
class EventLandingJobTest {

    static final String HMAC_KEY = "events-test-hmac-key-0123456789abcdef";
    static final ColumnMasks MASKS = ColumnMasks.fromSecretString(HMAC_KEY);
    static final String BUCKET = "udong-test-lake";
    static final String CATALOG = "lake_test";
    static final String STREAM = "udong-dev-app-events";
    static final ObjectMapper JSON = new ObjectMapper();

    static SparkKafka kafka;
    static LocalS3 s3;
    static LocalMariaDb db;
    static JdbcCatalog iceberg;
    static EventTable appEvents;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServers() {
        kafka = SparkKafka.start();
        s3 = LocalS3.startInMemory();
        s3.createBucket(BUCKET);
        db = LocalMariaDb.start();
        db.execute("", "CREATE DATABASE iceberg");
        SparkSession spark = LocalSpark.session();
        LocalSpark.configureS3a(spark.sparkContext().hadoopConfiguration(), s3);
        String prefix = "spark.sql.catalog." + CATALOG;
        catalogProperties().forEach((k, v) -> spark.conf().set(prefix + "." + k, v));
        spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
        iceberg = new JdbcCatalog();
        iceberg.setConf(spark.sparkContext().hadoopConfiguration());
        iceberg.initialize(CATALOG, catalogProperties()); // the JDBC catalog keys its tables by catalog name
        appEvents = new ConfigLoader().load(Path.of("..", "config"), "dev").streams().stream()
                .flatMap(s -> s.events().stream()).filter(e -> e.table().equals("app_events")).findFirst().orElseThrow();
    }

    static Map<String, String> catalogProperties() {
        // No table cache: the job's micro-batches write through the streaming query's own session,
        // and the test reads through the test's; a cached table would show the test an old snapshot.
        return Map.of("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog", "cache-enabled", "false",
                "uri", db.jdbcUrl("iceberg") + "?sslMode=DISABLED",
                "jdbc.user", db.user(), "jdbc.password", db.password(),
                "jdbc.schema-version", "V1",
                "warehouse", "s3a://" + BUCKET + "/warehouse");
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (iceberg != null) {
            iceberg.close();
        }
        if (db != null) {
            db.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    // ----------------------------------------------------------------------------------------------

    @Test
    void duplicatesWithTheRelaysHeaders_landOnce() throws Exception {
        // GIVEN 40 relayed events, 15 of them delivered twice (the relay's at-least-once retries)
        EventTable table = renamed(appEvents, "dup_events", "client.dup-events");
        kafka.createTopic(table.topic(), 3);
        List<AppEvent> events = AppEvent.generate(40, 7);
        produce(table.topic(), events);
        produce(table.topic(), events.subList(10, 25));

        // WHEN the job runs, and runs again after the same 15 arrive a third time
        RecordingMetrics metrics = new RecordingMetrics();
        EventLandingJob.RunResult first = job(table, metrics).run(LocalSpark.session());
        produce(table.topic(), events.subList(10, 25));
        EventLandingJob.RunResult second = job(table, metrics).run(LocalSpark.session());

        // THEN the table holds each event once, as its committed snapshot's files say
        assertEquals(55, first.read());
        assertEquals(15, second.read(), "the second run reads only what is new");
        assertEquals(40L, count(table));
        assertEquals(40L, countDistinct(table, "event_key"));
        assertFalse(rows(table, "DESCRIBE t").stream().anyMatch(r -> r.get(0).equals("ip_address")),
                "a JSON member no field names never lands");
        assertEquals(0, first.recordsBehind());
        assertEquals(55.0, metrics.sum(EventJobArgs.RECORDS_READ) - 15.0);
        assertEquals(0.0, metrics.sum(EventJobArgs.RECORDS_QUARANTINED));
    }

    @Test
    void aRunKilledAfterWritingButBeforeCommittingItsProgress_landsNothingTwiceWhenRerun() throws Exception {
        // GIVEN 30 events, and a run that dies after its batch is in the table but before Spark
        // commits the batch's offsets
        EventTable table = renamed(appEvents, "crash_events", "client.crash-events");
        kafka.createTopic(table.topic(), 2);
        produce(table.topic(), AppEvent.generate(30, 11));
        AtomicBoolean killed = new AtomicBoolean();
        EventLandingJob dying = new EventLandingJob(settings(table), HMAC_KEY, new RecordingMetrics(), Clock.systemUTC(),
                batchId -> {
                    killed.set(true);
                    throw new IllegalStateException("killed after the write");
                });

        // WHEN it runs, fails, and the job is run again on the same checkpoint
        assertThrows(IllegalStateException.class, () -> dying.run(LocalSpark.session()));
        assertTrue(killed.get());
        long afterCrash = count(table);
        EventLandingJob.RunResult rerun = job(table, new RecordingMetrics()).run(LocalSpark.session());

        // THEN the crashed run had written its rows, the rerun read the same batch again, and the
        // table still holds each event once
        assertEquals(30L, afterCrash, "the data was committed before the crash");
        assertEquals(30, rerun.read(), "the uncommitted batch was read again");
        assertEquals(30L, count(table));
    }

    @Test
    void recordsDeletedByRetentionBeforeARun_failTheRunAndSaySo() throws Exception {
        // GIVEN a table that landed 10 events, then 20 more of which retention deletes 15 unread
        EventTable table = renamed(appEvents, "gap_events", "client.gap-events");
        kafka.createTopic(table.topic(), 1);
        List<AppEvent> events = AppEvent.generate(30, 13);
        produce(table.topic(), events.subList(0, 10));
        job(table, new RecordingMetrics()).run(LocalSpark.session());
        produce(table.topic(), events.subList(10, 30));
        kafka.deleteRecordsBefore(table.topic(), 0, 25);

        // WHEN the job runs
        EventDataLossException e = assertThrows(EventDataLossException.class,
                () -> job(table, new RecordingMetrics()).run(LocalSpark.session()));

        // THEN it fails naming the topic and the loss, and the table is as it was
        assertTrue(e.getMessage().contains("records of topic client.gap-events were deleted by retention"), e.getMessage());
        assertTrue(e.getMessage().contains("Replay"), e.getMessage());
        assertEquals(10L, count(table));
    }

    @Test
    void malformedRecords_areQuarantinedWithReasonAndCoordinates_andTheOthersLand() throws Exception {
        // GIVEN 12 good events and one of each kind of bad record, on one partition
        EventTable table = renamed(appEvents, "bad_events", "client.bad-events");
        kafka.createTopic(table.topic(), 1);
        List<AppEvent> good = AppEvent.generate(12, 17);
        produce(table.topic(), good.subList(0, 6));
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("not a JSON object", "{\"event_type\": \"page_view\", ".getBytes(StandardCharsets.UTF_8));
        bad.put("not a JSON object ", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        bad.put("does not match the event's fields: member_id is not bigint",
                good.get(6).json().replace("\"member_id\":" + good.get(6).memberId(), "\"member_id\":\"m-1\"")
                        .getBytes(StandardCharsets.UTF_8));
        bad.put("missing event time: field occurred_at is absent or null",
                good.get(7).json().replace("\"occurred_at\":", "\"when\":").getBytes(StandardCharsets.UTF_8));
        bad.put("oversize: ", ("{\"event_type\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        long firstBad = 6;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int seq = 0;
            for (byte[] value : bad.values()) {
                producer.send(relayed(table.topic(), "bad-" + seq, value, "bad-shard", Integer.toString(seq++))).get();
            }
            // a record without the relay's headers has no id
            producer.send(new ProducerRecord<>(table.topic(), 0, null, good.get(8).json().getBytes(StandardCharsets.UTF_8))).get();
        }
        produce(table.topic(), good.subList(9, 12));

        // WHEN the job runs
        RecordingMetrics metrics = new RecordingMetrics();
        EventLandingJob.RunResult result = job(table, metrics).run(LocalSpark.session());

        // THEN the 9 good events land, and each bad record is in the quarantine zone with its reason,
        // its topic, partition and offset, and its bytes
        assertEquals(9L, count(table));
        assertEquals(6, result.quarantined());
        assertEquals(6.0, metrics.sum(EventJobArgs.RECORDS_QUARANTINED));
        List<JsonNode> quarantined = quarantine(table);
        assertEquals(6, quarantined.size());
        Map<Long, JsonNode> byOffset = quarantined.stream().collect(Collectors.toMap(q -> q.get("offset").asLong(), q -> q,
                (a, b) -> a, TreeMap::new));
        List<String> expected = new ArrayList<>(bad.keySet());
        expected.add("missing id: no relay header " + RelayHeaders.SOURCE_STREAM);
        List<byte[]> values = new ArrayList<>(bad.values());
        values.add(good.get(8).json().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < expected.size(); i++) {
            JsonNode q = byOffset.get(firstBad + i);
            assertTrue(q != null, "offset " + (firstBad + i) + " is quarantined: " + byOffset.keySet());
            assertTrue(q.get("reason").asText().startsWith(expected.get(i).strip()), q.get("reason").asText());
            assertEquals(table.topic(), q.get("topic").asText());
            assertEquals(0, q.get("partition").asInt());
            assertEquals(Base64.getEncoder().encodeToString(values.get(i)), q.get("value_base64").asText(),
                    "the record's bytes are kept for a replay");
            if (i < bad.size()) {
                assertEquals("bad-shard", q.get(RelayHeaders.SHARD_ID).asText(), "the relay's headers, for a replay");
                assertEquals(Integer.toString(i), q.get(RelayHeaders.SEQUENCE_NUMBER).asText());
            }
        }
    }

    @Test
    void theMaskedIdsEqualTheHashesTheGlueAndMaskingLambdaPathsGive() throws Exception {
        // GIVEN events whose member id (a bigint) and e-mail (text) are hashed, as an order table's would be
        List<EventField> fields = new ArrayList<>(appEvents.fields());
        fields.replaceAll(f -> f.name().equals("member_id") ? new EventField("member_id", "bigint", "hash", null) : f);
        EventTable table = new EventTable("hashed_events", "client.hashed-events", EventTable.RELAY_HEADERS, "occurred_at",
                EventRunMode.SCHEDULED, null, null, null, fields);
        kafka.createTopic(table.topic(), 1);
        List<AppEvent> events = AppEvent.generate(8, 19);
        produce(table.topic(), events);

        // WHEN the job lands them
        job(table, new RecordingMetrics()).run(LocalSpark.session());

        // THEN each hash equals the masking Lambda's (core's transform) and the Glue job's (its Spark
        // policies over a table column of the same type and value)
        Map<String, String> landed = new HashMap<>();
        for (List<Object> row : rows(table, "SELECT member_id, email_hash FROM t")) {
            landed.put((String) row.get(0), (String) row.get(1));
        }
        ColumnTransform lambdaBigint = ColumnTransform.of("member_id", ColumnRule.parse("hash"), ColumnType.BIGINT, MASKS);
        ColumnTransform lambdaText = ColumnTransform.of("email", ColumnRule.parse("hash"), ColumnType.STRING, MASKS);
        Map<String, String> glue = glueHashes(events);
        for (AppEvent e : events) {
            String memberHash = (String) lambdaBigint.apply(e.memberId());
            assertTrue(landed.containsKey(memberHash), "member " + e.memberId() + " hashed as the Lambda does");
            assertEquals(lambdaText.apply(e.email()), landed.get(memberHash));
            assertEquals(glue.get("m" + e.memberId()), memberHash, "as the Glue job hashes a bigint column");
            assertEquals(glue.get("e" + e.email()), landed.get(memberHash), "as the Glue job hashes a text column");
        }
        assertFalse(rows(table, "SELECT device_id FROM t").stream().anyMatch(r -> events.stream()
                .anyMatch(e -> e.deviceId().equals(r.get(0)))), "no raw device id lands");
    }

    @Test
    void theSavedFunnelQuery_equalsAnIndependentCount() throws Exception {
        // GIVEN three days of client events from the project's own app_events config
        kafka.createTopic(appEvents.topic(), 3);
        List<AppEvent> events = AppEvent.generate(600, 23);
        produce(appEvents.topic(), events);
        job(appEvents, new RecordingMetrics()).run(LocalSpark.session());

        // WHEN the saved funnel query runs as saved, on Spark over the Iceberg table and on DuckDB
        // over the files of its committed snapshot
        SparkSession spark = LocalSpark.session();
        List<List<Object>> onSpark;
        spark.sql("USE " + CATALOG);
        try {
            onSpark = spark.sql(SavedQuery.PROMOTION_FUNNEL.sql()).collectAsList().stream()
                    .map(r -> List.<Object>of(r.get(0).toString(), r.getLong(1), r.getLong(2), r.getDouble(3))).toList();
        } finally {
            spark.sql("USE spark_catalog");
        }
        List<List<Object>> onDuckDb = new ArrayList<>();
        try (DuckDb duck = DuckDb.open()) {
            duck.execute("CREATE SCHEMA events");
            duck.execute("CREATE VIEW events.app_events AS SELECT * FROM read_parquet(" + fileList(appEvents) + ")");
            for (List<Object> r : duck.rows(SavedQuery.PROMOTION_FUNNEL.sql())) {
                onDuckDb.add(List.of(r.get(0).toString(), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue(),
                        ((Number) r.get(3)).doubleValue()));
            }
        }

        // THEN both equal the funnel counted in plain Java from the events produced
        List<List<Object>> expected = AppEvent.funnel(events);
        assertEquals(3, expected.size());
        assertTrue(expected.stream().allMatch(r -> (long) r.get(2) > 0 && (long) r.get(2) < (long) r.get(1)),
                "every day has buyers and viewers who did not buy: " + expected);
        assertEquals(expected, onSpark);
        assertEquals(expected, onDuckDb);
    }

    @Test
    void theEventTablesJson_roundTrips() {
        assertEquals(appEvents, EventTables.fromJson(EventTables.toJson(appEvents)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventTables.fromJson("{\"tabel\":1}"));
        assertTrue(e.getMessage().contains(EventJobArgs.EVENT_TABLE), e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------

    static EventTable renamed(EventTable t, String table, String topic) {
        return new EventTable(table, topic, t.id(), t.eventTime(), t.run(), t.everyMinutes(), t.maxRecordBytes(),
                t.lagAlarmMinutes(), t.fields());
    }

    EventSettings settings(EventTable table) {
        String lake = "s3a://" + BUCKET;
        return new EventSettings(table, kafka.bootstrapServers(), false,
                lake + "/checkpoints/events/" + table.table(), lake + "/quarantine/events/" + table.table(),
                lake + "/curated/events/" + table.table(), CATALOG, "dev", LocalS3.REGION.id(), Optional.empty(),
                Optional.of(HMAC_KEY), Optional.empty(), 1_000, Optional.empty(), Optional.empty());
    }

    EventLandingJob job(EventTable table, EventMetrics metrics) {
        return new EventLandingJob(settings(table), HMAC_KEY, metrics, Clock.systemUTC());
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        return new KafkaProducer<>(p);
    }

    static ProducerRecord<byte[], byte[]> relayed(String topic, String key, byte[] value, String shard, String sequence) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        r.headers().add(RelayHeaders.SOURCE_STREAM, STREAM.getBytes(StandardCharsets.UTF_8));
        r.headers().add(RelayHeaders.SHARD_ID, shard.getBytes(StandardCharsets.UTF_8));
        r.headers().add(RelayHeaders.SEQUENCE_NUMBER, sequence.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Sends events as the relay does: key = device, headers = their Kinesis coordinates. */
    static void produce(String topic, List<AppEvent> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (AppEvent e : events) {
                producer.send(relayed(topic, e.deviceId(), e.json().getBytes(StandardCharsets.UTF_8), e.shard(), e.sequence()));
            }
            producer.flush();
        }
    }

    /** The files of the table's current snapshot, as Iceberg's API lists them, downloaded for DuckDB. */
    String fileList(EventTable table) throws IOException {
        Table t = iceberg.loadTable(TableIdentifier.of(EventTable.EVENTS_DATABASE, table.table()));
        t.refresh();
        List<String> local = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
            int i = 0;
            for (FileScanTask task : tasks) {
                String path = task.file().path().toString();
                String key = path.substring(("s3a://" + BUCKET + "/").length());
                Path file = temp.resolve(table.table() + "-" + (i++) + ".parquet");
                Files.write(file, s3.get(BUCKET, key));
                local.add("'" + file + "'");
            }
        }
        return local.isEmpty() ? "[]" : "[" + String.join(", ", local) + "]";
    }

    List<List<Object>> rows(EventTable table, String sql) throws IOException {
        try (DuckDb duck = DuckDb.open()) {
            duck.execute("CREATE VIEW t AS SELECT * FROM read_parquet(" + fileList(table) + ")");
            return duck.rows(sql);
        }
    }

    long count(EventTable table) throws IOException {
        if (!iceberg.tableExists(TableIdentifier.of(EventTable.EVENTS_DATABASE, table.table()))) {
            return 0;
        }
        String files = fileList(table);
        if (files.equals("[]")) {
            return 0;
        }
        return ((Number) rows(table, "SELECT count(*) FROM t").get(0).get(0)).longValue();
    }

    long countDistinct(EventTable table, String column) throws IOException {
        return ((Number) rows(table, "SELECT count(DISTINCT " + column + ") FROM t").get(0).get(0)).longValue();
    }

    static List<JsonNode> quarantine(EventTable table) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String key : s3.keys(BUCKET, "quarantine/events/" + table.table() + "/")) {
            if (key.endsWith(".json")) {
                for (String line : new String(s3.get(BUCKET, key), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    /** The Glue table job's hashes: its Spark policies over a bigint and a text column. */
    static Map<String, String> glueHashes(List<AppEvent> events) {
        var schema = DataTypes.createStructType(List.of(DataTypes.createStructField("member_id", DataTypes.LongType, true),
                DataTypes.createStructField("email", DataTypes.StringType, true)));
        List<Row> rows = events.stream().map(e -> RowFactory.create(e.memberId(), e.email())).toList();
        var in = LocalSpark.session().createDataFrame(rows, schema);
        TableConfig config = new TableConfig("orders", "members", null, null,
                Map.of("member_id", ColumnRule.parse("hash"), "email", ColumnRule.parse("hash")), null, null, null);
        var out = ColumnPolicies.apply(in, MaskingPlan.of(config, List.of("member_id", "email")), HMAC_KEY).collectAsList();
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            hashes.put("m" + events.get(i).memberId(), out.get(i).getString(0));
            hashes.put("e" + events.get(i).email(), out.get(i).getString(1));
        }
        return hashes;
    }

    /** Collects every put. */
    static final class RecordingMetrics implements EventMetrics {
        final List<Map<String, Double>> puts = new CopyOnWriteArrayList<>();

        @Override
        public void put(Map<String, Double> values) {
            puts.add(values);
        }

        double sum(String name) {
            return puts.stream().mapToDouble(p -> p.getOrDefault(name, 0.0)).sum();
        }
    }
}
