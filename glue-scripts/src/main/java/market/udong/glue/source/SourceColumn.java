package market.udong.glue.source;

import market.udong.core.types.LakeType;
import market.udong.core.types.MysqlTypes;

/**
 * One column of the source table as the database describes it.
 *
 * @param name       column name
 * @param columnType the database's full type, e.g. {@code int(10) unsigned}
 * @param lakeType   the curated-zone type it maps to (shared/DESIGN.md section 6)
 */
public record SourceColumn(String name, String columnType, LakeType lakeType) {

    /** A MySQL-compatible column; the type mapping fails for types the rules do not cover. */
    public static SourceColumn mysql(String name, String columnType) {
        return new SourceColumn(name, columnType, MysqlTypes.lakeType(columnType));
    }
}
