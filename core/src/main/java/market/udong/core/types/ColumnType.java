package market.udong.core.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one type model of the lake (shared/DESIGN.md section 6): the logical type of a column's
 * values as every path sees them, independent of the engine and the file format. The masking
 * core transforms values by it, the Parquet and Spark writers map it to their types, the
 * catalog declares it ({@link #catalogType()}), and config names it ({@link #parse},
 * {@link #parseOverride}). Each kind has one Java representation, used by
 * {@link market.udong.core.masking.ColumnTransform}:
 *
 * <table>
 * <caption>kinds and values</caption>
 * <tr><td>STRING</td><td>{@link String}</td></tr>
 * <tr><td>BINARY</td><td>{@code byte[]}</td></tr>
 * <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 * <tr><td>INT</td><td>{@link Integer}</td></tr>
 * <tr><td>BIGINT</td><td>{@link Long}</td></tr>
 * <tr><td>FLOAT</td><td>{@link Float}</td></tr>
 * <tr><td>DOUBLE</td><td>{@link Double}</td></tr>
 * <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal} with the type's scale</td></tr>
 * <tr><td>DATE</td><td>{@link java.time.LocalDate}</td></tr>
 * <tr><td>TIMESTAMP</td><td>{@link java.time.Instant} (UTC-adjusted, from a DB TIMESTAMP)</td></tr>
 * <tr><td>TIMESTAMP_NTZ</td><td>{@link java.time.LocalDateTime} (wall clock, from a DB DATETIME)</td></tr>
 * </table>
 *
 * @param kind      the kind
 * @param precision decimal precision (1 to 38); 0 for other kinds
 * @param scale     decimal scale (0 to precision); 0 for other kinds
 */
public record ColumnType(Kind kind, int precision, int scale) {

    /** Kinds of value. */
    public enum Kind { STRING, BINARY, BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_NTZ }

    /** Largest decimal precision Parquet readers (Athena, Spark) accept. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final ColumnType STRING = of(Kind.STRING);
    public static final ColumnType BINARY = of(Kind.BINARY);
    public static final ColumnType BOOLEAN = of(Kind.BOOLEAN);
    public static final ColumnType INT = of(Kind.INT);
    public static final ColumnType BIGINT = of(Kind.BIGINT);
    public static final ColumnType FLOAT = of(Kind.FLOAT);
    public static final ColumnType DOUBLE = of(Kind.DOUBLE);
    public static final ColumnType DATE = of(Kind.DATE);
    public static final ColumnType TIMESTAMP = of(Kind.TIMESTAMP);
    public static final ColumnType TIMESTAMP_NTZ = of(Kind.TIMESTAMP_NTZ);

    private static final Pattern DECIMAL_SPEC = Pattern.compile("decimal\\((\\d{1,2}),\\s*(\\d{1,2})\\)");

    public ColumnType {
        if (kind == Kind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale
                        + ") is not a valid decimal: precision 1 to 38, scale 0 to precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("only decimal takes a precision and scale");
        }
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /**
     * Parses a declared type (a lake table's or an event field's column in config):
     * {@code string, int, bigint, double, boolean, date, timestamp, binary, decimal(p,s)}.
     * {@code timestamp} is an instant (UTC-adjusted), as events and most declared tables mean it.
     */
    public static ColumnType parse(String spec) {
        return parseOverride(spec, TIMESTAMP);
    }

    /**
     * Parses a config type override ({@code string, int, bigint, double, boolean, date,
     * timestamp, binary, decimal(p,s)}). {@code timestamp} keeps the time-zone flavour of a
     * timestamp input and is a wall-clock timestamp otherwise (a date or text has no zone).
     *
     * @param input the type the override is applied to
     */
    public static ColumnType parseOverride(String spec, ColumnType input) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL_SPEC.matcher(s);
        if (m.matches()) {
            return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (s) {
            case "string" -> STRING;
            case "int" -> INT;
            case "bigint" -> BIGINT;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "binary" -> BINARY;
            case "timestamp" -> input.kind == Kind.TIMESTAMP ? TIMESTAMP : TIMESTAMP_NTZ;
            default -> throw new IllegalArgumentException("'" + spec + "' is not a type; allowed: string, int, bigint,"
                    + " double, boolean, date, timestamp, binary, decimal(p,s)");
        };
    }

    public boolean isNumeric() {
        return switch (kind) {
            case INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_NTZ;
    }

    /**
     * The Glue Data Catalog (Hive) type Athena reads the column as. Both timestamp kinds are
     * {@code timestamp}: Athena reads either Parquet annotation into its one timestamp type.
     */
    public String catalogType() {
        return switch (kind) {
            case TIMESTAMP, TIMESTAMP_NTZ -> "timestamp";
            default -> toString();
        };
    }

    /** The config spelling: {@code bigint}, {@code decimal(20,0)}, {@code timestamp}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_NTZ -> "timestamp without time zone";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
