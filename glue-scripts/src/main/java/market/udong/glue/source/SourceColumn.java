package market.udong.glue.source;

import market.udong.core.types.ColumnType;
import market.udong.core.types.MysqlTypes;

/**
 * One column of the source table as the database describes it.
 *
 * @param name       column name
 * @param columnType the database's full type, e.g. {@code int(10) unsigned}
 * @param type       the curated type it maps to (shared/DESIGN.md section 6)
 */
public record SourceColumn(String name, String columnType, ColumnType type) {

    /** A MySQL-compatible column; the type mapping fails for types the rules do not cover. */
    public static SourceColumn mysql(String name, String columnType) {
        return new SourceColumn(name, columnType, MysqlTypes.columnType(columnType));
    }
}
