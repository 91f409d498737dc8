package market.udong.core.types;

import java.util.Locale;

/**
 * The DB → curated type rules of shared/DESIGN.md section 6 for MySQL-compatible engines
 * (MySQL, MariaDB, Aurora MySQL), keyed by {@code information_schema.COLUMNS.COLUMN_TYPE}
 * ({@code int(10) unsigned}, {@code tinyint(1)}, {@code decimal(12,2)}, {@code datetime(6)}, ...).
 */
public final class MysqlTypes {
    private MysqlTypes() {
    }

    /**
     * Maps a column type.
     *
     * <ul>
     * <li>{@code tinyint(1)}, {@code boolean}, {@code bit(1)} → BOOLEAN; wider {@code bit(n)} → BIGINT</li>
     * <li>{@code tinyint}, {@code smallint}, {@code mediumint} (signed or not), {@code int}, {@code year} → INT (INT32)</li>
     * <li>{@code int unsigned}, {@code bigint} → BIGINT (INT64); {@code bigint unsigned} → DECIMAL(20,0)</li>
     * <li>{@code decimal(p,s)} → DECIMAL(p,s); above 38 digits → STRING (exact, where DECIMAL would fail)</li>
     * <li>{@code datetime} → TIMESTAMP_NTZ (wall clock); {@code timestamp} → TIMESTAMP (UTC-adjusted); {@code date} → DATE;
     *     {@code time} → STRING {@code HH:mm:ss[.ffffff]}</li>
     * <li>text, {@code enum}, {@code set}, {@code json}, MariaDB {@code uuid}/{@code inet4}/{@code inet6} → STRING</li>
     * <li>{@code binary}, {@code varbinary}, blobs and spatial types (WKB) → BINARY</li>
     * </ul>
     *
     * @throws IllegalArgumentException for a type the rules do not cover
     */
    public static ColumnType columnType(String columnType) {
        String t = columnType.trim().toLowerCase(Locale.ROOT);
        int open = t.indexOf('(');
        int close = t.lastIndexOf(')');
        String base;
        String args = null;
        String modifiers;
        if (open >= 0 && close > open) {
            base = t.substring(0, open).trim();
            args = t.substring(open + 1, close).trim();
            modifiers = t.substring(close + 1);
        } else {
            base = t.replaceAll("(\\s+(unsigned|signed|zerofill))+$", "");
            modifiers = t.substring(base.length());
        }
        boolean unsigned = modifiers.contains("unsigned");
        return switch (base) {
            case "bool", "boolean" -> ColumnType.BOOLEAN;
            case "tinyint" -> "1".equals(args) ? ColumnType.BOOLEAN : ColumnType.INT;
            case "bit" -> args == null || "1".equals(args) ? ColumnType.BOOLEAN : ColumnType.BIGINT;
            case "smallint", "mediumint", "year" -> ColumnType.INT;
            case "int", "integer" -> unsigned ? ColumnType.BIGINT : ColumnType.INT;
            case "bigint" -> unsigned ? ColumnType.decimal(20, 0) : ColumnType.BIGINT;
            case "decimal", "numeric", "dec", "fixed" -> decimal(args);
            case "float" -> ColumnType.FLOAT;
            case "double", "double precision", "real" -> ColumnType.DOUBLE;
            case "date" -> ColumnType.DATE;
            case "datetime" -> ColumnType.TIMESTAMP_NTZ;
            case "timestamp" -> ColumnType.TIMESTAMP;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json",
                 "time", "uuid", "inet4", "inet6", "nchar", "nvarchar" -> ColumnType.STRING;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
                 "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection" -> ColumnType.BINARY;
            default -> throw unknown(columnType);
        };
    }

    private static ColumnType decimal(String args) {
        int precision = 10;
        int scale = 0;
        if (args != null && !args.isBlank()) {
            String[] parts = args.split(",");
            precision = Integer.parseInt(parts[0].trim());
            scale = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
        }
        return precision > ColumnType.MAX_DECIMAL_PRECISION ? ColumnType.STRING : ColumnType.decimal(precision, scale);
    }

    private static IllegalArgumentException unknown(String columnType) {
        return new IllegalArgumentException("column type '" + columnType + "' has no curated-zone mapping"
                + " (shared/DESIGN.md section 6); classify the column as drop");
    }
}
