package market.udong.glue.transform;

import java.io.Serializable;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The {@code hash} policy on Spark's internal values: {@link ColumnMasks#hash} of what
 * {@link ColumnTransform} hashes for the column's type, as a Spark string. The generated code of
 * a query calls these methods directly (see {@link MaskExpressions#hash}), so a value is neither
 * converted to a Java object nor copied on the way, and the result equals the masking Lambda's.
 *
 * <p>An instance travels inside the query plan to the executors, where each deserialized copy
 * builds its {@link ColumnMasks} once. Plans print the instance by {@link #toString}, which does
 * not show the key: Spark logs plans (explain, UI, event logs), and anything derived from the key
 * there, such as HMAC pads, would give it away.
 */
public final class HmacHex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String secret;
    private transient volatile ColumnMasks masks;
    /** The hasher of the thread that last hashed here: a task's thread hashes without a thread-local lookup. */
    private transient volatile Owned owned;

    /** A hasher and the only thread that uses it (the one that made it). */
    private record Owned(Thread thread, ColumnMasks.Hasher hasher) {
    }

    /** @param secret the environment's HMAC key as its Secrets Manager string ({@link ColumnMasks#fromSecretString}) */
    public HmacHex(String secret) {
        ColumnMasks.fromSecretString(secret);
        this.secret = secret;
    }

    /** Text: its UTF-8 bytes, read in place. */
    public UTF8String text(UTF8String value) {
        Object base = value.getBaseObject();
        if (base instanceof byte[] array) {
            return hex(array, Math.toIntExact(value.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), value.numBytes());
        }
        byte[] copy = value.getBytes();
        return hex(copy, 0, copy.length);
    }

    /** Binary: the raw bytes. */
    public UTF8String binary(byte[] value) {
        return hex(value, 0, value.length);
    }

    public UTF8String ofBoolean(boolean value) {
        return canonical(value);
    }

    public UTF8String ofInt(int value) {
        return canonical(value);
    }

    public UTF8String ofLong(long value) {
        return canonical(value);
    }

    public UTF8String ofFloat(float value) {
        return canonical(value);
    }

    public UTF8String ofDouble(double value) {
        return canonical(value);
    }

    public UTF8String ofDecimal(Decimal value) {
        return canonical(value.toJavaBigDecimal());
    }

    /** A date as days since 1970-01-01, hashed as the {@code LocalDate} Spark hands a UDF. */
    public UTF8String ofDate(int days) {
        return canonical(DateTimeUtils.daysToLocalDate(days));
    }

    /** A time-zone-aware timestamp as microseconds since the epoch, hashed as its {@code Instant}. */
    public UTF8String ofTimestamp(long micros) {
        return canonical(DateTimeUtils.microsToInstant(micros));
    }

    /** A wall-clock timestamp as microseconds of its UTC reading, hashed as its {@code LocalDateTime}. */
    public UTF8String ofTimestampNtz(long micros) {
        return canonical(DateTimeUtils.microsToLocalDateTime(micros));
    }

    /** Never the key, nor anything derived from it. */
    @Override
    public String toString() {
        return "HmacSha256Hex(key not shown)";
    }

    private UTF8String canonical(Object value) {
        return UTF8String.fromString(masks().hash(ColumnTransform.text(value)));
    }

    private UTF8String hex(byte[] bytes, int offset, int length) {
        byte[] out = new byte[ColumnMasks.Hasher.HEX_LENGTH];
        hasher().hashHex(bytes, offset, length, out, 0);
        return UTF8String.fromBytes(out);
    }

    /**
     * This thread's hasher. Spark gives each task its own copy of the plan, so one thread keeps
     * hashing here; should threads share an instance, each makes its own hasher and never uses
     * another's (an {@link Owned} is immutable, so a thread sees its fields whole).
     */
    private ColumnMasks.Hasher hasher() {
        Thread current = Thread.currentThread();
        Owned o = owned;
        if (o == null || o.thread() != current) {
            o = new Owned(current, masks().hasher());
            owned = o;
        }
        return o.hasher();
    }

    private ColumnMasks masks() {
        ColumnMasks m = masks;
        if (m == null) {
            m = ColumnMasks.fromSecretString(secret);
            masks = m;
        }
        return m;
    }
}
