package market.udong.glue.transform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.types.ColumnType;
import market.udong.glue.LocalSpark;
import market.udong.glue.SparkTypes;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Catalyst forms of the policies ({@link MaskExpressions}, reached through
 * {@link ColumnPolicies#apply}) against {@code core}'s {@link ColumnTransform}, the masking
 * Lambda's code, over thousands of generated values per type: text in several scripts, emoji,
 * non-ASCII digits, invalid UTF-8, empty values, nulls, extreme numbers and the whole range of
 * dates Spark supports. Each runs twice: in generated code, as the job runs, and interpreted,
 * which Spark falls back to when code generation fails.
 */
class MaskExpressionsTest {

    static final String KEY = "a-test-hmac-key-of-at-least-32-bytes!";
    static final ColumnMasks MASKS = ColumnMasks.fromSecretString(KEY);
    static final int VALUES = 3000;

    /** 0001-01-01 and 9999-12-31, the dates Spark supports. */
    static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private final SparkSession spark = LocalSpark.session();
    private final Random random = new Random(20261126);

    @BeforeEach
    void javaTimeAndAZoneThatIsNotUtc() {
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        // Truncation and text forms are on the UTC calendar whatever the session's zone.
        spark.conf().set("spark.sql.session.timeZone", "Asia/Seoul");
    }

    @AfterEach
    void restore() {
        spark.conf().unset("spark.sql.session.timeZone");
        spark.conf().unset("spark.sql.codegen.wholeStage");
        spark.conf().unset("spark.sql.codegen.factoryMode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CODEGEN_ONLY", "NO_CODEGEN"})
    void textPolicies_equalTheCoreFunctions_onGeneratedText(String codegen) {
        useCodegen(codegen);
        List<Object> values = new ArrayList<>(List.of("", "@", "a@", "@a", "a@b@c", "@@", "😀@udong.market", "😀",
                "김민지@우동.market", "kim.minji@udong.market", "1234", "123", "12345", "010-1234-5678",
                "+82 (10) 1234-5678", "٠١٢-٣٤٥٦-٧٨٩٠", "０１０-１２３４-５６７８", "𝟎𝟏𝟐𝟑𝟒𝟓", "\u0000", "ab\ncd@e\n", " "));
        while (values.size() < VALUES) {
            values.add(random.nextInt(20) == 0 ? null : text(random.nextInt(30)));
        }

        for (String policy : List.of("hash", "mask_email", "mask_phone", "redact", "nullify")) {
            assertEqualsCore(policy, ColumnType.STRING, values);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CODEGEN_ONLY", "NO_CODEGEN"})
    void invalidUtf8_isMaskedAsDecoded_andHashedAsStored(String codegen) {
        // GIVEN text that is not valid UTF-8 (a binary column cast to string; JDBC text never is)
        useCodegen(codegen);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(new byte[] {(byte) 0xff, '1', '2', '3', '4', '5', '@', 'x'}));
        rows.add(RowFactory.create(new byte[] {'a', (byte) 0xc3, '@', '9', '8', '7', '6', '5'}));
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[random.nextInt(16)];
            random.nextBytes(b);
            rows.add(RowFactory.create((Object) b));
        }
        Dataset<Row> in = dataset(rows, new StructType().add("raw", DataTypes.BinaryType))
                .select(col("raw").cast(DataTypes.StringType).as("value"));

        // THEN the text masks see the text Spark decodes (with replacement characters), as a UDF did
        assertEqualsCore(in, "mask_email", ColumnType.STRING);
        assertEqualsCore(in, "mask_phone", ColumnType.STRING);
        // AND hash digests the bytes as stored, as the masking Lambda does with Parquet text
        Dataset<Row> withBytes = in.withColumn("raw", col("value").cast(DataTypes.BinaryType));
        Dataset<Row> hashed = ColumnPolicies.apply(withBytes, plan(withBytes, Map.of("value", "hash", "raw", "keep")), KEY);
        for (Row r : hashed.collectAsList()) {
            assertEquals(MASKS.hash((byte[]) r.getAs("raw")), r.getAs("value"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CODEGEN_ONLY", "NO_CODEGEN"})
    void hash_equalsTheCoreHash_forEveryColumnType(String codegen) {
        useCodegen(codegen);
        Map<ColumnType, Supplier<Object>> generators = new LinkedHashMap<>();
        generators.put(ColumnType.BOOLEAN, random::nextBoolean);
        generators.put(ColumnType.INT, () -> pick(random.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1));
        generators.put(ColumnType.BIGINT, () -> pick(random.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
        generators.put(ColumnType.FLOAT, () -> pick(Float.intBitsToFloat(random.nextInt()), Float.NaN,
                Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, 1e10f, 0.1f));
        generators.put(ColumnType.DOUBLE, () -> pick(Double.longBitsToDouble(random.nextLong()), Double.NaN,
                Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e-7, 12345678.9));
        generators.put(ColumnType.decimal(38, 10), () -> decimal(38, 10));
        generators.put(ColumnType.decimal(20, 0), () -> decimal(20, 0));
        generators.put(ColumnType.decimal(5, 2), () -> decimal(5, 2));
        generators.put(ColumnType.DATE, () -> LocalDate.ofEpochDay(day()));
        generators.put(ColumnType.TIMESTAMP, () -> instant());
        generators.put(ColumnType.TIMESTAMP_NTZ, () -> LocalDateTime.ofInstant(instant(), ZoneOffset.UTC));
        generators.put(ColumnType.BINARY, () -> {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            return b;
        });
        generators.put(ColumnType.STRING, () -> text(random.nextInt(30)));

        generators.forEach((type, generator) -> {
            List<Object> values = new ArrayList<>();
            values.add(null);
            while (values.size() < VALUES / 3) {
                values.add(generator.get());
            }
            assertEqualsCore("hash", type, values);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"CODEGEN_ONLY", "NO_CODEGEN"})
    void truncate_equalsTheCoreFunction_forEveryUnitAndTemporalType(String codegen) {
        useCodegen(codegen);
        List<Object> days = new ArrayList<>(List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(1900, 3, 1)));
        List<Object> instants = new ArrayList<>(List.of(Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-11-25T00:30:15.123456Z")));
        while (days.size() < VALUES / 3) {
            days.add(random.nextInt(30) == 0 ? null : LocalDate.ofEpochDay(day()));
            instants.add(random.nextInt(30) == 0 ? null : instant());
        }
        List<Object> wallClocks = instants.stream()
                .map(i -> i == null ? null : (Object) LocalDateTime.ofInstant((Instant) i, ZoneOffset.UTC)).toList();

        for (String unit : List.of("year", "month", "day", "hour")) {
            String policy = "truncate(" + unit + ")";
            assertEqualsCore(policy, ColumnType.DATE, days);
            assertEqualsCore(policy, ColumnType.TIMESTAMP, instants);
            assertEqualsCore(policy, ColumnType.TIMESTAMP_NTZ, wallClocks);
        }
    }

    @Test
    void plans_doNotShowTheHmacKey_norPadsDerivedFromIt() {
        // GIVEN a hashed column
        Dataset<Row> in = dataset(List.of(RowFactory.create("kim.minji@udong.market")),
                new StructType().add("email", DataTypes.StringType));
        Dataset<Row> out = ColumnPolicies.apply(in, plan(in, Map.of("email", "hash")), KEY);

        // WHEN Spark describes the query, as explain, its UI and event logs do
        String plans = out.queryExecution().toString() + out.queryExecution().executedPlan().toString();

        // THEN neither the key nor the HMAC pads appear, in any spelling
        assertTrue(plans.contains("HmacSha256Hex"), plans);
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        List<String> secrets = new ArrayList<>(List.of(KEY, HexFormat.of().formatHex(key)));
        for (int pad : new int[] {0x36, 0x5c}) {
            byte[] padded = new byte[64];
            for (int i = 0; i < padded.length; i++) {
                padded[i] = (byte) ((i < key.length ? key[i] : 0) ^ pad);
            }
            secrets.add(HexFormat.of().formatHex(padded));
        }
        for (String secret : secrets) {
            assertFalse(plans.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT).substring(0, 24)),
                    "the plan shows key material: " + plans);
        }
        assertEquals(MASKS.hash("kim.minji@udong.market"), out.first().getString(0));
    }

    @Test
    void policiesWithoutTypeOverride_runWithoutUdfs() {
        Dataset<Row> in = dataset(List.of(RowFactory.create("a@b.c", "010-1234-5678", "x",
                        LocalDate.of(1990, 7, 15), 7L)),
                new StructType().add("email", DataTypes.StringType).add("phone", DataTypes.StringType)
                        .add("name", DataTypes.StringType).add("birth_date", DataTypes.DateType)
                        .add("member_id", DataTypes.LongType));
        Map<String, String> policies = new LinkedHashMap<>();
        policies.put("email", "mask_email");
        policies.put("phone", "mask_phone");
        policies.put("name", "hash");
        policies.put("birth_date", "truncate(month)");
        policies.put("member_id", "hash");

        String plan = ColumnPolicies.apply(in, plan(in, policies), KEY).queryExecution().executedPlan().toString();

        assertFalse(plan.contains("UDF"), plan);
        assertTrue(plan.startsWith("*("), "one whole-stage generated stage: " + plan);
    }

    /** Applies {@code policy} to the values as a column of {@code type}; each output equals core's. */
    private void assertEqualsCore(String policy, ColumnType type, List<Object> values) {
        List<Row> rows = values.stream().map(v -> RowFactory.create(v)).toList();
        DataType sparkType = SparkTypes.of(type);
        assertEqualsCore(dataset(rows, new StructType().add("value", sparkType)), policy, type);
    }

    /**
     * Rows as a distributed dataset: Spark would compute a projection of in-memory rows
     * ({@code createDataFrame(List, ...)}) while optimizing, interpreted, instead of running it.
     */
    private Dataset<Row> dataset(List<Row> rows, StructType schema) {
        return spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
    }

    private void assertEqualsCore(Dataset<Row> in, String policy, ColumnType type) {
        // The input is read back beside the output, so the expectation starts from the value
        // Spark holds (Decimal scale applied, text as Spark decodes it), as a UDF's would.
        Dataset<Row> twice = in.withColumn("masked", col("value"));
        Map<String, String> policies = new LinkedHashMap<>();
        policies.put("value", "keep");
        policies.put("masked", policy);
        ColumnTransform core = ColumnTransform.of("masked", ColumnRule.parse(policy), type, MASKS);

        List<Row> out = ColumnPolicies.apply(twice, plan(twice, policies), KEY).collectAsList();

        assertEquals(in.count(), out.size());
        int nonNull = 0;
        for (Row r : out) {
            Object input = r.get(0);
            Object expected = core.apply(input);
            Object actual = r.get(1);
            String where = policy + " on " + type + " value " + show(input);
            if (expected == null) {
                assertNull(actual, where);
            } else {
                nonNull++;
                assertEquals(expected, actual, where);
            }
        }
        assertTrue(nonNull > 0 || policy.equals("nullify"), "no value was compared for " + policy + " on " + type);
    }

    private static MaskingPlan plan(Dataset<Row> in, Map<String, String> policies) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        policies.forEach((column, spec) -> columns.put(column, ColumnRule.parse(spec)));
        TableConfig table = new TableConfig("orders", "t", Ingestion.GLUE, null, columns, null, null, null);
        return MaskingPlan.of(table, Arrays.asList(in.columns()));
    }

    private void useCodegen(String mode) {
        spark.conf().set("spark.sql.codegen.factoryMode", mode);
        spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(mode.equals("CODEGEN_ONLY")));
    }

    /** Code points from scripts and classes that masking treats differently, mostly ASCII. */
    private String text(int codePoints) {
        int[] special = {'@', '@', '-', '.', ' ', '\n', 0, 'ㄱ', '가', '힣', 0x0663, 0xFF13, 0x096D, 0x1D7CE, 0x1F35C,
            0x1F600, 0x00E9, 0x0301, 0xFFFD};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                s.append((char) ('0' + random.nextInt(10)));
            } else if (kind < 8) {
                s.append((char) (0x20 + random.nextInt(0x5f)));
            } else {
                s.appendCodePoint(special[random.nextInt(special.length)]);
            }
        }
        return s.toString();
    }

    private long day() {
        return FIRST_DAY + (long) (random.nextDouble() * (LAST_DAY - FIRST_DAY + 1));
    }

    private Instant instant() {
        long micros = FIRST_DAY * MICROS_PER_DAY + random.nextLong((LAST_DAY + 1 - FIRST_DAY) * MICROS_PER_DAY);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private BigDecimal decimal(int precision, int scale) {
        BigInteger unscaled = new BigInteger(random.nextInt(1 + (int) (precision * 3.3)), random)
                .min(BigInteger.TEN.pow(precision).subtract(BigInteger.ONE));
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }

    @SafeVarargs
    private <T> T pick(T usual, T... edges) {
        return random.nextInt(10) == 0 ? edges[random.nextInt(edges.length)] : usual;
    }

    private static String show(Object value) {
        return value instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(value);
    }
}
