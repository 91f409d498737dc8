package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import market.udong.core.config.ColumnRule;
import market.udong.core.types.ColumnType;
import market.udong.core.types.LakeTimestamps;
import org.junit.jupiter.api.Test;

/** Each column policy on each input type it accepts, and the input types it refuses. */
class ColumnTransformPolicyTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    final ColumnMasks masks = new ColumnMasks(KEY);

    /** One sample value of every input type, in its Java representation. */
    static Map<ColumnType, Object> samples() {
        Map<ColumnType, Object> m = new LinkedHashMap<>();
        m.put(ColumnType.STRING, "kim.minji@udong.market");
        m.put(ColumnType.BINARY, new byte[] {1, 2, 3});
        m.put(ColumnType.BOOLEAN, true);
        m.put(ColumnType.INT, 42);
        m.put(ColumnType.BIGINT, 5_000_000_000L);
        m.put(ColumnType.FLOAT, 1.5f);
        m.put(ColumnType.DOUBLE, 2.25d);
        m.put(ColumnType.decimal(10, 2), new BigDecimal("12.50"));
        m.put(ColumnType.DATE, LocalDate.of(1990, 7, 15));
        m.put(ColumnType.TIMESTAMP, Instant.parse("2026-11-25T13:45:12.123456Z"));
        m.put(ColumnType.TIMESTAMP_NTZ, LocalDateTime.of(2026, 11, 25, 13, 45, 12, 123_456_000));
        return m;
    }

    ColumnTransform t(String policy, ColumnType input) {
        return ColumnTransform.of("c", ColumnRule.parse(policy), input, masks);
    }

    static String hmacHex(byte[] value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return ColumnMasks.hex(mac.doFinal(value));
    }

    @Test
    void keep_passesEveryTypeThroughUnchanged_asAnIdentity() {
        samples().forEach((type, value) -> {
            // GIVEN keep on a column of this type WHEN a value is applied
            ColumnTransform keep = t("keep", type);
            // THEN the very same value comes out, the type is unchanged, and the transform says it is an identity
            assertSame(value, keep.apply(value), type.toString());
            assertEquals(type, keep.inputType());
            assertEquals(type, keep.outputType());
            assertTrue(keep.isIdentity(), type.toString());
            assertNull(keep.apply(null));
        });
    }

    @Test
    void hash_ofText_isHmacSha256HexOfTheUtf8Bytes() throws Exception {
        // GIVEN hash on a text column WHEN a non-ASCII value is applied
        // THEN it is javax.crypto.Mac's HMAC-SHA256 of its UTF-8 bytes, as text
        ColumnTransform hash = t("hash", ColumnType.STRING);
        assertEquals(hmacHex("김민지@udong.market".getBytes(StandardCharsets.UTF_8)), hash.apply("김민지@udong.market"));
        assertEquals(ColumnType.STRING, hash.inputType());
        assertEquals(ColumnType.STRING, hash.outputType());
        assertFalse(hash.isIdentity());
    }

    @Test
    void hash_ofBinary_hashesTheRawBytes_notTheirTextDecoding() throws Exception {
        // GIVEN bytes that are not valid UTF-8 (decoding them would lose information)
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 0, 65};
        // WHEN hashed
        Object hashed = t("hash", ColumnType.BINARY).apply(raw);
        // THEN the pseudonym is the HMAC of those exact bytes, as text
        assertEquals(hmacHex(raw), hashed);
        assertNotEquals(hmacHex(new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)), hashed);
        assertEquals(ColumnType.STRING, t("hash", ColumnType.BINARY).outputType());
    }

    @Test
    void hash_ofEveryOtherType_hashesItsCanonicalText() throws Exception {
        // GIVEN hash on each non-text type WHEN its sample is applied THEN the HMAC is of the documented text form
        Map<ColumnType, String> text = new LinkedHashMap<>();
        text.put(ColumnType.BOOLEAN, "true");
        text.put(ColumnType.INT, "42");
        text.put(ColumnType.BIGINT, "5000000000");
        text.put(ColumnType.FLOAT, "1.5");
        text.put(ColumnType.DOUBLE, "2.25");
        text.put(ColumnType.decimal(10, 2), "12.50");
        text.put(ColumnType.DATE, "1990-07-15");
        text.put(ColumnType.TIMESTAMP, "2026-11-25T13:45:12.123456Z");
        text.put(ColumnType.TIMESTAMP_NTZ, "2026-11-25T13:45:12.123456");
        Map<ColumnType, Object> samples = samples();
        for (Map.Entry<ColumnType, String> e : text.entrySet()) {
            ColumnTransform hash = t("hash", e.getKey());
            assertEquals(hmacHex(e.getValue().getBytes(StandardCharsets.UTF_8)), hash.apply(samples.get(e.getKey())),
                    e.getKey().toString());
            assertEquals(ColumnType.STRING, hash.outputType());
        }
        // a decimal written with an exponent is hashed in plain digits, as every other path writes it
        assertEquals(hmacHex("1000".getBytes(StandardCharsets.UTF_8)),
                t("hash", ColumnType.decimal(4, 0)).apply(new BigDecimal("1E+3")));
    }

    @Test
    void hash_withoutAKey_isRefusedWhenBuilt() {
        // GIVEN hash and no masks WHEN built THEN it is refused before any value is seen
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ColumnTransform.of("email", ColumnRule.parse("hash"), ColumnType.STRING, null));
        assertEquals("masks (the HMAC key) are needed for hash", e.getMessage());
    }

    @Test
    void policiesOtherThanHash_needNoKey() {
        // GIVEN redact and no masks WHEN built and applied THEN it works without the key
        assertEquals(ColumnMasks.REDACTED,
                ColumnTransform.of("c", ColumnRule.parse("redact"), ColumnType.STRING, null).apply("x"));
    }

    @Test
    void maskEmail_andMaskPhone_maskText_andOutputText() {
        // GIVEN mask_email and mask_phone on text WHEN applied THEN the local part and all but four digits are hidden
        ColumnTransform email = t("mask_email", ColumnType.STRING);
        assertEquals("k***@udong.market", email.apply("kim.minji@udong.market"));
        assertEquals(ColumnType.STRING, email.outputType());
        assertFalse(email.isIdentity());
        ColumnTransform phone = t("mask_phone", ColumnType.STRING);
        assertEquals("***-****-5678", phone.apply("010-1234-5678"));
        assertEquals(ColumnType.STRING, phone.outputType());
        assertNull(phone.apply(null));
    }

    @Test
    void maskEmail_andMaskPhone_onAnyOtherType_areViolationsNamingColumnPolicyAndType() {
        // GIVEN mask_email or mask_phone on each non-text type WHEN built THEN it is a violation naming column, policy and type
        samples().keySet().stream().filter(type -> !type.equals(ColumnType.STRING)).forEach(type -> {
            for (String policy : new String[] {"mask_email", "mask_phone"}) {
                PolicyViolation e = assertThrows(PolicyViolation.class, () -> t(policy, type));
                assertEquals("column 'c': " + policy + " applies to text columns only, but its type is " + type,
                        e.getMessage());
            }
        });
    }

    @Test
    void redact_replacesEveryTypesValuesWithTheMarker_asText() {
        // GIVEN redact on each type WHEN a value is applied THEN the marker comes out, as text, and null stays null
        samples().forEach((type, value) -> {
            ColumnTransform redact = t("redact", type);
            assertEquals(ColumnMasks.REDACTED, redact.apply(value), type.toString());
            assertEquals(ColumnType.STRING, redact.outputType());
            assertNull(redact.apply(null));
        });
    }

    @Test
    void nullify_makesEveryValueNull_andKeepsTheType() {
        // GIVEN nullify on each type WHEN a value is applied THEN null comes out under the input type
        samples().forEach((type, value) -> {
            ColumnTransform nullify = t("nullify", type);
            assertNull(nullify.apply(value), type.toString());
            assertEquals(type, nullify.outputType());
            assertFalse(nullify.isIdentity());
        });
    }

    @Test
    void truncate_cutsDatesToYearAndMonth_andLeavesThemForDayAndHour() {
        // GIVEN truncate(unit) on a date column WHEN a date is applied THEN year and month cut it, day and hour leave it
        LocalDate birthday = LocalDate.of(1990, 7, 15);
        assertEquals(LocalDate.of(1990, 1, 1), t("truncate(year)", ColumnType.DATE).apply(birthday));
        assertEquals(LocalDate.of(1990, 7, 1), t("truncate(month)", ColumnType.DATE).apply(birthday));
        assertEquals(birthday, t("truncate(day)", ColumnType.DATE).apply(birthday));
        assertEquals(birthday, t("truncate(hour)", ColumnType.DATE).apply(birthday));
        assertEquals(ColumnType.DATE, t("truncate(year)", ColumnType.DATE).outputType());
        // before 1970, where day counts are negative
        assertEquals(LocalDate.of(1955, 1, 1), t("truncate(year)", ColumnType.DATE).apply(LocalDate.of(1955, 3, 9)));
    }

    @Test
    void truncate_cutsUtcTimestampsToEachUnit_onTheUtcCalendar() {
        // GIVEN truncate(unit) on a UTC timestamp column WHEN applied THEN each unit cuts on the UTC calendar
        Instant at = Instant.parse("2026-11-25T13:45:12.123456Z");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), t("truncate(year)", ColumnType.TIMESTAMP).apply(at));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), t("truncate(month)", ColumnType.TIMESTAMP).apply(at));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), t("truncate(day)", ColumnType.TIMESTAMP).apply(at));
        assertEquals(Instant.parse("2026-11-25T13:00:00Z"), t("truncate(hour)", ColumnType.TIMESTAMP).apply(at));
        assertEquals(ColumnType.TIMESTAMP, t("truncate(day)", ColumnType.TIMESTAMP).outputType());
        // before the epoch the cut still goes down to the hour's start, not towards 1970
        assertEquals(Instant.parse("1969-12-31T23:00:00Z"),
                t("truncate(hour)", ColumnType.TIMESTAMP).apply(Instant.parse("1969-12-31T23:59:59.999999Z")));
    }

    @Test
    void truncate_cutsWallClockTimestampsToEachUnit() {
        // GIVEN truncate(unit) on a wall-clock timestamp column WHEN applied THEN each unit cuts the wall clock
        LocalDateTime at = LocalDateTime.of(2026, 11, 25, 13, 45, 12, 123_456_000);
        assertEquals(LocalDateTime.of(2026, 1, 1, 0, 0), t("truncate(year)", ColumnType.TIMESTAMP_NTZ).apply(at));
        assertEquals(LocalDateTime.of(2026, 11, 25, 0, 0), t("truncate(day)", ColumnType.TIMESTAMP_NTZ).apply(at));
        assertEquals(LocalDateTime.of(2026, 11, 25, 13, 0), t("truncate(hour)", ColumnType.TIMESTAMP_NTZ).apply(at));
        assertEquals(LocalDateTime.of(1969, 12, 31, 23, 0),
                t("truncate(hour)", ColumnType.TIMESTAMP_NTZ).apply(LocalDateTime.of(1969, 12, 31, 23, 30, 0, 500_000_000)));
        assertEquals(ColumnType.TIMESTAMP_NTZ, t("truncate(hour)", ColumnType.TIMESTAMP_NTZ).outputType());
    }

    @Test
    void truncate_onANonTemporalType_isAViolationNamingColumnUnitAndType() {
        // GIVEN truncate(day) on each non-temporal type WHEN built THEN it is a violation naming column, policy and type
        samples().keySet().stream().filter(type -> !type.isTemporal()).forEach(type -> {
            PolicyViolation e = assertThrows(PolicyViolation.class, () -> t("truncate(day)", type));
            assertEquals("column 'c': truncate(day) applies to date and timestamp columns only, but its type is " + type,
                    e.getMessage());
        });
    }

    @Test
    void drop_hasNoTransform() {
        // GIVEN drop WHEN a transform is asked for THEN it is refused: a dropped column is never written
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t("drop", ColumnType.STRING));
        assertEquals("column 'c' is dropped; it has no transform", e.getMessage());
    }

    @Test
    void of_refusesAMissingRuleOrInputType() {
        // GIVEN no rule, or no input type WHEN built THEN it is refused, naming what is missing
        NullPointerException rule = assertThrows(NullPointerException.class,
                () -> ColumnTransform.of("c", null, ColumnType.STRING, masks));
        assertEquals("rule", rule.getMessage());
        NullPointerException input = assertThrows(NullPointerException.class,
                () -> ColumnTransform.of("c", ColumnRule.parse("keep"), null, masks));
        assertEquals("input", input.getMessage());
    }

    @Test
    void text_isUtf8ForBinary_andCanonicalForEverythingElse() {
        // GIVEN binary, decimal, timestamp and boolean values WHEN written as text THEN each is its documented form
        assertEquals("김민지", ColumnTransform.text("김민지".getBytes(StandardCharsets.UTF_8)));
        assertEquals("1000", ColumnTransform.text(new BigDecimal("1E+3")));
        assertEquals("2026-11-25T13:45:12.123456Z", ColumnTransform.text(Instant.parse("2026-11-25T13:45:12.123456Z")));
        assertEquals("false", ColumnTransform.text(false));
        assertNull(ColumnTransform.text(null));
    }

    @Test
    void unsignedLong_readsTheBitsAsAnUnsigned64BitInteger() {
        // GIVEN Parquet longs holding BIGINT UNSIGNED values WHEN widened THEN negative bit patterns read as values past 2^63
        assertEquals(new BigDecimal("0"), ColumnTransform.unsignedLong(0L));
        assertEquals(new BigDecimal("9223372036854775807"), ColumnTransform.unsignedLong(Long.MAX_VALUE));
        assertEquals(new BigDecimal("9223372036854775808"), ColumnTransform.unsignedLong(Long.MIN_VALUE));
        assertEquals(new BigDecimal("18446744073709551615"), ColumnTransform.unsignedLong(-1L));
    }

    @Test
    void timestamps_endAtTheLakesLatest_9999_12_31_235959_999_onEveryTransformThatWritesThem() {
        // GIVEN "no end" sentinels a millisecond-precision reader would round into year 10000
        Instant sentinel = Instant.parse("9999-12-31T23:59:59.999999Z");
        LocalDateTime wallClock = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
        Instant justInside = Instant.parse("9999-12-31T23:59:59.999Z");

        // WHEN kept (bounded, as a writer that cannot prove the column ends by the latest does), or
        // written by a transform, or parsed from text by a type override
        ColumnTransform keep = t("keep", ColumnType.TIMESTAMP);
        ColumnTransform boundedKeep = keep.bounded();
        ColumnTransform fromText = ColumnTransform.of("c", ColumnRule.parse("keep", null, "timestamp"), ColumnType.STRING, masks);

        // THEN a plain keep stays the identity (its writer decides), the bounded keep and every other
        // transform write the latest instead, and earlier values, microseconds included, pass unchanged
        assertTrue(keep.isIdentity());
        assertFalse(boundedKeep.isIdentity());
        assertEquals(LakeTimestamps.LATEST_INSTANT, boundedKeep.apply(sentinel));
        assertEquals(justInside, boundedKeep.apply(justInside));
        Instant micros = Instant.parse("2026-11-25T13:45:12.123456Z");
        assertEquals(micros, boundedKeep.apply(micros));
        assertNull(boundedKeep.apply(null));
        assertEquals(LakeTimestamps.LATEST_WALL_CLOCK, t("keep", ColumnType.TIMESTAMP_NTZ).bounded().apply(wallClock));
        assertEquals(LakeTimestamps.LATEST_WALL_CLOCK, fromText.apply("9999-12-31 23:59:59.999999"));
        assertEquals(LocalDateTime.of(9999, 12, 31, 23, 0), t("truncate(hour)", ColumnType.TIMESTAMP_NTZ).apply(wallClock));
        // AND a bounded keep of another type is the keep itself
        ColumnTransform text = t("keep", ColumnType.STRING);
        assertSame(text, text.bounded());
        assertEquals(253402300799999000L, LakeTimestamps.LATEST_MICROS);
    }
}
