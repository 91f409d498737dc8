package market.udong.glue.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import market.udong.core.analytics.SavedQuery;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.LakeTableConfig;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.Names;
import market.udong.core.replicas.ReadOnlyUser;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalMariaDb;
import market.udong.core.types.ColumnType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's example query, run as saved (the named query's exact text) on real engines: MariaDB
 * on loopback holds {@code flight_meta.airport} as the flight-meta replica would, read through a
 * JDBC catalog named {@code mysql} as the read-only user; Parquet files in the curated layout hold
 * {@code flight_history.flights}, read through a catalog named {@code hive} that carries the Glue
 * table's location and schema. Only the catalog wiring differs from Athena. The result is checked
 * against DuckDB reading the same files and plain JDBC reading the same airports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedQueryLocalTest {

    private static final Path CONFIG = Path.of("..", "config");
    private static final String PASSWORD = "local-readonly-1";
    /** Airports on the replica; KIX has flights but no row here, YNY has a row but no flights. */
    private static final Map<String, String> AIRPORTS = Map.of(
            "ICN", "Incheon International", "GMP", "Gimpo International", "PUS", "Gimhae International",
            "CJU", "Jeju International", "NRT", "Narita International", "YNY", "Yangyang International");
    private static final List<String> FLIGHT_CODES = List.of("ICN", "ICN", "ICN", "GMP", "GMP", "CJU", "PUS", "NRT", "KIX");
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 3));

    private LocalMariaDb replica;
    private SparkSession spark;
    private Path flightsLocation;

    @BeforeAll
    void startEngines(@TempDir Path lake) throws Exception {
        PlatformConfig config = new ConfigLoader().load(CONFIG, "dev");
        SourceConfig flightMeta = config.source("flight-meta").orElseThrow();
        LakeTableConfig flights = config.lakeTables().stream()
                .filter(t -> t.qualifiedName().equals("flight_history.flights")).findFirst().orElseThrow();

        // GIVEN the replica's airport table and the read-only user the platform's SQL creates
        replica = LocalMariaDb.start();
        replica.execute("", "CREATE DATABASE flight_meta",
                "CREATE TABLE flight_meta.airport (airport_code CHAR(3) PRIMARY KEY, name VARCHAR(80), city VARCHAR(80),"
                        + " country CHAR(2), latitude DOUBLE, longitude DOUBLE)");
        for (Map.Entry<String, String> a : AIRPORTS.entrySet()) {
            replica.execute("", "INSERT INTO flight_meta.airport VALUES ('" + a.getKey() + "', '" + a.getValue()
                    + "', 'city', 'KR', 37.5, 126.9)");
        }
        ReadOnlyUser.statements(flightMeta, PASSWORD).values()
                .forEach(statements -> replica.execute("", statements.toArray(String[]::new)));

        // AND a Spark session whose catalogs are named as in Athena
        flightsLocation = lake.resolve("curated").resolve(Names.curatedTablePrefix(flights.name(), flights.database(), flights.table()));
        String key = flights.database() + "." + flights.table();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("seed-query")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.catalog.mysql", "org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog")
                .config("spark.sql.catalog.mysql.url", replica.jdbcUrl(""))
                .config("spark.sql.catalog.mysql.driver", "com.mysql.cj.jdbc.Driver")
                .config("spark.sql.catalog.mysql.user", Names.READ_ONLY_USER)
                .config("spark.sql.catalog.mysql.password", PASSWORD)
                .config("spark.sql.catalog.hive", LakeTableCatalog.class.getName())
                .config("spark.sql.catalog.hive.location." + key, flightsLocation.toUri().toString())
                .config("spark.sql.catalog.hive.schema." + key, glueSchema(flights))
                .getOrCreate();

        // AND flight history written as the lake holds it: Parquet in dt= folders
        writeFlights(flights);
    }

    @AfterAll
    void stopEngines() {
        if (spark != null) {
            spark.stop();
        }
        if (replica != null) {
            replica.close();
        }
    }

    /** The Glue table's columns (as {@code LakeTableCatalog} in infra declares them) plus the dt partition key. */
    private static String glueSchema(LakeTableConfig table) {
        String columns = table.columns().entrySet().stream()
                .map(e -> e.getKey() + " " + ColumnType.parse(e.getValue()).catalogType())
                .collect(Collectors.joining(", "));
        return columns + ", " + CatalogNames.DATE_PARTITION_KEY + " " + CatalogNames.DATE_PARTITION_TYPE;
    }

    private void writeFlights(LakeTableConfig table) {
        Random random = new Random(20240501);
        List<Row> rows = new ArrayList<>();
        long id = 1;
        for (LocalDate day : DAYS) {
            int flightsThatDay = 150 + random.nextInt(100);
            for (int i = 0; i < flightsThatDay; i++) {
                String code = FLIGHT_CODES.get(random.nextInt(FLIGHT_CODES.size()));
                LocalDateTime scheduled = day.atTime(6 + random.nextInt(16), random.nextInt(60));
                int delay = random.nextInt(90);
                rows.add(RowFactory.create(id++, "KE" + (100 + random.nextInt(900)), "KE", code, "ICN",
                        Timestamp.valueOf(scheduled), Timestamp.valueOf(scheduled.plusMinutes(delay)), delay,
                        delay > 60 ? "DELAYED" : "ON_TIME", day.toString()));
            }
        }
        StructType schema = StructType.fromDDL(glueSchema(table));
        spark.createDataFrame(rows, schema)
                .write()
                .partitionBy(CatalogNames.DATE_PARTITION_KEY)
                .parquet(flightsLocation.toString());
    }

    @Test
    void seedQuery_runsAsSaved_andCountsMatchAnIndependentComputation() throws Exception {
        // WHEN the saved query runs verbatim
        String sql = SavedQuery.FLIGHTS_PER_AIRPORT.sql();
        assertTrue(sql.contains("hive.flight_history.flights") && sql.contains("mysql.flight_meta.airport"), sql);
        Dataset<Row> result = spark.sql(sql);
        List<Row> rows = result.collectAsList();

        // THEN it matches DuckDB over the same Parquet files joined with the replica's airports in plain Java
        Map<String, Long> expected = independentCounts();
        Map<String, Long> actual = new LinkedHashMap<>();
        rows.forEach(r -> actual.put(r.getString(0), r.getLong(1)));
        assertEquals(List.of("airport_name", "flight_count"), List.of(result.columns()));
        assertEquals(expected, actual);
        // AND rows come in ascending flight count, airports without flights or without a replica row left out
        List<Long> counts = new ArrayList<>(actual.values());
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i - 1) <= counts.get(i), "ascending: " + counts);
        }
        assertFalse(actual.containsKey(AIRPORTS.get("YNY")), "no flights, no row");
        assertEquals(5, actual.size(), "ICN, GMP, CJU, PUS, NRT; KIX has no airport row");
    }

    @Test
    void lakeCatalog_servesTheDeclaredSchema_withTheDatePartition() {
        // WHEN the lake table is read through the hive catalog
        Dataset<Row> flights = spark.table("hive.flight_history.flights");
        // THEN its columns are the declared ones, and every day is a partition
        assertEquals("code", flights.schema().apply("code").name());
        assertEquals(DAYS.size(), flights.select(CatalogNames.DATE_PARTITION_KEY).distinct().count());
    }

    /** Flights per airport name, computed without Spark: DuckDB counts per code, JDBC names the codes. */
    private Map<String, Long> independentCounts() throws Exception {
        Map<String, Long> perCode = new HashMap<>();
        List<Path> files;
        try (var walk = Files.walk(flightsLocation)) {
            files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        assertFalse(files.isEmpty());
        try (DuckDb duck = DuckDb.open()) {
            String list = files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
            for (List<Object> row : duck.rows("SELECT code, count(*) FROM read_parquet([" + list + "]) GROUP BY code")) {
                perCode.put((String) row.get(0), ((Number) row.get(1)).longValue());
            }
        }
        Map<String, String> names = new HashMap<>();
        try (var c = replica.connect("flight_meta"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT airport_code, name FROM airport")) {
            while (rs.next()) {
                names.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Long> perName = new HashMap<>();
        perCode.forEach((code, count) -> {
            String name = names.get(code);
            if (name != null) {
                perName.merge(name, count, Long::sum);
            }
        });
        return perName.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
