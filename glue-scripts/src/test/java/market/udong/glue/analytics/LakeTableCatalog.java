package market.udong.glue.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.v2.parquet.ParquetTable;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A read-only Spark catalog that plays the Glue Data Catalog locally: each table is a location of
 * Parquet files in {@code dt=} folders and a declared schema, exactly what the Glue table of a lake
 * table holds. Registered under the name {@code hive}, it lets Spark run the seed query's
 * {@code hive.flight_history.flights} as written.
 *
 * <p>Options, per table: {@code location.<db>.<table>} (a directory URI) and
 * {@code schema.<db>.<table>} (a DDL column list including the partition key).
 */
public final class LakeTableCatalog implements TableCatalog {

    private String name;
    private CaseInsensitiveStringMap options;

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Identifier[] listTables(String[] namespace) {
        List<Identifier> tables = new ArrayList<>();
        String prefix = "location." + String.join(".", namespace) + ".";
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                tables.add(Identifier.of(namespace, e.getKey().substring(prefix.length())));
            }
        }
        return tables.toArray(Identifier[]::new);
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        String key = String.join(".", ident.namespace()) + "." + ident.name();
        String location = options.get("location." + key);
        String schema = options.get("schema." + key);
        if (location == null || schema == null) {
            throw new NoSuchTableException(ident);
        }
        return new ParquetTable(name + "." + key, SparkSession.active(), CaseInsensitiveStringMap.empty(),
                JavaConverters.asScalaBuffer(List.of(location)).toSeq(), Option.apply(StructType.fromDDL(schema)),
                ParquetFileFormat.class);
    }

    // Spark 3.5's TableCatalog still declares this deprecated overload abstract: it must be implemented.
    @Override
    @Deprecated
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
        throw new UnsupportedOperationException("the local lake catalog is read-only");
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) {
        throw new UnsupportedOperationException("the local lake catalog is read-only");
    }

    @Override
    public boolean dropTable(Identifier ident) {
        throw new UnsupportedOperationException("the local lake catalog is read-only");
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) {
        throw new UnsupportedOperationException("the local lake catalog is read-only");
    }
}
