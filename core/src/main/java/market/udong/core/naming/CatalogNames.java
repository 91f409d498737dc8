package market.udong.core.naming;

import java.util.Locale;
import java.util.Map;

/** Glue catalog names derived from source names, shared by infra, Lambdas and Spark jobs. */
public final class CatalogNames {
    private CatalogNames() {
    }

    /**
     * The date partition key of every curated table ({@code dt=YYYY-MM-DD/}, see
     * {@link Names#curatedPartitionPrefix}); typed {@value #DATE_PARTITION_TYPE} in the catalog so a
     * partition of rows without a date ({@code __HIVE_DEFAULT_PARTITION__}) stays queryable.
     */
    public static final String DATE_PARTITION_KEY = "dt";
    public static final String DATE_PARTITION_TYPE = "string";

    /**
     * How the catalog describes the lake's Parquet files (tables the stacks declare, tables and
     * partitions the Spark job and the masking Lambda register): Hive's Parquet formats and SerDe,
     * which Athena and Glue read.
     */
    public static final String PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final Map<String, String> PARQUET_SERDE_PARAMETERS = Map.of("serialization.format", "1");

    /**
     * The Glue database people query for a source database: its name, lower-cased, with
     * a PostgreSQL schema joined by an underscore ({@code orders.public} → {@code orders_public}).
     */
    public static String curatedDatabase(String sourceDatabase) {
        return sourceDatabase.toLowerCase(Locale.ROOT).replace('.', '_');
    }

    /** The Glue database over the raw zone's copy of a source database. */
    public static String rawDatabase(String sourceDatabase) {
        return "raw_" + curatedDatabase(sourceDatabase);
    }

    /** A Glue table name for a source table. */
    public static String table(String sourceTable) {
        return sourceTable.toLowerCase(Locale.ROOT);
    }
}
