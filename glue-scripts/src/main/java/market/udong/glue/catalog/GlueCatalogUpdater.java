package market.udong.glue.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.CatalogNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue Data Catalog as the {@link CatalogUpdater}: a Hive-style external Parquet table
 * ({@code classification=parquet}) that Athena, Spark and Hive read, with one catalog partition
 * per {@code dt} folder.
 */
public final class GlueCatalogUpdater implements CatalogUpdater {

    /** BatchCreatePartition takes at most 100 partitions per call. */
    static final int PARTITIONS_PER_CALL = 100;

    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalogUpdater.class);

    private final GlueClient glue;

    public GlueCatalogUpdater(GlueClient glue) {
        this.glue = glue;
    }

    @Override
    public void update(CatalogTable table, Collection<String> partitionValues) {
        TableInput input = tableInput(table);
        Table existing = existing(table);
        if (existing == null) {
            glue.createTable(r -> r.databaseName(table.database()).tableInput(input));
            LOG.info("created catalog table {}.{}", table.database(), table.name());
        } else if (!sameShape(existing, input)) {
            glue.updateTable(r -> r.databaseName(table.database()).tableInput(input));
            LOG.info("updated catalog table {}.{} to columns {}", table.database(), table.name(), table.columns());
        }
        List<PartitionInput> partitions = partitionValues.stream().map(v -> partitionInput(table, v)).toList();
        for (int i = 0; i < partitions.size(); i += PARTITIONS_PER_CALL) {
            List<PartitionInput> batch = partitions.subList(i, Math.min(i + PARTITIONS_PER_CALL, partitions.size()));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(table.database())
                    .tableName(table.name()).partitionInputList(batch));
            List<String> failures = new ArrayList<>();
            for (PartitionError error : response.errors()) {
                if (!"AlreadyExistsException".equals(error.errorDetail().errorCode())) {
                    failures.add(error.partitionValues() + ": " + error.errorDetail().errorCode() + " "
                            + error.errorDetail().errorMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Glue refused partitions of " + table.database() + "." + table.name()
                        + ": " + failures);
            }
        }
    }

    private Table existing(CatalogTable table) {
        try {
            return glue.getTable(r -> r.databaseName(table.database()).name(table.name())).table();
        } catch (EntityNotFoundException e) {
            return null;
        }
    }

    private static boolean sameShape(Table existing, TableInput wanted) {
        StorageDescriptor sd = existing.storageDescriptor();
        return sd != null && wanted.storageDescriptor().columns().equals(sd.columns())
                && wanted.storageDescriptor().location().equals(sd.location())
                && wanted.partitionKeys().equals(existing.partitionKeys());
    }

    static TableInput tableInput(CatalogTable table) {
        return TableInput.builder()
                .name(table.name())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE",
                        "udong:writer", "glue-table-ingest"))
                .partitionKeys(column(table.partitionKey()))
                .storageDescriptor(storage(table.location() + "/", table.columns()))
                .build();
    }

    private static PartitionInput partitionInput(CatalogTable table, String value) {
        return PartitionInput.builder()
                .values(value)
                .storageDescriptor(storage(table.partitionLocation(value), table.columns()))
                .build();
    }

    private static StorageDescriptor storage(String location, List<CatalogTable.Column> columns) {
        return StorageDescriptor.builder()
                .location(location)
                .columns(columns.stream().map(GlueCatalogUpdater::column).toList())
                .inputFormat(CatalogNames.PARQUET_INPUT_FORMAT)
                .outputFormat(CatalogNames.PARQUET_OUTPUT_FORMAT)
                .compressed(true)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(CatalogNames.PARQUET_SERDE)
                        .parameters(CatalogNames.PARQUET_SERDE_PARAMETERS).build())
                .build();
    }

    private static Column column(CatalogTable.Column c) {
        return Column.builder().name(c.name()).type(c.type()).build();
    }
}
