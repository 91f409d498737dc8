package market.udong.core.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What the lake promises about timestamps. Curated files keep microseconds, as the source holds
 * them, on every path (Parquet TIMESTAMP(MICROS)); Spark, DuckDB and Iceberg readers see every
 * digit. Athena reads a Hive table's timestamps at millisecond precision and rounds, which would
 * carry a value in the last half millisecond of 9999-12-31 (where "no end" sentinels such as
 * {@code 9999-12-31 23:59:59.999999} live) into year 10000, so the lake writes any timestamp
 * later than {@link #LATEST_WALL_CLOCK} as that: every engine then reads the same day, and a
 * sentinel stays the largest value of its column.
 */
public final class LakeTimestamps {
    private LakeTimestamps() {
    }

    /** {@code 9999-12-31 23:59:59.999}, the latest wall-clock timestamp the lake writes. */
    public static final LocalDateTime LATEST_WALL_CLOCK = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000);
    /** The latest instant the lake writes: {@link #LATEST_WALL_CLOCK} in UTC. */
    public static final Instant LATEST_INSTANT = LATEST_WALL_CLOCK.toInstant(ZoneOffset.UTC);
    /** {@link #LATEST_INSTANT} in microseconds since the epoch, as Parquet stores both timestamp kinds. */
    public static final long LATEST_MICROS = LATEST_INSTANT.getEpochSecond() * 1_000_000L + 999_000L;

    /** The value as the lake writes it: a later timestamp becomes the latest; anything else is unchanged. */
    public static Object bound(Object value) {
        if (value instanceof Instant i && i.isAfter(LATEST_INSTANT)) {
            return LATEST_INSTANT;
        }
        if (value instanceof LocalDateTime t && t.isAfter(LATEST_WALL_CLOCK)) {
            return LATEST_WALL_CLOCK;
        }
        return value;
    }
}
