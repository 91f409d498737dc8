package market.udong.core.types;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type in the curated zone (shared/DESIGN.md section 6), independent of the engine
 * that writes the Parquet file. Readable by Athena/Trino, Spark, Hive and DuckDB.
 *
 * @param kind      the Parquet type family
 * @param precision decimal precision (1 to {@value #MAX_DECIMAL_PRECISION}); 0 for other kinds
 * @param scale     decimal scale (0 to precision); 0 for other kinds
 */
public record LakeType(Kind kind, int precision, int scale) {

    /** Parquet DECIMAL as Spark, Athena and Hive read it holds at most 38 digits. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final LakeType BOOLEAN = new LakeType(Kind.BOOLEAN, 0, 0);
    public static final LakeType INT32 = new LakeType(Kind.INT32, 0, 0);
    public static final LakeType INT64 = new LakeType(Kind.INT64, 0, 0);
    public static final LakeType FLOAT = new LakeType(Kind.FLOAT, 0, 0);
    public static final LakeType DOUBLE = new LakeType(Kind.DOUBLE, 0, 0);
    public static final LakeType DATE = new LakeType(Kind.DATE, 0, 0);
    /** A wall-clock time, TIMESTAMP(MICROS, isAdjustedToUTC=false): MySQL DATETIME. */
    public static final LakeType TIMESTAMP_LOCAL = new LakeType(Kind.TIMESTAMP_LOCAL, 0, 0);
    /** An instant, TIMESTAMP(MICROS, isAdjustedToUTC=true): MySQL TIMESTAMP. */
    public static final LakeType TIMESTAMP_UTC = new LakeType(Kind.TIMESTAMP_UTC, 0, 0);
    public static final LakeType STRING = new LakeType(Kind.STRING, 0, 0);
    public static final LakeType BINARY = new LakeType(Kind.BINARY, 0, 0);

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d{1,2}),(\\d{1,2})\\)");

    /** Parquet type families of the curated zone. */
    public enum Kind {
        BOOLEAN, INT32, INT64, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP_LOCAL, TIMESTAMP_UTC, STRING, BINARY
    }

    public LakeType {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is out of range: precision 1 to "
                        + MAX_DECIMAL_PRECISION + ", scale 0 to precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("only decimal has precision and scale, not " + kind);
        }
    }

    public static LakeType decimal(int precision, int scale) {
        return new LakeType(Kind.DECIMAL, precision, scale);
    }

    /**
     * Parses a column's type override from config ({@code ColumnRule.type}): string, int, bigint,
     * double, boolean, date, timestamp (an instant, UTC-adjusted), binary or decimal(p,s).
     */
    public static LakeType parseOverride(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (t) {
            case "string" -> STRING;
            case "int" -> INT32;
            case "bigint" -> INT64;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP_UTC;
            case "binary" -> BINARY;
            default -> {
                Matcher m = DECIMAL.matcher(t);
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + type + "' is not a column type; allowed: string, int, bigint,"
                            + " double, boolean, date, timestamp, binary, decimal(p,s)");
                }
                yield decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        };
    }

    /**
     * The Glue Data Catalog (Hive) column type Athena reads this as. Both timestamp kinds are
     * {@code timestamp}: Athena reads either Parquet annotation into its one timestamp type.
     */
    public String catalogType() {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case INT32 -> "int";
            case INT64 -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case DATE -> "date";
            case TIMESTAMP_LOCAL, TIMESTAMP_UTC -> "timestamp";
            case STRING -> "string";
            case BINARY -> "binary";
        };
    }

    /** True for the date and timestamp kinds, the only ones {@code truncate} applies to. */
    public boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP_LOCAL || kind == Kind.TIMESTAMP_UTC;
    }
}
