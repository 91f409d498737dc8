package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happens to a column's values before they reach the curated zone
 * (shared/DESIGN.md section 5). Every path (snapshot export, DMS, Glue) applies the same policy.
 */
public enum ColumnPolicy implements Ids.HasId {
    /** Passed through unchanged. */
    KEEP("keep"),
    /** Removed from the output. */
    DROP("drop"),
    /** HMAC-SHA256 with the environment's key, hex-encoded: a stable pseudonym that still joins. */
    HASH("hash"),
    /** Local part masked, domain kept: {@code k***@udong.market}. */
    MASK_EMAIL("mask_email"),
    /** All but the last four digits masked. */
    MASK_PHONE("mask_phone"),
    /** Replaced by a fixed marker. */
    REDACT("redact"),
    /** Replaced by null; the column stays. */
    NULLIFY("nullify"),
    /** Dates and timestamps truncated to a unit ({@code truncate(day)}). */
    TRUNCATE("truncate");

    private final String id;

    ColumnPolicy(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** True when the column's original values must never reach the curated zone. */
    public boolean hidesValues() {
        return this != KEEP;
    }

    public static String allowed() {
        return Ids.allowed(ColumnPolicy.class);
    }
}
