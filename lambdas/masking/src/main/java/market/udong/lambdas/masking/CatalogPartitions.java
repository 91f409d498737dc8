package market.udong.lambdas.masking;

import market.udong.core.masking.MaskingTarget;

import java.util.List;
import java.util.Map;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.Names;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Registers a curated {@code dt=} partition in the Glue Data Catalog so Athena sees the file.
 * Idempotent: an existing partition or table is success. A missing table is created from the
 * masked file's columns (partitioned by {@code dt string}); a missing database is an error
 * (infra creates the databases).
 */
public class CatalogPartitions {

    private final GlueClient glue;
    private final String catalogId;

    /** @param catalogId Glue catalog (account id); null for the caller's account */
    public CatalogPartitions(GlueClient glue, String catalogId) {
        this.glue = glue;
        this.catalogId = catalogId;
    }

    /** Adds partition {@code dt=<date>} of the target's table, creating the table first if needed. */
    public void ensure(MaskingTarget target, String curatedBucket, List<MaskingReport.OutputColumn> columns) {
        String database = CatalogNames.curatedDatabase(target.database());
        String table = CatalogNames.table(target.table());
        String tableLocation = "s3://" + curatedBucket + "/" + target.curatedTablePrefix();
        String partitionLocation = "s3://" + curatedBucket + "/" + Names.curatedPartitionPrefix(target.source(),
                target.database(), target.table(), target.snapshotDate());
        List<Column> glueColumns = columns.stream()
                .map(c -> Column.builder().name(c.name().toLowerCase(java.util.Locale.ROOT)).type(c.glueType()).build())
                .toList();
        PartitionInput partition = PartitionInput.builder()
                .values(target.snapshotDate().toString())
                .storageDescriptor(storage(partitionLocation, glueColumns))
                .build();
        try {
            createPartition(database, table, partition);
        } catch (EntityNotFoundException missingTable) {
            try {
                glue.createTable(b -> b.catalogId(catalogId).databaseName(database).tableInput(TableInput.builder()
                        .name(table)
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                        .partitionKeys(Column.builder().name(CatalogNames.DATE_PARTITION_KEY).type(CatalogNames.DATE_PARTITION_TYPE).build())
                        .storageDescriptor(storage(tableLocation, glueColumns))
                        .build()));
            } catch (AlreadyExistsException raced) {
                // Another file of the same table created it first.
            }
            createPartition(database, table, partition);
        }
    }

    private void createPartition(String database, String table, PartitionInput partition) {
        try {
            glue.createPartition(b -> b.catalogId(catalogId).databaseName(database).tableName(table)
                    .partitionInput(partition));
        } catch (AlreadyExistsException exists) {
            // Every file of a partition registers it; the first one wins.
        }
    }

    private static StorageDescriptor storage(String location, List<Column> columns) {
        return StorageDescriptor.builder()
                .location(location)
                .columns(columns)
                .inputFormat(CatalogNames.PARQUET_INPUT_FORMAT)
                .outputFormat(CatalogNames.PARQUET_OUTPUT_FORMAT)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(CatalogNames.PARQUET_SERDE)
                        .parameters(CatalogNames.PARQUET_SERDE_PARAMETERS).build())
                .compressed(true)
                .build();
    }
}
