package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import market.udong.core.config.ColumnRule;
import market.udong.core.types.ColumnType;
import org.junit.jupiter.api.Test;

class ColumnTransformTest {

    final ColumnMasks masks = new ColumnMasks("0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    ColumnTransform t(String policy, String type, ColumnType input) {
        return ColumnTransform.of("c", ColumnRule.parse(policy, null, type), input, masks);
    }

    @Test
    void hash_ofNonText_hashesTheCanonicalText_andOutputsString() {
        ColumnTransform hashLong = t("hash", null, ColumnType.BIGINT);
        assertEquals(ColumnType.STRING, hashLong.outputType());
        assertEquals(masks.hash("42"), hashLong.apply(42L));
        assertEquals(masks.hash("12.50"), t("hash", null, ColumnType.decimal(10, 2)).apply(new BigDecimal("12.50")));
        assertEquals(masks.hash("2026-11-25"), t("hash", null, ColumnType.DATE).apply(LocalDate.of(2026, 11, 25)));
        assertNull(hashLong.apply(null));
    }

    @Test
    void keepWithTypeOverride_converts_andRejectsValuesThatDoNotFit() {
        assertEquals(true, t("keep", "boolean", ColumnType.INT).apply(1));
        assertEquals(false, t("keep", "boolean", ColumnType.INT).apply(0));
        assertEquals(new BigDecimal("3.00"), t("keep", "decimal(5,2)", ColumnType.INT).apply(3));
        assertEquals(LocalDate.of(2026, 11, 25), t("keep", "date", ColumnType.TIMESTAMP).apply(Instant.parse("2026-11-25T23:59:00Z")));
        assertEquals(123L, t("keep", "bigint", ColumnType.STRING).apply(" 123 "));
        assertEquals("2026-11-25T10:00", t("keep", "string", ColumnType.TIMESTAMP_NTZ).apply(LocalDateTime.of(2026, 11, 25, 10, 0)));
        ColumnValueException e = assertThrows(ColumnValueException.class,
                () -> t("keep", "int", ColumnType.BIGINT).apply(5_000_000_000L));
        assertEquals("c", e.column());
        assertTrue(e.getMessage().startsWith("column 'c': value does not fit"), e.getMessage());
        ColumnValueException parse = assertThrows(ColumnValueException.class,
                () -> t("keep", "int", ColumnType.STRING).apply("secret-value"));
        assertTrue(!parse.getMessage().contains("secret-value"), "a bad value must not leak into messages");
    }

    @Test
    void policiesThatDoNotFitTheType_areViolations() {
        assertThrows(PolicyViolation.class, () -> t("mask_email", null, ColumnType.BIGINT));
        assertThrows(PolicyViolation.class, () -> t("truncate(day)", null, ColumnType.STRING));
        assertThrows(PolicyViolation.class, () -> t("keep", "binary", ColumnType.INT));
        assertThrows(PolicyViolation.class, () -> t("keep", "date", ColumnType.BOOLEAN));
    }

    @Test
    void truncate_redact_nullify_keepTheirTypes() {
        assertEquals(LocalDateTime.of(2026, 11, 1, 0, 0),
                t("truncate(month)", null, ColumnType.TIMESTAMP_NTZ).apply(LocalDateTime.of(2026, 11, 25, 13, 45)));
        assertEquals(Instant.parse("2026-11-25T13:00:00Z"),
                t("truncate(hour)", null, ColumnType.TIMESTAMP).apply(Instant.parse("2026-11-25T13:45:12.5Z")));
        assertEquals(ColumnMasks.REDACTED, t("redact", null, ColumnType.INT).apply(7));
        assertEquals(ColumnType.STRING, t("redact", null, ColumnType.INT).outputType());
        assertNull(t("nullify", null, ColumnType.DATE).apply(LocalDate.of(2000, 1, 1)));
        assertEquals(ColumnType.DATE, t("nullify", null, ColumnType.DATE).outputType());
        assertTrue(t("keep", null, ColumnType.DATE).isIdentity());
    }
}
