package market.udong.glue.transform;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import market.udong.core.config.TruncateUnit;
import market.udong.core.masking.ColumnMasks;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.udf;

/**
 * Spark UDFs over the {@code core} masking functions, so a value masked here equals the value the
 * masking Lambda writes, bit for bit. The HMAC key travels inside the UDF to the executors, where
 * one {@link ColumnMasks} per key is built once per JVM.
 */
final class MaskUdfs {
    private MaskUdfs() {
    }

    static UserDefinedFunction hashBytes(byte[] key) {
        HmacKey k = new HmacKey(key);
        return udf((UDF1<byte[], String>) v -> v == null ? null : k.masks().hash(v), DataTypes.StringType);
    }

    /** Hashes the canonical text of a number, boolean, date or timestamp ({@link #canonical}). */
    static UserDefinedFunction hashValue(byte[] key) {
        HmacKey k = new HmacKey(key);
        return udf((UDF1<Object, String>) v -> v == null ? null : k.masks().hash(canonical(v)), DataTypes.StringType);
    }

    static UserDefinedFunction maskEmail() {
        return udf((UDF1<String, String>) ColumnMasks::maskEmail, DataTypes.StringType);
    }

    static UserDefinedFunction maskPhone() {
        return udf((UDF1<String, String>) ColumnMasks::maskPhone, DataTypes.StringType);
    }

    /** Days since the epoch (Spark {@code unix_date}) truncated to the unit. */
    static UserDefinedFunction truncateEpochDay(TruncateUnit unit) {
        return udf((UDF1<Integer, Integer>) d -> d == null ? null : ColumnMasks.truncateEpochDay(d, unit),
                DataTypes.IntegerType);
    }

    /** Microseconds since the epoch (Spark {@code unix_micros}) truncated to the unit on the UTC calendar. */
    static UserDefinedFunction truncateMicros(TruncateUnit unit) {
        return udf((UDF1<Long, Long>) m -> m == null ? null : ColumnMasks.truncateMicros(m, unit), DataTypes.LongType);
    }

    /** A wall-clock timestamp truncated to the unit, through the same microsecond function. */
    static UserDefinedFunction truncateLocalDateTime(TruncateUnit unit) {
        return udf((UDF1<LocalDateTime, LocalDateTime>) t -> {
            if (t == null) {
                return null;
            }
            long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            long cut = ColumnMasks.truncateMicros(micros, unit);
            return LocalDateTime.ofEpochSecond(Math.floorDiv(cut, 1_000_000L),
                    (int) Math.floorMod(cut, 1_000_000L) * 1000, ZoneOffset.UTC);
        }, DataTypes.TimestampNTZType);
    }

    /**
     * The text a non-text value is hashed as ({@link ColumnMasks#canonical}), after turning Spark's
     * external date and timestamp classes into java.time ones, so the session's
     * {@code java8API} setting does not change a hash: dates {@code 2026-11-25}, wall-clock
     * timestamps {@code 2026-11-25T13:45:12.123456}, instants {@code 2026-11-25T04:45:12.123456Z}.
     */
    static String canonical(Object value) {
        Object v = value;
        if (v instanceof java.sql.Date d) {
            v = d.toLocalDate();
        } else if (v instanceof Timestamp t) {
            v = t.toInstant();
        } else if (v instanceof scala.math.BigDecimal d) {
            v = d.bigDecimal();
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof Instant
                || v instanceof Number || v instanceof Boolean) {
            return ColumnMasks.canonical(v);
        }
        throw new IllegalArgumentException("hash has no canonical text for " + v.getClass().getName());
    }

    /** A serializable HMAC key whose {@link ColumnMasks} is made once per deserialized copy (per task). */
    static final class HmacKey implements Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] key;
        private transient volatile ColumnMasks masks;

        HmacKey(byte[] key) {
            this.key = key.clone();
        }

        ColumnMasks masks() {
            ColumnMasks m = masks;
            if (m == null) {
                m = new ColumnMasks(key);
                masks = m;
            }
            return m;
        }
    }
}
