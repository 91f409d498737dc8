package market.udong.core.masking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.UnaryOperator;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.TruncateUnit;
import market.udong.core.types.ColumnType;
import market.udong.core.types.ColumnType.Kind;
import market.udong.core.types.LakeTimestamps;

/**
 * One column's rule bound to the column's input type: the policy first (hash, mask, truncate,
 * ...), then the type override. Built once per column and file; {@link #apply} then maps each
 * value. Every ingestion path (masking Lambda, Spark jobs) uses this class, so a value comes out
 * the same whichever path carried it.
 *
 * <p>Semantics, with null always mapped to null:
 * <ul>
 * <li>{@code keep}: unchanged.</li>
 * <li>{@code hash}: {@link ColumnMasks#hash} of the UTF-8 text ({@link ColumnMasks#canonical} for
 *     non-text values, the raw bytes for binary); the result is a string.</li>
 * <li>{@code mask_email}, {@code mask_phone}: text columns only.</li>
 * <li>{@code redact}: every non-null value becomes {@value ColumnMasks#REDACTED}; the result is a string.</li>
 * <li>{@code nullify}: every value becomes null; the type stays.</li>
 * <li>{@code truncate(unit)}: dates and timestamps only, on the UTC calendar.</li>
 * <li>type override: text is parsed, numbers convert exactly (a value that does not fit fails),
 *     integers become booleans by {@code != 0}, dates become midnight timestamps and back,
 *     anything becomes text by {@link #text}.</li>
 * </ul>
 * A policy or override that does not fit the input type is a {@link PolicyViolation} at build time;
 * a single value that cannot be converted throws {@link IllegalArgumentException} from {@link #apply}.
 */
public final class ColumnTransform {

    private final ColumnType input;
    private final ColumnType output;
    private final UnaryOperator<Object> function;
    private final boolean identity;

    private ColumnTransform(ColumnType input, ColumnType output, UnaryOperator<Object> function, boolean identity) {
        this.input = input;
        this.output = output;
        this.function = function;
        this.identity = identity;
    }

    /**
     * Binds a rule to a column.
     *
     * @param column name used in error messages
     * @throws PolicyViolation when the policy or type override cannot apply to {@code input}
     */
    public static ColumnTransform of(String column, ColumnRule rule, ColumnType input, ColumnMasks masks) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(input, "input");
        ColumnType afterPolicy;
        UnaryOperator<Object> policy;
        switch (rule.policy()) {
            case KEEP -> {
                afterPolicy = input;
                policy = null;
            }
            case HASH -> {
                Objects.requireNonNull(masks, "masks (the HMAC key) are needed for hash");
                afterPolicy = ColumnType.STRING;
                policy = input.kind() == Kind.BINARY
                        ? v -> masks.hash((byte[]) v)
                        : v -> masks.hash(text(v));
            }
            case MASK_EMAIL, MASK_PHONE -> {
                if (input.kind() != Kind.STRING) {
                    throw violation(column, rule.policySpec() + " applies to text columns only", input);
                }
                afterPolicy = ColumnType.STRING;
                policy = rule.policy() == ColumnPolicy.MASK_EMAIL
                        ? v -> ColumnMasks.maskEmail((String) v)
                        : v -> ColumnMasks.maskPhone((String) v);
            }
            case REDACT -> {
                afterPolicy = ColumnType.STRING;
                policy = v -> ColumnMasks.REDACTED;
            }
            case NULLIFY -> {
                afterPolicy = input;
                policy = v -> null;
            }
            case TRUNCATE -> {
                if (!input.isTemporal()) {
                    throw violation(column, rule.policySpec() + " applies to date and timestamp columns only", input);
                }
                afterPolicy = input;
                policy = truncation(input.kind(), rule.truncateUnit());
            }
            case DROP -> throw new IllegalArgumentException("column '" + column + "' is dropped; it has no transform");
            default -> throw new IllegalStateException("unhandled policy " + rule.policy());
        }
        ColumnType output = afterPolicy;
        UnaryOperator<Object> cast = null;
        if (rule.type() != null) {
            try {
                output = ColumnType.parseOverride(rule.type(), afterPolicy);
            } catch (IllegalArgumentException e) {
                throw new PolicyViolation("column '" + column + "': " + e.getMessage());
            }
            cast = cast(column, afterPolicy, output);
        }
        UnaryOperator<Object> function = compose(policy, cast);
        if (function != null && isTimestamp(output)) {
            function = compose(function, LakeTimestamps::bound);
        }
        return new ColumnTransform(input, output, function == null ? v -> v : function, function == null);
    }

    /**
     * This transform with timestamps bounded to the lake's latest ({@link LakeTimestamps}): for
     * a {@code keep} of a timestamp column whose values may pass it. Every other transform
     * already bounds its timestamps, and one whose output is no timestamp has none to bound, so
     * those are returned as they are.
     */
    public ColumnTransform bounded() {
        return identity && isTimestamp(output) ? new ColumnTransform(input, output, LakeTimestamps::bound, false) : this;
    }

    private static boolean isTimestamp(ColumnType type) {
        return type.kind() == Kind.TIMESTAMP || type.kind() == Kind.TIMESTAMP_NTZ;
    }

    /** The value after policy and type override; null stays null. */
    public Object apply(Object value) {
        return value == null ? null : function.apply(value);
    }

    public ColumnType inputType() {
        return input;
    }

    public ColumnType outputType() {
        return output;
    }

    /**
     * True when values come out unchanged (keep without a type change). A writer that copies such
     * a timestamp column as it is must know its values end by the lake's latest timestamp, or
     * use {@link #bounded()}.
     */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * The text form of a value: what {@code hash} hashes and what a {@code string} override writes.
     * Integers in decimal, decimals without exponent, dates and timestamps ISO-8601 ({@code
     * 2026-11-25}, {@code 2026-11-25T13:45:12.123456}, {@code ...Z} when UTC-adjusted), booleans
     * {@code true}/{@code false}, binary decoded as UTF-8.
     */
    public static String text(Object value) {
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return ColumnMasks.canonical(value);
    }

    private static UnaryOperator<Object> truncation(Kind kind, TruncateUnit unit) {
        return switch (kind) {
            case DATE -> v -> LocalDate.ofEpochDay(ColumnMasks.truncateEpochDay((int) ((LocalDate) v).toEpochDay(), unit));
            case TIMESTAMP -> v -> {
                long micros = ColumnMasks.truncateMicros(micros((Instant) v), unit);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            };
            case TIMESTAMP_NTZ -> v -> {
                long micros = ColumnMasks.truncateMicros(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)), unit);
                return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            };
            default -> throw new IllegalStateException(kind + " is not temporal");
        };
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    private static UnaryOperator<Object> cast(String column, ColumnType from, ColumnType to) {
        if (from.equals(to)) {
            return null;
        }
        Kind f = from.kind();
        Kind t = to.kind();
        if (t == Kind.STRING) {
            return ColumnTransform::text;
        }
        if (f == Kind.STRING) {
            return v -> parse(column, (String) v, to);
        }
        if (t == Kind.BINARY) {
            throw violation(column, "only text converts to binary", from);
        }
        if (from.isNumeric() && to.isNumeric()) {
            return v -> fromDecimal(column, number(v), to);
        }
        if ((f == Kind.INT || f == Kind.BIGINT) && t == Kind.BOOLEAN) {
            return v -> ((Number) v).longValue() != 0;
        }
        if (f == Kind.BOOLEAN && (t == Kind.INT || t == Kind.BIGINT)) {
            return v -> fromDecimal(column, ((Boolean) v) ? BigDecimal.ONE : BigDecimal.ZERO, to);
        }
        if (from.isTemporal() && to.isTemporal()) {
            return v -> temporal(v, t);
        }
        throw violation(column, "cannot convert to " + to, from);
    }

    private static Object temporal(Object v, Kind to) {
        LocalDateTime utc;
        if (v instanceof LocalDate d) {
            utc = d.atStartOfDay();
        } else if (v instanceof Instant i) {
            utc = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        } else if (v instanceof LocalDateTime l) {
            utc = l;
        } else {
            throw new IllegalArgumentException("not a date or timestamp: " + v.getClass().getSimpleName());
        }
        return switch (to) {
            case DATE -> utc.toLocalDate();
            case TIMESTAMP -> utc.toInstant(ZoneOffset.UTC);
            case TIMESTAMP_NTZ -> utc;
            default -> throw new IllegalStateException(to + " is not temporal");
        };
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        } else if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        } else if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        throw new IllegalArgumentException("not a number: " + v.getClass().getSimpleName());
    }

    private static Object fromDecimal(String column, BigDecimal d, ColumnType to) {
        try {
            return switch (to.kind()) {
                case INT -> d.intValueExact();
                case BIGINT -> d.longValueExact();
                case FLOAT -> d.floatValue();
                case DOUBLE -> d.doubleValue();
                case DECIMAL -> {
                    BigDecimal scaled = d.setScale(to.scale(), RoundingMode.HALF_UP);
                    if (scaled.precision() > to.precision() && scaled.signum() != 0) {
                        throw new ArithmeticException("needs precision " + scaled.precision());
                    }
                    yield scaled;
                }
                default -> throw new IllegalStateException(to + " is not numeric");
            };
        } catch (ArithmeticException e) {
            throw new ColumnValueException(column, "value does not fit " + to + " (" + e.getMessage() + ")");
        }
    }

    private static Object parse(String column, String s, ColumnType to) {
        String v = s.trim();
        try {
            return switch (to.kind()) {
                case STRING -> s;
                case BINARY -> s.getBytes(StandardCharsets.UTF_8);
                case BOOLEAN -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "1", "t", "y", "yes" -> true;
                    case "false", "0", "f", "n", "no" -> false;
                    default -> throw new IllegalArgumentException("not a boolean");
                };
                case INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> fromDecimal(column, new BigDecimal(v), to);
                case DATE -> LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
                case TIMESTAMP -> v.endsWith("Z") ? Instant.parse(v)
                        : LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                case TIMESTAMP_NTZ -> LocalDateTime.parse(v.replace(' ', 'T')).truncatedTo(ChronoUnit.MICROS);
            };
        } catch (ColumnValueException e) {
            throw e;
        } catch (RuntimeException e) {
            // The value itself stays out of the message: it may be the very data being masked.
            throw new ColumnValueException(column, "a value is not a valid " + to);
        }
    }

    private static UnaryOperator<Object> compose(UnaryOperator<Object> first, UnaryOperator<Object> then) {
        if (first == null) {
            return then;
        }
        if (then == null) {
            return first;
        }
        return v -> {
            Object mid = first.apply(v);
            return mid == null ? null : then.apply(mid);
        };
    }

    private static PolicyViolation violation(String column, String what, ColumnType input) {
        return new PolicyViolation("column '" + column + "': " + what + ", but its type is " + input);
    }

    /** Integer value of an unsigned 64-bit Parquet {@code long}, for DECIMAL(20,0) widening. */
    public static BigDecimal unsignedLong(long v) {
        return v >= 0 ? BigDecimal.valueOf(v) : new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
    }
}
