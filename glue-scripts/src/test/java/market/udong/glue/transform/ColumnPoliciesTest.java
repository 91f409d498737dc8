package market.udong.glue.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.TableConfig;
import market.udong.core.config.TruncateUnit;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.masking.PolicyViolation;
import market.udong.core.types.LakeTimestamps;
import market.udong.glue.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColumnPoliciesTest {

    static final String KEY = "a-test-hmac-key-of-at-least-32-bytes!";
    static final ColumnMasks MASKS = ColumnMasks.fromSecretString(KEY);

    private final SparkSession spark = LocalSpark.session();

    @BeforeEach
    void javaTime() {
        // The job's setting: UDFs and collected rows see java.time values.
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    }

    @Test
    void apply_masksTextColumnsWithTheCoreFunctions_andRenames() {
        // GIVEN members with PII in text columns, one of them null
        StructType schema = new StructType()
                .add("member_id", DataTypes.LongType)
                .add("name", DataTypes.StringType)
                .add("email", DataTypes.StringType)
                .add("phone", DataTypes.StringType)
                .add("contact_email", DataTypes.StringType)
                .add("memo", DataTypes.StringType);
        Dataset<Row> members = spark.createDataFrame(List.of(
                RowFactory.create(1L, "김민지", "kim.minji@udong.market", "010-1234-5678", "minji@example.com", "vip"),
                RowFactory.create(2L, null, null, null, null, null)), schema);
        TableConfig table = table(Map.of(
                "member_id", "keep", "name", "redact", "email", "hash:email_hash", "phone", "mask_phone",
                "contact_email", "mask_email", "memo", "nullify"));

        // WHEN the policies are applied
        Dataset<Row> out = ColumnPolicies.apply(members, plan(table, members), KEY);
        List<Row> rows = out.orderBy("member_id").collectAsList();

        // THEN each value is the core function's output, under the configured name
        assertArrayEquals(new String[] {"member_id", "name", "email_hash", "phone", "contact_email", "memo"}, out.columns());
        Row kim = rows.get(0);
        assertEquals(ColumnMasks.REDACTED, kim.getAs("name"));
        assertEquals(MASKS.hash("kim.minji@udong.market"), kim.getAs("email_hash"));
        assertEquals(ColumnMasks.maskPhone("010-1234-5678"), kim.getAs("phone"));
        assertEquals(ColumnMasks.maskEmail("minji@example.com"), kim.getAs("contact_email"));
        assertNull(kim.getAs("memo"));
        assertEquals(DataTypes.StringType, out.schema().apply("memo").dataType(), "nullify keeps the type");
        // AND nulls stay null under every policy
        Row empty = rows.get(1);
        for (int i = 1; i < out.columns().length; i++) {
            assertTrue(empty.isNullAt(i), out.columns()[i]);
        }
    }

    @Test
    void apply_hashesTextNumbersAndBytes_likeTheCoreFunctions() {
        StructType schema = new StructType()
                .add("member_id", DataTypes.LongType)
                .add("amount", DataTypes.createDecimalType(12, 2))
                .add("token", DataTypes.BinaryType)
                .add("nickname", DataTypes.StringType);
        Dataset<Row> in = spark.createDataFrame(List.of(
                RowFactory.create(42L, new BigDecimal("0.10"), "t".getBytes(StandardCharsets.UTF_8), "우동러버🍜")), schema);
        TableConfig table = table(Map.of("member_id", "hash", "amount", "hash", "token", "hash", "nickname", "hash"));

        Row row = ColumnPolicies.apply(in, plan(table, in), KEY).first();

        assertEquals(MASKS.hash("우동러버🍜"), row.getAs("nickname"), "text hashes as hash(String) does, beyond ASCII");
        assertEquals(MASKS.hash("42"), row.getAs("member_id"));
        assertEquals(MASKS.hash("0.10"), row.getAs("amount"));
        assertEquals(MASKS.hash("t".getBytes(StandardCharsets.UTF_8)), row.getAs("token"));
    }

    @Test
    void apply_truncatesDatesAndTimestamps_onTheUtcCalendar_whateverTheSessionZone() {
        // GIVEN a session in Seoul time and values just after UTC midnight
        spark.conf().set("spark.sql.session.timeZone", "Asia/Seoul");
        Instant instant = Instant.parse("2026-11-25T00:30:15.123456Z");
        LocalDateTime wallClock = LocalDateTime.of(2026, 11, 25, 13, 45, 12, 123_456_000);
        StructType schema = new StructType()
                .add("birth_date", DataTypes.DateType)
                .add("paid_at", DataTypes.TimestampType)
                .add("created_at", DataTypes.TimestampNTZType);
        Dataset<Row> in = spark.createDataFrame(List.of(
                RowFactory.create(LocalDate.of(1990, 7, 15), instant, wallClock)), schema);
        TableConfig table = table(Map.of("birth_date", "truncate(year)", "paid_at", "truncate(hour)",
                "created_at", "truncate(day)"));

        try {
            Row row = ColumnPolicies.apply(in, plan(table, in), KEY).first();

            // THEN each matches the core function
            assertEquals(LocalDate.ofEpochDay(ColumnMasks.truncateEpochDay((int) LocalDate.of(1990, 7, 15).toEpochDay(),
                    TruncateUnit.YEAR)), row.getAs("birth_date"));
            long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
            assertEquals(ColumnMasks.truncateMicros(micros, TruncateUnit.HOUR),
                    micros(row.getAs("paid_at")));
            assertEquals(LocalDateTime.of(2026, 11, 25, 0, 0), row.getAs("created_at"));
        } finally {
            spark.conf().unset("spark.sql.session.timeZone");
        }
    }

    @Test
    void apply_writesTimestampsLaterThanTheLakesLatest_asIt_andKeepsMicrosecondsElsewhere() {
        // GIVEN "no end" sentinels in a wall-clock and an instant column, beside microsecond values and nulls
        StructType schema = new StructType()
                .add("member_id", DataTypes.LongType)
                .add("valid_to", DataTypes.TimestampNTZType)
                .add("expires_at", DataTypes.TimestampType);
        Instant micros = Instant.parse("2026-03-01T09:30:00.654321Z");
        Dataset<Row> in = spark.createDataFrame(List.of(
                RowFactory.create(1L, LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), Instant.parse("9999-12-31T23:59:59.9995Z")),
                RowFactory.create(2L, LocalDateTime.of(2026, 3, 1, 9, 30, 0, 123_456_000), micros),
                RowFactory.create(3L, null, null)), schema);
        TableConfig table = table(Map.of("member_id", "keep", "valid_to", "keep", "expires_at", "keep"));

        // WHEN the policies (all keep) are applied
        Dataset<Row> out = ColumnPolicies.apply(in, plan(table, in), KEY);
        List<Row> rows = out.orderBy("member_id").collectAsList();

        // THEN the sentinels are 9999-12-31 23:59:59.999, the other values unchanged, nulls null, types as they were
        assertEquals(LakeTimestamps.LATEST_WALL_CLOCK, rows.get(0).getAs("valid_to"));
        assertEquals(LakeTimestamps.LATEST_INSTANT, rows.get(0).getAs("expires_at"));
        assertEquals(LocalDateTime.of(2026, 3, 1, 9, 30, 0, 123_456_000), rows.get(1).getAs("valid_to"));
        assertEquals(micros, rows.get(1).getAs("expires_at"));
        assertTrue(rows.get(2).isNullAt(1) && rows.get(2).isNullAt(2));
        assertEquals(DataTypes.TimestampNTZType, out.schema().apply("valid_to").dataType());
        assertEquals(DataTypes.TimestampType, out.schema().apply("expires_at").dataType());
    }

    @Test
    void apply_dropsDroppedAndUnclassifiedColumns() {
        StructType schema = new StructType()
                .add("order_id", DataTypes.LongType)
                .add("shipping_address", DataTypes.StringType)
                .add("surprise", DataTypes.StringType);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(1L, "서울시 마포구", "x")), schema);
        TableConfig table = table(Map.of("order_id", "keep", "shipping_address", "drop"));

        MaskingPlan plan = plan(table, in);
        Dataset<Row> out = ColumnPolicies.apply(in, plan, KEY);

        assertArrayEquals(new String[] {"order_id"}, out.columns());
        assertEquals(List.of("surprise"), plan.unknown());
    }

    @Test
    void apply_convertsToTheConfiguredType_asCoreDoes() {
        // GIVEN a number widened to a decimal, and a wall-clock DATETIME typed "timestamp"
        StructType schema = new StructType().add("quantity", DataTypes.IntegerType)
                .add("created_at", DataTypes.TimestampNTZType);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(3, LocalDateTime.of(2026, 11, 25, 9, 0))), schema);
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("quantity", ColumnRule.parse("keep", null, "decimal(10,2)"));
        columns.put("created_at", ColumnRule.parse("keep", null, "timestamp"));
        TableConfig table = new TableConfig("orders", "t", Ingestion.GLUE, null, columns, null, null, null);

        Dataset<Row> out = ColumnPolicies.apply(in, plan(table, in), KEY);

        // THEN the values are exact, and "timestamp" keeps a wall clock a wall clock (core's rule;
        // a Spark cast would have turned it into an instant in the session's zone)
        assertEquals(DataTypes.createDecimalType(10, 2), out.schema().apply("quantity").dataType());
        assertEquals(new BigDecimal("3.00"), out.first().getDecimal(0));
        assertEquals(DataTypes.TimestampNTZType, out.schema().apply("created_at").dataType());
        assertEquals(LocalDateTime.of(2026, 11, 25, 9, 0), out.first().getAs("created_at"));
    }

    @Test
    void apply_rejectsPoliciesThatDoNotFitTheColumnType_beforeReadingARow() {
        StructType schema = new StructType().add("n", DataTypes.IntegerType).add("s", DataTypes.StringType);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(1, "a")), schema);

        PolicyViolation email = assertThrows(PolicyViolation.class,
                () -> ColumnPolicies.apply(in, plan(table(Map.of("n", "mask_email", "s", "keep")), in), KEY));
        assertTrue(email.getMessage().contains("'n'") && email.getMessage().contains("text columns"), email.getMessage());
        PolicyViolation truncate = assertThrows(PolicyViolation.class,
                () -> ColumnPolicies.apply(in, plan(table(Map.of("n", "keep", "s", "truncate(day)")), in), KEY));
        assertTrue(truncate.getMessage().contains("date and timestamp"), truncate.getMessage());
        Map<String, ColumnRule> intAsBinary = Map.of("n", ColumnRule.parse("keep", null, "binary"), "s", ColumnRule.parse("keep"));
        PolicyViolation cast = assertThrows(PolicyViolation.class, () -> ColumnPolicies.apply(in,
                plan(new TableConfig("orders", "t", Ingestion.GLUE, null, intAsBinary, null, null, null), in), KEY));
        assertTrue(cast.getMessage().contains("binary"), cast.getMessage());
    }

    /** Columns in map order given as {@code policy} or {@code policy:rename}. */
    static TableConfig table(Map<String, String> specs) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        specs.forEach((column, spec) -> {
            String[] parts = spec.split(":");
            columns.put(column, ColumnRule.parse(parts[0], parts.length > 1 ? parts[1] : null, null));
        });
        return new TableConfig("orders", "members", Ingestion.GLUE, null, columns, null, null, null);
    }

    static MaskingPlan plan(TableConfig table, Dataset<Row> in) {
        return MaskingPlan.of(table, Arrays.asList(in.columns()));
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
