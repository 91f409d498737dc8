package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import market.udong.core.config.ColumnRule;
import market.udong.core.types.ColumnType;
import org.junit.jupiter.api.Test;

/** The type override of a column rule: what each conversion writes, and what it refuses. */
class ColumnTransformTypeOverrideTest {

    final ColumnMasks masks = new ColumnMasks("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    ColumnTransform t(String policy, String type, ColumnType input) {
        return ColumnTransform.of("c", ColumnRule.parse(policy, null, type), input, masks);
    }

    Object keepAs(String type, ColumnType input, Object value) {
        return t("keep", type, input).apply(value);
    }

    ColumnValueException valueFails(String type, ColumnType input, Object value) {
        return assertThrows(ColumnValueException.class, () -> keepAs(type, input, value));
    }

    /** The message of the violation that building keep with this override raises. */
    String violation(String type, ColumnType input) {
        return assertThrows(PolicyViolation.class, () -> t("keep", type, input)).getMessage();
    }

    @Test
    void overrideToTheSameType_isAnIdentity() {
        // GIVEN an override naming the type the column already has WHEN built THEN values pass unchanged
        ColumnTransform sameText = t("keep", "string", ColumnType.STRING);
        assertTrue(sameText.isIdentity());
        assertSame("x", sameText.apply("x"));
        assertTrue(t("keep", "decimal(10,2)", ColumnType.decimal(10, 2)).isIdentity());
        assertTrue(t("keep", "timestamp", ColumnType.TIMESTAMP_NTZ).isIdentity());
        assertFalse(t("keep", "bigint", ColumnType.INT).isIdentity());
    }

    @Test
    void toString_writesEachTypesTextForm() {
        // GIVEN a string override on each type WHEN applied THEN the value is written in its documented text form
        assertEquals("42", keepAs("string", ColumnType.INT, 42));
        assertEquals("true", keepAs("string", ColumnType.BOOLEAN, true));
        assertEquals("1000.50", keepAs("string", ColumnType.decimal(10, 2), new BigDecimal("1000.50")));
        assertEquals("김민지", keepAs("string", ColumnType.BINARY, "김민지".getBytes(StandardCharsets.UTF_8)));
        assertEquals("1990-07-15", keepAs("string", ColumnType.DATE, LocalDate.of(1990, 7, 15)));
        assertEquals("2026-11-25T13:45:12.123456Z",
                keepAs("string", ColumnType.TIMESTAMP, Instant.parse("2026-11-25T13:45:12.123456Z")));
        assertEquals(ColumnType.STRING, t("keep", "string", ColumnType.INT).outputType());
    }

    @Test
    void fromText_toNumbers_trimsAndConvertsExactly() {
        // GIVEN numeric overrides on text WHEN applied THEN surrounding space is ignored and decimals round half up
        assertEquals(42, keepAs("int", ColumnType.STRING, " 42 "));
        assertEquals(4, keepAs("int", ColumnType.STRING, "4.0"));
        assertEquals(5_000_000_000L, keepAs("bigint", ColumnType.STRING, "5000000000"));
        assertEquals(1000.0d, keepAs("double", ColumnType.STRING, "1e3"));
        assertEquals(new BigDecimal("3.14"), keepAs("decimal(5,2)", ColumnType.STRING, "3.14159"));
        assertEquals(new BigDecimal("2.35"), keepAs("decimal(5,2)", ColumnType.STRING, "2.345"));
        assertEquals(new BigDecimal("-0.01"), keepAs("decimal(5,2)", ColumnType.STRING, "-0.005"));
        assertEquals(ColumnType.INT, t("keep", "int", ColumnType.STRING).outputType());
    }

    @Test
    void fromText_numbersThatDoNotFit_failWithTheFitMessage_andTextThatIsNoNumber_withoutTheValue() {
        // GIVEN numeric overrides on text WHEN a value is too big, fractional or no number THEN the message says which, never the value
        assertTrue(valueFails("int", ColumnType.STRING, "5000000000").getMessage()
                .startsWith("column 'c': value does not fit int ("));
        assertTrue(valueFails("int", ColumnType.STRING, "4.5").getMessage()
                .startsWith("column 'c': value does not fit int ("));
        assertEquals("column 'c': value does not fit decimal(3,2) (needs precision 4)",
                valueFails("decimal(3,2)", ColumnType.STRING, "12.3").getMessage());
        ColumnValueException notANumber = valueFails("bigint", ColumnType.STRING, "010-1234-5678");
        assertEquals("column 'c': a value is not a valid bigint", notANumber.getMessage());
        assertEquals("c", notANumber.column());
    }

    @Test
    void fromText_toBoolean_acceptsTheUsualSpellings_inAnyCase() {
        // GIVEN a boolean override on text WHEN each spelling is applied THEN it is true or false, and anything else fails
        for (String yes : new String[] {"true", "1", "t", "y", "yes", " YES ", "True"}) {
            assertEquals(true, keepAs("boolean", ColumnType.STRING, yes), yes);
        }
        for (String no : new String[] {"false", "0", "f", "n", "no", "NO", " False "}) {
            assertEquals(false, keepAs("boolean", ColumnType.STRING, no), no);
        }
        assertEquals("column 'c': a value is not a valid boolean",
                valueFails("boolean", ColumnType.STRING, "maybe").getMessage());
    }

    @Test
    void fromText_toBinary_isTheUtf8Bytes() {
        // GIVEN a binary override on text WHEN applied THEN the value is its UTF-8 bytes
        ColumnTransform binary = t("keep", "binary", ColumnType.STRING);
        assertArrayEquals("김민지".getBytes(StandardCharsets.UTF_8), (byte[]) binary.apply("김민지"));
        assertEquals(ColumnType.BINARY, binary.outputType());
    }

    @Test
    void fromText_toDate_readsTheDatePartOfADateOrTimestamp() {
        // GIVEN a date override on text WHEN a date or a timestamp is applied THEN its date part is read
        assertEquals(LocalDate.of(2026, 11, 25), keepAs("date", ColumnType.STRING, "2026-11-25"));
        assertEquals(LocalDate.of(2026, 11, 25), keepAs("date", ColumnType.STRING, " 2026-11-25 "));
        assertEquals(LocalDate.of(2026, 11, 25), keepAs("date", ColumnType.STRING, "2026-11-25 13:45:12"));
        assertEquals(LocalDate.of(2026, 11, 25), keepAs("date", ColumnType.STRING, "2026-11-25T23:59:59Z"));
        assertEquals("column 'c': a value is not a valid date",
                valueFails("date", ColumnType.STRING, "25/11/2026").getMessage());
    }

    @Test
    void fromText_toTimestamp_isWallClock_withASpaceOrT_cutToMicroseconds() {
        // GIVEN a timestamp override on text WHEN applied THEN it is a wall-clock timestamp to the microsecond
        ColumnTransform ts = t("keep", "timestamp", ColumnType.STRING);
        assertEquals(ColumnType.TIMESTAMP_NTZ, ts.outputType());
        assertEquals(LocalDateTime.of(2026, 11, 25, 13, 45, 12), ts.apply("2026-11-25 13:45:12"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 13, 45, 12, 123_456_000), ts.apply("2026-11-25T13:45:12.1234567"));
        assertEquals("column 'c': a value is not a valid timestamp without time zone",
                valueFails("timestamp", ColumnType.STRING, "2026-11-25T13:45:12Z").getMessage());
    }

    @Test
    void badValues_neverAppearInTheMessage() {
        // GIVEN each override on text WHEN an e-mail address is applied THEN the failure names column and type, not the address
        for (String type : new String[] {"int", "bigint", "double", "decimal(5,2)", "boolean", "date", "timestamp"}) {
            ColumnValueException e = valueFails(type, ColumnType.STRING, "kim.minji@udong.market");
            assertFalse(e.getMessage().contains("kim.minji"), e.getMessage());
            assertEquals("column 'c': a value is not a valid " + t("keep", type, ColumnType.STRING).outputType(),
                    e.getMessage());
        }
    }

    @Test
    void betweenNumbers_convertsExactly_andRefusesWhatDoesNotFit() {
        // GIVEN overrides between numeric types WHEN applied THEN values convert exactly, and fractions do not become integers
        assertEquals(7L, keepAs("bigint", ColumnType.INT, 7));
        assertEquals(7, keepAs("int", ColumnType.BIGINT, 7L));
        assertEquals(3.0d, keepAs("double", ColumnType.INT, 3));
        assertEquals(3L, keepAs("bigint", ColumnType.DOUBLE, 3.0d));
        // a float widens by its decimal text, not by its binary value (0.10000000149011612)
        assertEquals(0.1d, keepAs("double", ColumnType.FLOAT, 0.1f));
        assertEquals(new BigDecimal("2.35"), keepAs("decimal(5,2)", ColumnType.DOUBLE, 2.345d));
        assertEquals(12.5d, keepAs("double", ColumnType.decimal(10, 2), new BigDecimal("12.50")));
        assertEquals(12, keepAs("int", ColumnType.decimal(10, 2), new BigDecimal("12.00")));
        assertEquals(12L, keepAs("bigint", ColumnType.decimal(10, 2), new BigDecimal("12.00")));
        assertTrue(valueFails("bigint", ColumnType.DOUBLE, 3.5d).getMessage().startsWith("column 'c': value does not fit bigint ("));
        assertTrue(valueFails("int", ColumnType.decimal(10, 2), new BigDecimal("12.50")).getMessage()
                .startsWith("column 'c': value does not fit int ("));
    }

    @Test
    void toANarrowerDecimal_roundsHalfUp_andFitsExactlyAtThePrecision() {
        // GIVEN decimal(5,1) over decimal(10,2) WHEN applied THEN it rounds half up, fits at five digits and fails at six
        ColumnType wide = ColumnType.decimal(10, 2);
        assertEquals(new BigDecimal("1234.6"), keepAs("decimal(5,1)", wide, new BigDecimal("1234.56")));
        assertEquals(new BigDecimal("9999.9"), keepAs("decimal(5,1)", wide, new BigDecimal("9999.94")));
        assertEquals(new BigDecimal("-9999.9"), keepAs("decimal(5,1)", wide, new BigDecimal("-9999.90")));
        assertEquals(new BigDecimal("0.0"), keepAs("decimal(1,1)", wide, new BigDecimal("0.01")));
        assertEquals("column 'c': value does not fit decimal(5,1) (needs precision 6)",
                valueFails("decimal(5,1)", wide, new BigDecimal("9999.95")).getMessage());
        assertEquals("column 'c': value does not fit decimal(5,1) (needs precision 6)",
                valueFails("decimal(5,1)", wide, new BigDecimal("12345.60")).getMessage());
    }

    @Test
    void integersToBoolean_areTrueWhenNotZero_overAllSixtyFourBits() {
        // GIVEN a boolean override on integers WHEN applied THEN any non-zero value is true
        assertEquals(false, keepAs("boolean", ColumnType.INT, 0));
        assertEquals(true, keepAs("boolean", ColumnType.INT, 7));
        assertEquals(true, keepAs("boolean", ColumnType.INT, -1));
        assertEquals(false, keepAs("boolean", ColumnType.BIGINT, 0L));
        // 2^32: zero in its low 32 bits
        assertEquals(true, keepAs("boolean", ColumnType.BIGINT, 1L << 32));
        assertEquals(ColumnType.BOOLEAN, t("keep", "boolean", ColumnType.BIGINT).outputType());
    }

    @Test
    void booleanToIntegers_isOneOrZero() {
        // GIVEN int and bigint overrides on a boolean WHEN applied THEN true is 1 and false is 0, of the target type
        assertEquals(1, keepAs("int", ColumnType.BOOLEAN, true));
        assertEquals(0, keepAs("int", ColumnType.BOOLEAN, false));
        assertEquals(1L, keepAs("bigint", ColumnType.BOOLEAN, true));
        assertEquals(0L, keepAs("bigint", ColumnType.BOOLEAN, false));
    }

    @Test
    void betweenDatesAndTimestamps_usesMidnightAndTheUtcDate() {
        // GIVEN overrides between dates and timestamps WHEN applied THEN dates become midnight and timestamps their UTC date
        ColumnTransform midnight = t("keep", "timestamp", ColumnType.DATE);
        assertEquals(ColumnType.TIMESTAMP_NTZ, midnight.outputType());
        assertEquals(LocalDateTime.of(2026, 11, 25, 0, 0), midnight.apply(LocalDate.of(2026, 11, 25)));
        // 15:30 UTC is already the next day in Seoul; the date is the UTC one
        assertEquals(LocalDate.of(2026, 11, 24), keepAs("date", ColumnType.TIMESTAMP, Instant.parse("2026-11-24T15:30:00Z")));
        assertEquals(LocalDate.of(2026, 11, 25), keepAs("date", ColumnType.TIMESTAMP_NTZ, LocalDateTime.of(2026, 11, 25, 23, 59)));
    }

    @Test
    void conversionsThatCannotHold_areViolationsWhenBuilt() {
        // GIVEN overrides no value of the input type could convert to WHEN built THEN each is a violation naming column, target and type
        assertEquals("column 'c': only text converts to binary, but its type is int", violation("binary", ColumnType.INT));
        assertEquals("column 'c': only text converts to binary, but its type is date", violation("binary", ColumnType.DATE));
        assertEquals("column 'c': cannot convert to boolean, but its type is double", violation("boolean", ColumnType.DOUBLE));
        assertEquals("column 'c': cannot convert to boolean, but its type is decimal(10,2)",
                violation("boolean", ColumnType.decimal(10, 2)));
        assertEquals("column 'c': cannot convert to double, but its type is boolean", violation("double", ColumnType.BOOLEAN));
        assertEquals("column 'c': cannot convert to decimal(5,2), but its type is boolean",
                violation("decimal(5,2)", ColumnType.BOOLEAN));
        assertEquals("column 'c': cannot convert to int, but its type is date", violation("int", ColumnType.DATE));
        assertEquals("column 'c': cannot convert to date, but its type is bigint", violation("date", ColumnType.BIGINT));
        assertEquals("column 'c': cannot convert to boolean, but its type is timestamp", violation("boolean", ColumnType.TIMESTAMP));
    }

    @Test
    void anOverrideThatIsNoType_isAViolationNamingTheColumn() {
        // GIVEN an override that is no type, or a decimal too wide WHEN built THEN it is a violation naming the column
        assertEquals("column 'c': 'varchar' is not a type; allowed: string, int, bigint, double, boolean, date, timestamp,"
                + " binary, decimal(p,s)", violation("varchar", ColumnType.STRING));
        assertTrue(violation("decimal(39,0)", ColumnType.STRING)
                .startsWith("column 'c': decimal(39,0) is not a valid decimal"));
    }

    @Test
    void theOverride_appliesToThePolicysOutput() {
        // GIVEN hash, then binary: the pseudonym's hex text as bytes
        ColumnTransform hashAsBytes = t("hash", "binary", ColumnType.STRING);
        assertEquals(ColumnType.BINARY, hashAsBytes.outputType());
        assertArrayEquals(masks.hash("kim@udong.market").getBytes(StandardCharsets.US_ASCII),
                (byte[]) hashAsBytes.apply("kim@udong.market"));
        // GIVEN truncate(month), then date: the first of the month
        ColumnTransform monthAsDate = t("truncate(month)", "date", ColumnType.TIMESTAMP);
        assertEquals(ColumnType.DATE, monthAsDate.outputType());
        assertEquals(LocalDate.of(2026, 11, 1), monthAsDate.apply(Instant.parse("2026-11-25T13:45:00Z")));
        // GIVEN hash with a string override: nothing more to do, still the pseudonym
        assertEquals(masks.hash("42"), t("hash", "string", ColumnType.BIGINT).apply(42L));
    }

    @Test
    void nullify_withAnOverride_isNullOfTheOverriddenType() {
        // GIVEN nullify with a type override WHEN applied THEN null comes out under the new type (the conversion never sees it)
        ColumnTransform nullInt = t("nullify", "int", ColumnType.STRING);
        assertEquals(ColumnType.INT, nullInt.outputType());
        assertNull(nullInt.apply("123"));
        assertNull(t("nullify", "bigint", ColumnType.INT).apply(5));
    }

    @Test
    void apply_refusesAValueOfTheWrongJavaClass_ratherThanMisconverting() {
        // GIVEN a caller passing a String to a numeric or temporal column WHEN applied THEN it fails instead of writing a wrong value
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> keepAs("bigint", ColumnType.INT, "7"));
        assertEquals("not a number: String", number.getMessage());
        IllegalArgumentException temporal = assertThrows(IllegalArgumentException.class,
                () -> keepAs("date", ColumnType.TIMESTAMP_NTZ, "2026-11-25"));
        assertEquals("not a date or timestamp: String", temporal.getMessage());
    }
}
