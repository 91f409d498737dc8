package market.udong.glue.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A curated table as the catalog describes it: Parquet files under {@code location}, partitioned
 * by {@code dt}.
 *
 * @param database     Glue database ({@code market.udong.core.naming.CatalogNames#curatedDatabase})
 * @param name         table name
 * @param location     folder of the table, without a trailing slash
 * @param columns      data columns in file order (the partition key is not among them)
 * @param partitionKey the date partition key
 */
public record CatalogTable(String database, String name, String location, List<Column> columns, Column partitionKey) {

    public CatalogTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        columns = List.copyOf(columns);
        Objects.requireNonNull(partitionKey, "partitionKey");
    }

    /** The folder of one partition, with a trailing slash. */
    public String partitionLocation(String value) {
        return location + "/" + partitionKey.name() + "=" + value + "/";
    }

    /**
     * One column.
     *
     * @param name column name
     * @param type Hive type name as Athena reads it ({@code bigint}, {@code decimal(12,2)}, {@code timestamp}, ...)
     */
    public record Column(String name, String type) {
    }
}
