package market.udong.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.CatalogNames;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
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
 * The one writer of curated tables into the Glue Data Catalog: a Hive-style external Parquet
 * table ({@code classification=parquet}) that Athena, Spark and Hive read, partitioned by
 * {@code dt string}, one catalog partition per folder. Every call is safe to repeat: an existing
 * table or partition is success. Databases are not created here (infra owns them).
 */
public final class GlueLakeTables {

    /** BatchCreatePartition takes at most 100 partitions per call. */
    public static final int PARTITIONS_PER_CALL = 100;

    private final GlueClient glue;
    private final String catalogId;

    /** @param catalogId Glue catalog (account id); null for the caller's account */
    public GlueLakeTables(GlueClient glue, String catalogId) {
        this.glue = glue;
        this.catalogId = catalogId;
    }

    /** What {@link #update} did to the table itself. */
    public enum TableChange { CREATED, UPDATED, UNCHANGED }

    /**
     * Registers one partition, creating the table from {@code table} when it is missing: one
     * call per file when the table exists, which is the masking path's case.
     */
    public void registerPartition(LakeTable table, String dt) {
        PartitionInput partition = partitionInput(table, dt);
        try {
            createPartition(table, partition);
        } catch (EntityNotFoundException missingTable) {
            try {
                glue.createTable(b -> b.catalogId(catalogId).databaseName(table.database()).tableInput(tableInput(table)));
            } catch (AlreadyExistsException raced) {
                // Another file of the same table created it first.
            }
            createPartition(table, partition);
        }
    }

    /**
     * Creates the table if missing, brings its columns and location up to date, and registers the
     * partitions in batches of {@value #PARTITIONS_PER_CALL}: the Glue job's case, once per run.
     *
     * @throws IllegalStateException naming the partitions Glue refused for another reason than existing
     */
    public TableChange update(LakeTable table, Collection<String> dts) {
        TableInput input = tableInput(table);
        Table existing = existing(table);
        TableChange change;
        if (existing == null) {
            glue.createTable(r -> r.catalogId(catalogId).databaseName(table.database()).tableInput(input));
            change = TableChange.CREATED;
        } else if (!sameShape(existing, input)) {
            glue.updateTable(r -> r.catalogId(catalogId).databaseName(table.database()).tableInput(input));
            change = TableChange.UPDATED;
        } else {
            change = TableChange.UNCHANGED;
        }
        List<PartitionInput> partitions = dts.stream().map(v -> partitionInput(table, v)).toList();
        for (int i = 0; i < partitions.size(); i += PARTITIONS_PER_CALL) {
            List<PartitionInput> batch = partitions.subList(i, Math.min(i + PARTITIONS_PER_CALL, partitions.size()));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.catalogId(catalogId)
                    .databaseName(table.database()).tableName(table.name()).partitionInputList(batch));
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
        return change;
    }

    /** The table as the catalog gets it. */
    public static TableInput tableInput(LakeTable table) {
        return TableInput.builder()
                .name(table.name())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE", LakeTable.WRITER_PARAMETER, table.writer()))
                .partitionKeys(Column.builder().name(CatalogNames.DATE_PARTITION_KEY).type(CatalogNames.DATE_PARTITION_TYPE).build())
                .storageDescriptor(storage(table.tableLocation(), table))
                .build();
    }

    private void createPartition(LakeTable table, PartitionInput partition) {
        try {
            glue.createPartition(b -> b.catalogId(catalogId).databaseName(table.database()).tableName(table.name())
                    .partitionInput(partition));
        } catch (AlreadyExistsException exists) {
            // Every file of a partition registers it; the first one wins.
        }
    }

    private Table existing(LakeTable table) {
        try {
            return glue.getTable(r -> r.catalogId(catalogId).databaseName(table.database()).name(table.name())).table();
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

    private static PartitionInput partitionInput(LakeTable table, String dt) {
        return PartitionInput.builder()
                .values(dt)
                .storageDescriptor(storage(table.partitionLocation(dt), table))
                .build();
    }

    private static StorageDescriptor storage(String location, LakeTable table) {
        return StorageDescriptor.builder()
                .location(location)
                .columns(table.columns().stream()
                        .map(c -> Column.builder().name(c.name()).type(c.type().catalogType()).build()).toList())
                .inputFormat(CatalogNames.PARQUET_INPUT_FORMAT)
                .outputFormat(CatalogNames.PARQUET_OUTPUT_FORMAT)
                .compressed(true)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(CatalogNames.PARQUET_SERDE)
                        .parameters(CatalogNames.PARQUET_SERDE_PARAMETERS).build())
                .build();
    }
}
