package market.udong.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.Engine;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.TableConfigJson;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.naming.Names;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalGlueCatalog;
import market.udong.core.testing.LocalMariaDb;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.PiiScan;
import market.udong.glue.sink.CuratedTable;
import market.udong.glue.sink.StateWriteFailingFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole job, through {@link TableIngestJob#main}, against real local servers: MariaDB as the
 * read replica, S3Proxy as the curated bucket (written through s3a), a stub of the Glue catalog
 * and Secrets Manager APIs that checks what the job sends, and DuckDB reading the output back.
 */
class TableIngestJobTest {

    static final String BUCKET = "udong-test-curated";
    static final String CONFIG_BUCKET = "udong-test-config";
    static final String HMAC_KEY = "local-hmac-key-for-tests-0123456789abcdef";
    static final ColumnMasks MASKS = ColumnMasks.fromSecretString(HMAC_KEY);
    static final LocalDate LOAD_DATE = LocalDate.of(2026, 11, 26);

    static LocalMariaDb db;
    static LocalS3 s3;
    static LocalGlueCatalog glue;
    static SourceConfig orders;

    @BeforeAll
    static void startServers() throws IOException {
        db = LocalMariaDb.start();
        s3 = LocalS3.startInMemory();
        glue = LocalGlueCatalog.start();
        s3.createBucket(BUCKET);
        UdongMarketDb.createTables(db);
        UdongMarketDb.insertMembers(db);
        UdongMarketDb.insertAllTypes(db);
        LocalSpark.configureS3a(LocalSpark.session().sparkContext().hadoopConfiguration(), s3);
        orders = new ConfigLoader().load(Path.of("..", "config"), "dev").source("orders").orElseThrow();
    }

    @AfterAll
    static void stopServers() {
        if (glue != null) {
            glue.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void members_areMaskedTypedAndPartitioned_andTheCatalogDescribesThem() throws Exception {
        // GIVEN the project's members config, read by Glue in 3 parallel partitions
        TableConfig members = withGlue(table("members"), null, "member_id", 3);

        // WHEN the job runs
        TableIngestJob.main(args(members));

        // THEN the curated files hold the masked values the core functions give
        Path out = download(members);
        try (DuckDb duck = DuckDb.open()) {
            String files = glob(out);
            List<List<Object>> rows = duck.rows("SELECT member_id, name, email_hash, phone, birth_date, grade,"
                    + " marketing_opt_in, created_at, updated_at, dt FROM read_parquet(?, hive_partitioning = true)"
                    + " ORDER BY member_id", files);
            assertEquals(5, rows.size());
            List<Object> kim = rows.get(0);
            assertEquals(1L, kim.get(0));
            assertEquals(ColumnMasks.REDACTED, kim.get(1));
            assertEquals(MASKS.hash("kim.minji@udong.market"), kim.get(2), "the job's hash is the core hash");
            assertEquals("***-****-5678", kim.get(3));
            assertEquals("1990-01-01", kim.get(4).toString(), "birth date truncated to the year");
            assertEquals("gold", kim.get(5));
            assertEquals(true, kim.get(6));
            assertEquals("2026-11-24 23:30:00.25", kim.get(7).toString(), "DATETIME keeps its wall clock");
            assertEquals(java.time.Instant.parse("2026-11-24T14:30:00.250Z"),
                    ((java.time.OffsetDateTime) kim.get(8)).toInstant(), "TIMESTAMP keeps its instant");
            assertEquals(LOAD_DATE.toString(), kim.get(9).toString(), "no partition column: the load date");
            List<Object> choi = rows.get(3);
            assertNull(choi.get(2));
            assertNull(choi.get(3));
            // AND dropped and unclassified columns are gone, types follow DESIGN section 6
            Map<String, String> types = columnTypes(duck, files);
            assertFalse(types.containsKey("address") || types.containsKey("email") || types.containsKey("legacy_memo"),
                    types.toString());
            assertEquals("BIGINT", types.get("member_id"), "INT UNSIGNED widens to INT64");
            assertEquals("TIMESTAMP", types.get("created_at"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("updated_at"));
        }
        // AND no original of a masked, dropped or unclassified column is anywhere in any output file:
        // cells, statistics, footer metadata or bytes (the same scan as every other path's output)
        List<String> originals = List.of("김민지", "이서준", "박하은", "최도윤", "정유나",
                "kim.minji@udong.market", "seojun.lee@example.com", "haeun@udong.market", "yuna.jung@example.org",
                "010-1234-5678", "010-2222-3333", "+82-10-4444-5555", "02-987-6543",
                "서울시 마포구 와우산로 1", "부산시 해운대구 2", "대전시 유성구 3", "인천시 연수구 5",
                "1990-07-15", "1985-01-02", "2001-12-31", "1979-03-08", "called twice");
        try (DuckDb duck = DuckDb.open()) {
            for (Path file : parquetFiles(out)) {
                assertEquals(List.of(), PiiScan.leaks(duck, file, originals), file.toString());
            }
        }
        // AND the parallel read produced one file per read partition
        assertTrue(parquetFiles(out).size() >= 2, "files: " + parquetFiles(out));
        // AND the catalog table points at the files, with the date partition registered
        String location = "s3a://" + BUCKET + "/orders/orders/members/";
        JsonNode created = glue.requests().stream()
                .filter(r -> r.operation().equals("CreateTable") || r.operation().equals("UpdateTable"))
                .map(LocalGlueCatalog.Request::body)
                .filter(b -> b.path("TableInput").path("StorageDescriptor").path("Location").asText().equals(location))
                .reduce((first, last) -> last).orElseThrow();
        assertEquals("orders", created.path("DatabaseName").asText());
        JsonNode sd = created.path("TableInput").path("StorageDescriptor");
        assertEquals("email_hash:string", column(sd, 2));
        assertEquals("updated_at:timestamp", column(sd, 8));
        assertEquals("dt", created.path("TableInput").path("PartitionKeys").path(0).path("Name").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                sd.path("SerdeInfo").path("SerializationLibrary").asText());
        assertTrue(glue.partitions("orders", "members").contains(LOAD_DATE.toString()));
        assertTrue(glue.requests("BatchCreatePartition").stream().anyMatch(r -> r.body().path("PartitionInputList")
                .path(0).path("StorageDescriptor").path("Location").asText().equals(location + "dt=" + LOAD_DATE + "/")));
    }

    @Test
    void everySourceType_becomesTheParquetTypeOfDesignSection6() throws Exception {
        // GIVEN a table with every source type, and the replica, credentials and key only in Secrets Manager
        // (as a deployed job has them: the read-only secret names the replica's host and port)
        TableConfig allTypes = TableConfigJson.read(Files.readString(
                Path.of("src/test/resources/tables/all_types.json"), StandardCharsets.UTF_8));
        glue.putSecret("udong/dev/orders-replica-readonly", "{\"username\":\"root\",\"password\":\"\",\"host\":\""
                + db.host() + "\",\"port\":" + db.port() + "}");
        glue.putSecret("udong/dev/hmac-key", HMAC_KEY);
        List<String> args = new ArrayList<>(List.of(args(allTypes)));
        removeOption(args, IngestSettings.DB_USER);
        removeOption(args, IngestSettings.DB_PASSWORD);
        removeOption(args, IngestSettings.HMAC_KEY);
        removeOption(args, GlueJobArgs.REPLICA_HOST);
        removeOption(args, GlueJobArgs.REPLICA_PORT);
        args.addAll(List.of(GlueJobArgs.DB_SECRET, "udong/dev/orders-replica-readonly",
                GlueJobArgs.HMAC_SECRET, "udong/dev/hmac-key"));

        // WHEN the job runs
        TableIngestJob.main(args.toArray(String[]::new));

        // THEN it asked Secrets Manager for both secrets
        assertEquals(List.of("udong/dev/orders-replica-readonly", "udong/dev/hmac-key"),
                glue.requests("GetSecretValue").stream().map(r -> r.body().path("SecretId").asText()).toList());
        // AND the Parquet schema has the physical and logical types of DESIGN section 6
        Path out = download(allTypes);
        try (DuckDb duck = DuckDb.open()) {
            String files = glob(out);
            Map<String, String> physical = new HashMap<>();
            Map<String, String> logical = new HashMap<>();
            for (List<Object> r : duck.rows("SELECT name, type, coalesce(logical_type, converted_type, '')"
                    + " FROM parquet_schema(?)", parquetFiles(out).get(0).toString())) {
                physical.put((String) r.get(0), String.valueOf(r.get(1)));
                logical.put((String) r.get(0), String.valueOf(r.get(2)));
            }
            assertEquals("BOOLEAN", physical.get("flag"));
            for (String int32 : List.of("tiny", "small", "medium", "regular", "yr")) {
                assertEquals("INT32", physical.get(int32), int32);
            }
            assertEquals("INT64", physical.get("regular_unsigned"));
            assertEquals("INT64", physical.get("big"));
            assertTrue(logical.get("big_unsigned").contains("precision=20") || logical.get("big_unsigned").contains("DECIMAL"),
                    logical.get("big_unsigned"));
            assertTrue(logical.get("local_time").contains("isAdjustedToUTC=0") && logical.get("local_time").contains("MICROS"),
                    logical.get("local_time"));
            assertTrue(logical.get("instant").contains("isAdjustedToUTC=1") && logical.get("instant").contains("MICROS"),
                    logical.get("instant"));
            assertFalse(physical.containsValue("INT96"), physical.toString());
            assertTrue(logical.get("day").startsWith("Date"), logical.get("day"));
            for (String text : List.of("clock", "code", "label", "body", "status", "tags", "doc")) {
                assertEquals("BYTE_ARRAY", physical.get(text), text);
                assertTrue(logical.get(text).contains("String") || logical.get(text).contains("UTF8"), text + ": " + logical.get(text));
            }
            assertEquals("BYTE_ARRAY", physical.get("raw"));
            assertEquals("", logical.get("raw"), "binary has no string annotation");
            // AND the values survive exactly
            List<Object> r = duck.rows("SELECT flag, tiny, medium, regular_unsigned, big, big_unsigned, price,"
                    + " local_time, epoch_us(instant), day, clock, yr, label, tags, doc, hex(raw), hex(blob_col)"
                    + " FROM read_parquet(?) WHERE id = 1", files).get(0);
            assertEquals(List.of(true, -128, 16777215, 4294967295L, Long.MIN_VALUE, new BigDecimal("18446744073709551615"),
                    new BigDecimal("1234567890.12")), r.subList(0, 7));
            assertEquals("2026-03-01 09:30:00.123456", r.get(7).toString());
            assertEquals(java.time.Instant.parse("2026-03-01T09:30:00.654321Z").toEpochMilli() * 1000 + 321, r.get(8));
            assertEquals("2026-03-01", r.get(9).toString());
            assertEquals("-12:34:56.500000", r.get(10));
            assertEquals(2026, r.get(11));
            assertEquals(List.of("우동", "gift,bulk", "{\"spicy\": true}", "DEADBEEF", "00FF10"), r.subList(12, 17));
            assertEquals(1L, duck.value("SELECT count(*) FROM read_parquet(?) WHERE id = 2 AND flag IS NULL"
                    + " AND big_unsigned IS NULL AND clock IS NULL AND raw IS NULL", files));
        }
    }

    @Test
    void redactAndNullify_leaveValuesInTheDatabase_andWriteWhatCoreWould() throws Exception {
        // GIVEN all_types (a row of values, a row of NULLs) with redact and nullify on columns of most types
        TableConfig allTypes = TableConfigJson.read(Files.readString(
                Path.of("src/test/resources/tables/all_types.json"), StandardCharsets.UTF_8));
        Map<String, ColumnRule> columns = new LinkedHashMap<>(allTypes.columns());
        List<String> redacted = List.of("flag", "big_unsigned", "price", "label", "doc", "raw", "clock", "yr",
                "local_time", "instant");
        List<String> nullified = List.of("regular", "ratio", "body", "day", "blob_col");
        redacted.forEach(c -> columns.put(c, ColumnRule.parse("redact")));
        nullified.forEach(c -> columns.put(c, ColumnRule.parse("nullify")));
        TableConfig table = new TableConfig(allTypes.database(), allTypes.name(), allTypes.ingestion(),
                allTypes.onUnknownColumn(), columns, null, allTypes.glue(), null);

        // WHEN the job runs, with the database logging the statements it receives
        List<String> statements;
        try (Connection c = db.connect("mysql"); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("TRUNCATE TABLE mysql.general_log");
            s.execute("SET GLOBAL general_log = 'ON'");
            try {
                TableIngestJob.main(args(table));
            } finally {
                s.execute("SET GLOBAL general_log = 'OFF'");
            }
            statements = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log"
                    + " WHERE command_type = 'Query' AND argument LIKE '%udong_src%'")) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }

        // THEN the rows' queries asked whether a redacted value is there and nothing of a nullified one,
        // except for dates and times, whose zero values only become null once read
        assertEquals(2, statements.size(), "one query per read partition: " + statements);
        for (String sql : statements) {
            for (String c : List.of("flag", "big_unsigned", "price", "label", "doc", "raw", "clock", "yr")) {
                assertTrue(sql.contains("CASE WHEN `" + c + "` IS NULL THEN NULL ELSE TRUE END AS `" + c + "`"), sql);
            }
            for (String c : nullified) {
                assertTrue(sql.contains("CAST(NULL AS CHAR) AS `" + c + "`"), sql);
            }
            assertTrue(sql.contains("`local_time`, `instant`, CAST(NULL AS CHAR) AS `day`"), sql);
        }
        // AND the files hold what the policies give: [REDACTED] for a value, null for NULL, typed nulls
        Path out = download(table);
        try (DuckDb duck = DuckDb.open()) {
            String files = glob(out);
            String select = "SELECT " + String.join(", ", redacted) + ", " + String.join(", ", nullified)
                    + " FROM read_parquet(?) WHERE id = ";
            List<Object> values = duck.rows(select + "1", files).get(0);
            List<Object> nulls = duck.rows(select + "2", files).get(0);
            for (int i = 0; i < redacted.size(); i++) {
                assertEquals(ColumnMasks.REDACTED, values.get(i), redacted.get(i));
                assertNull(nulls.get(i), redacted.get(i));
            }
            for (int i = redacted.size(); i < values.size(); i++) {
                assertNull(values.get(i), nullified.get(i - redacted.size()));
                assertNull(nulls.get(i), nullified.get(i - redacted.size()));
            }
            Map<String, String> types = columnTypes(duck, files);
            assertEquals("VARCHAR", types.get("instant"), "redact writes text");
            assertEquals(List.of("INTEGER", "DOUBLE", "VARCHAR", "DATE", "BLOB"),
                    nullified.stream().map(types::get).toList(), "nullify keeps the type");
        }
    }

    @Test
    void incrementalRuns_readOnlyNewRows_andFullRefreshReplacesTheTable() throws Exception {
        // GIVEN the project's order_items config (watermark and split on order_item_id) and 30 rows
        TableConfig items = table("order_items");
        UdongMarketDb.insertOrderItems(db, 1, 30);
        TableIngestJob.main(args(items));
        Path first = download(items);
        assertEquals(30L, count(first));
        assertEquals("30", state(items).path("watermark").path("value").asText());

        // WHEN 12 rows arrive and the job runs again
        UdongMarketDb.insertOrderItems(db, 31, 42);
        TableIngestJob.main(args(items));

        // THEN only the new rows were read: all 42 are there once, the new files hold ids 31..42 only
        Path second = download(items);
        try (DuckDb duck = DuckDb.open()) {
            assertEquals(List.of(List.of(42L, 42L, 1L, 42L)), duck.rows("SELECT count(*), count(DISTINCT order_item_id),"
                    + " min(order_item_id), max(order_item_id) FROM read_parquet(?)", glob(second)));
            List<Path> newFiles = parquetFiles(second).stream()
                    .filter(f -> !Files.exists(first.resolve(second.relativize(f)))).toList();
            assertFalse(newFiles.isEmpty());
            assertEquals(List.of(List.of(12L, 31L, 42L)), duck.rows("SELECT count(*), min(order_item_id), max(order_item_id)"
                    + " FROM read_parquet(" + list(newFiles) + ")"));
            // AND rows sit in the dt folder of their created_at date, gift messages nullified
            assertEquals(0L, duck.value("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)"
                    + " WHERE CAST(created_at AS DATE) <> CAST(dt AS DATE) OR gift_message IS NOT NULL", glob(second)));
            assertEquals(List.of("dt=2026-11-23", "dt=2026-11-24", "dt=2026-11-25"), partitionFolders(second));
        }
        assertEquals("42", state(items).path("watermark").path("value").asText());
        assertEquals(2, state(items).path("writes").size());

        // WHEN nothing new arrives
        int filesBefore = parquetFiles(second).size();
        TableIngestJob.main(args(items));
        // THEN nothing is written
        assertEquals(filesBefore, parquetFiles(download(items)).size());

        // WHEN a full refresh runs
        List<String> full = new ArrayList<>(List.of(args(items)));
        full.addAll(List.of(GlueJobArgs.FULL_REFRESH, "true"));
        TableIngestJob.main(full.toArray(String[]::new));
        // THEN the table holds each row once, in the files of one write
        Path refreshed = download(items);
        assertEquals(42L, count(refreshed));
        JsonNode refreshedState = state(items);
        assertEquals(1, refreshedState.path("writes").size());
        String writeId = refreshedState.path("writes").path(0).asText();
        assertTrue(parquetFiles(refreshed).stream().allMatch(f -> f.getFileName().toString().contains(writeId)));
        // AND the catalog registered each date once
        assertEquals(List.of("2026-11-23", "2026-11-24", "2026-11-25"),
                glue.partitions("orders", "order_items").stream().sorted().toList());
    }

    @Test
    void filesOfAFailedRun_areDeleted_andItsRowsReadAgain() throws Exception {
        // GIVEN members loaded once by watermark, and a failed run's file left in a partition
        TableConfig members = new TableConfig(table("members").database(), table("members").name(),
                table("members").ingestion(), null, table("members").columns(), null,
                new TableConfig.GlueSettings(null, null, null, null, null, "updated_at", null, null, null), null);
        String location = "s3a://" + BUCKET + "/failed-run-test";
        List<String> args = new ArrayList<>(List.of(args(members)));
        replaceOption(args, GlueJobArgs.CURATED_LOCATION, location);
        TableIngestJob.main(args.toArray(String[]::new));
        String prefix = "failed-run-test/" + Names.curatedTablePrefix("orders", "orders", "members");
        String orphan = prefix + "dt=" + LOAD_DATE + "/part-00000-0badc0de-0000-4000-8000-000000000000.c000.snappy.parquet";
        String committedFile = s3.keys(BUCKET, prefix + "dt=").get(0);
        s3.put(BUCKET, orphan, s3.get(BUCKET, committedFile));
        db.execute(UdongMarketDb.DATABASE, "UPDATE members SET updated_at = '2026-11-26 00:00:00', grade = 'gold'"
                + " WHERE member_id = 4");

        // WHEN the next run starts
        TableIngestJob.main(args.toArray(String[]::new));

        // THEN the orphan is gone and the changed row was read again by its TIMESTAMP watermark
        List<String> keys = s3.keys(BUCKET, prefix);
        assertFalse(keys.contains(orphan), keys.toString());
        assertTrue(keys.contains(prefix + CuratedTable.STATE_FILE));
        JsonNode state = new ObjectMapper().readTree(s3.get(BUCKET, prefix + CuratedTable.STATE_FILE));
        assertEquals("2026-11-26 00:00:00.000000", state.path("watermark").path("value").asText());
        Path out = downloadPrefix(prefix);
        try (DuckDb duck = DuckDb.open()) {
            assertEquals(List.of(List.of(6L, 5L)), duck.rows("SELECT count(*), count(DISTINCT member_id)"
                    + " FROM read_parquet(?)", glob(out)), "5 members plus the updated version of member 4");
        }
    }

    @Test
    void aRunThatDiesBeforeCommittingItsState_commitsNothing_andTheRerunLoadsEveryRowOnce() throws Exception {
        // The rows of this test are its own: other tests count order_items from an empty table.
        try {
            // GIVEN order_items loaded once by its watermark into a table of its own
            TableConfig items = table("order_items");
            String location = "s3a://" + BUCKET + "/died-run-test";
            String prefix = "died-run-test/" + Names.curatedTablePrefix("orders", items.database(), items.name());
            List<String> args = new ArrayList<>(List.of(args(items)));
            replaceOption(args, GlueJobArgs.CURATED_LOCATION, location);
            UdongMarketDb.insertOrderItems(db, 5001, 5030);
            TableIngestJob.main(args.toArray(String[]::new));
            long loaded = orderItemsInDatabase();
            JsonNode committed = new ObjectMapper().readTree(s3.get(BUCKET, prefix + CuratedTable.STATE_FILE));
            assertEquals("5030", committed.path("watermark").path("value").asText());

            // WHEN 12 rows arrive and the next run dies after writing their files, before committing its state
            UdongMarketDb.insertOrderItems(db, 5031, 5042);
            Configuration conf = LocalSpark.session().sparkContext().hadoopConfiguration();
            String before = StateWriteFailingFileSystem.install(conf);
            List<String> keysOfTheDeadRun;
            try {
                StateWriteFailingFileSystem.armed.set(true);
                int refusedBefore = StateWriteFailingFileSystem.refused.get();
                Exception e = assertThrows(Exception.class,
                        () -> TableIngestJob.main(args.toArray(String[]::new)));
                assertTrue(e.getMessage().contains(CuratedTable.STATE_FILE), e.getMessage());
                assertEquals(refusedBefore + 1, StateWriteFailingFileSystem.refused.get());
                keysOfTheDeadRun = s3.keys(BUCKET, prefix);
            } finally {
                StateWriteFailingFileSystem.uninstall(conf, before);
            }
            // THEN its rows were in S3 (the failure came between data and state), but the state did not move
            Path deadRun = downloadPrefix(prefix);
            assertEquals(loaded + 12, count(deadRun), "the dead run's files are there: " + keysOfTheDeadRun);
            assertEquals(committed, new ObjectMapper().readTree(s3.get(BUCKET, prefix + CuratedTable.STATE_FILE)));

            // WHEN the job runs again
            TableIngestJob.main(args.toArray(String[]::new));

            // THEN every row is in the table exactly once, and the state reached the new rows
            Path rerun = downloadPrefix(prefix);
            try (DuckDb duck = DuckDb.open()) {
                assertEquals(List.of(List.of(loaded + 12, loaded + 12, 5042L)), duck.rows("SELECT count(*),"
                        + " count(DISTINCT order_item_id), max(order_item_id) FROM read_parquet(?)", glob(rerun)));
            }
            JsonNode state = new ObjectMapper().readTree(s3.get(BUCKET, prefix + CuratedTable.STATE_FILE));
            assertEquals("5042", state.path("watermark").path("value").asText());
            assertEquals(2, state.path("writes").size(), "the first run's write and the rerun's; not the dead run's");
        } finally {
            db.execute(UdongMarketDb.DATABASE, "DELETE FROM order_items WHERE order_item_id > 5000");
        }
    }

    private static long orderItemsInDatabase() throws java.sql.SQLException {
        try (Connection c = db.connect(UdongMarketDb.DATABASE); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM order_items")) {
            r.next();
            return r.getLong(1);
        }
    }

    // ---- helpers

    static TableConfig table(String name) {
        return orders.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    static TableConfig withGlue(TableConfig t, String watermark, String split, int partitions) {
        return new TableConfig(t.database(), t.name(), t.ingestion(), t.onUnknownColumn(), t.columns(), null,
                new TableConfig.GlueSettings(null, null, null, null, null, watermark, split, partitions, null), t.partitionColumn());
    }

    /**
     * Writes the orders source's deployed config, holding {@code table}, to the local S3 server's config
     * bucket, as the source's stack does at deploy; returns the URI the job reads it from.
     */
    static String deployedConfig(TableConfig table) {
        s3.createBucket(CONFIG_BUCKET);
        s3.put(CONFIG_BUCKET, Names.deployedSourceKey("orders"), new DeployedSource("orders", Engine.MARIADB, null, null,
                List.of(table)).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "s3a://" + CONFIG_BUCKET + "/" + Names.deployedSourceKey("orders");
    }

    static String[] args(TableConfig table) {
        return new String[] {
            // What Glue adds on its own, which the job must tolerate.
            "--JOB_ID", "j_0123", "--JOB_RUN_ID", "jr_0123", "--JOB_NAME", "udong-dev-orders-" + table.name(),
            "--TempDir", "s3://aws-glue-assets/temporary/", "--job-bookmark-option", "job-bookmark-disable",
            "--enable-metrics", "--job-language", "scala",
            GlueJobArgs.SOURCE, "orders",
            GlueJobArgs.SOURCE_CONFIG, deployedConfig(table),
            GlueJobArgs.TABLE, table.qualifiedName(),
            GlueJobArgs.REPLICA_HOST, db.host(),
            GlueJobArgs.REPLICA_PORT, Integer.toString(db.port()),
            GlueJobArgs.CURATED_LOCATION, "s3a://" + BUCKET,
            GlueJobArgs.REGION, "ap-northeast-2",
            IngestSettings.DB_USER, db.user(),
            IngestSettings.DB_PASSWORD + "=" + db.password(),
            IngestSettings.HMAC_KEY, HMAC_KEY,
            IngestSettings.AWS_ENDPOINT, glue.endpoint().toString(),
            IngestSettings.SSL_MODE, "DISABLED",
            IngestSettings.LOAD_DATE, LOAD_DATE.toString(),
        };
    }

    private static void removeOption(List<String> args, String key) {
        int i = args.indexOf(key);
        if (i >= 0) {
            args.remove(i);
            args.remove(i);
        } else {
            args.removeIf(a -> a.startsWith(key + "="));
        }
    }

    private static void replaceOption(List<String> args, String key, String value) {
        args.set(args.indexOf(key) + 1, value);
    }

    private static JsonNode state(TableConfig table) throws IOException {
        String key = Names.curatedTablePrefix("orders", table.database(), table.name()) + CuratedTable.STATE_FILE;
        return new ObjectMapper().readTree(s3.get(BUCKET, key));
    }

    /** Downloads the table's objects to a fresh temp folder, keeping their relative paths. */
    private static Path download(TableConfig table) throws IOException {
        return downloadPrefix(Names.curatedTablePrefix("orders", table.database(), table.name()));
    }

    private static Path downloadPrefix(String prefix) throws IOException {
        Path dir = Files.createTempDirectory("curated-");
        dir.toFile().deleteOnExit();
        for (String key : s3.keys(BUCKET, prefix)) {
            if (key.endsWith("/")) {
                continue; // a folder marker written by s3a
            }
            Path file = dir.resolve(key.substring(prefix.length()));
            Files.createDirectories(file.getParent());
            Files.write(file, s3.get(BUCKET, key));
        }
        return dir;
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static List<String> partitionFolders(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String glob(Path dir) {
        return dir + "/*/*.parquet";
    }

    private static String list(List<Path> files) {
        return files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static long count(Path dir) {
        try (DuckDb duck = DuckDb.open()) {
            return ((Number) duck.value("SELECT count(*) FROM read_parquet(?)", glob(dir))).longValue();
        }
    }

    private static Map<String, String> columnTypes(DuckDb duck, String files) {
        Map<String, String> types = new HashMap<>();
        for (List<Object> r : duck.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                files)) {
            types.put((String) r.get(0), (String) r.get(1));
        }
        return types;
    }

    private static String column(JsonNode sd, int index) {
        JsonNode c = sd.path("Columns").path(index);
        return c.path("Name").asText() + ":" + c.path("Type").asText();
    }
}
