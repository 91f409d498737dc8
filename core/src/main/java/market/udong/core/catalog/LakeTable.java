package market.udong.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import market.udong.core.naming.CatalogNames;
import market.udong.core.types.ColumnType;

/**
 * A curated table as every path registers it in the catalog: Parquet files under
 * {@code location}, one folder per {@code dt} value, columns typed by the lake's one type
 * model. The snapshot-export and DMS paths (masking Lambda) and the Glue jobs build it from
 * what they wrote, and {@link GlueLakeTables} writes it; so a table has one shape whichever
 * path wrote it first.
 *
 * @param database Glue database ({@link CatalogNames#curatedDatabase})
 * @param name     table name ({@link CatalogNames#table})
 * @param location {@code s3://bucket/prefix} of the table, without a trailing slash
 * @param columns  data columns in file order; the partition key is not among them
 * @param writer   which path registered it, kept in the table parameter {@value #WRITER_PARAMETER}
 */
public record LakeTable(String database, String name, String location, List<Column> columns, String writer) {

    /** Table parameter naming the path that registered the table. */
    public static final String WRITER_PARAMETER = "udong:writer";

    public LakeTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(writer, "writer");
        if (location.endsWith("/")) {
            throw new IllegalArgumentException("a table location has no trailing slash: " + location);
        }
        columns = List.copyOf(columns);
    }

    /** The table's folder, with a trailing slash. */
    public String tableLocation() {
        return location + "/";
    }

    /** The folder of one {@code dt} partition, with a trailing slash. */
    public String partitionLocation(String dt) {
        return location + "/" + CatalogNames.DATE_PARTITION_KEY + "=" + dt + "/";
    }

    /**
     * One data column. The name is kept in lower case, as the catalog stores it and Athena
     * matches Parquet columns (case-insensitively).
     */
    public record Column(String name, ColumnType type) {
        public Column {
            name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
            Objects.requireNonNull(type, "type");
        }
    }
}
