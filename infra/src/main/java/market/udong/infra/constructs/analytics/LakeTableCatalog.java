package market.udong.infra.constructs.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.LakeTableConfig;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.Names;
import market.udong.core.types.ColumnType;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.constructs.Construct;

/**
 * Glue databases and tables for the declared lake tables: Parquet in the curated zone under
 * {@code <name>/<database>/<table>/dt=YYYY-MM-DD/}, partitioned by {@code dt} with partition
 * projection, so a new day's folder is queryable as soon as it is written (no crawler, no
 * {@code MSCK REPAIR}, no partition API calls).
 */
public final class LakeTableCatalog extends Construct {

    private final Map<String, CfnDatabase> databases = new LinkedHashMap<>();
    private final Map<String, CfnTable> tables = new LinkedHashMap<>();

    public LakeTableCatalog(Construct scope, String id, LakeTableCatalogProps props) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        for (LakeTableConfig table : props.tables()) {
            CfnDatabase database = databases.computeIfAbsent(table.database(), db -> CfnDatabase.Builder.create(this, "Database-" + db)
                    .catalogId(account)
                    .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                            .name(db)
                            .description("Curated tables that no service database feeds (config/lake-tables)")
                            .locationUri("s3://" + props.curated().getBucketName() + "/")
                            .build())
                    .build());
            database.applyRemovalPolicy(props.removalPolicy());
            String location = "s3://" + props.curated().getBucketName() + "/"
                    + Names.curatedTablePrefix(table.name(), table.database(), table.table());
            CfnTable cfnTable = CfnTable.Builder.create(this, "Table-" + table.qualifiedName())
                    .catalogId(account)
                    .databaseName(table.database())
                    .tableInput(CfnTable.TableInputProperty.builder()
                            .name(table.table())
                            .description(table.description())
                            .tableType("EXTERNAL_TABLE")
                            .partitionKeys(List.of(CfnTable.ColumnProperty.builder()
                                    .name(CatalogNames.DATE_PARTITION_KEY)
                                    .type(CatalogNames.DATE_PARTITION_TYPE)
                                    .build()))
                            .parameters(parameters(table, location))
                            .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                    .location(location)
                                    .inputFormat(CatalogNames.PARQUET_INPUT_FORMAT)
                                    .outputFormat(CatalogNames.PARQUET_OUTPUT_FORMAT)
                                    .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                            .serializationLibrary(CatalogNames.PARQUET_SERDE)
                                            .parameters(CatalogNames.PARQUET_SERDE_PARAMETERS)
                                            .build())
                                    .columns(columns(table))
                                    .build())
                            .build())
                    .build();
            cfnTable.getNode().addDependency(database);
            tables.put(table.qualifiedName(), cfnTable);
        }
    }

    private static Map<String, String> parameters(LakeTableConfig table, String location) {
        String dt = CatalogNames.DATE_PARTITION_KEY;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("classification", "parquet");
        p.put("EXTERNAL", "TRUE");
        p.put("projection.enabled", "true");
        p.put("projection." + dt + ".type", "date");
        p.put("projection." + dt + ".format", "yyyy-MM-dd");
        p.put("projection." + dt + ".range", table.firstPartition() + ",NOW");
        p.put("projection." + dt + ".interval", "1");
        p.put("projection." + dt + ".interval.unit", "DAYS");
        p.put("storage.location.template", location + dt + "=${" + dt + "}/");
        return p;
    }

    private static List<Object> columns(LakeTableConfig table) {
        List<Object> columns = new ArrayList<>();
        table.columns().forEach((name, type) -> columns.add(CfnTable.ColumnProperty.builder()
                .name(name)
                .type(ColumnType.parse(type).catalogType())
                .build()));
        return columns;
    }

    /** Glue databases by name. */
    public Map<String, CfnDatabase> databases() {
        return Map.copyOf(databases);
    }

    /** Glue tables by {@code database.table}. */
    public Map<String, CfnTable> tables() {
        return Map.copyOf(tables);
    }
}
