package market.udong.lambdas.masking;

import java.util.List;
import market.udong.core.catalog.GlueLakeTables;
import market.udong.core.catalog.LakeTable;
import market.udong.core.masking.MaskingTarget;
import market.udong.core.naming.CatalogNames;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Registers a curated {@code dt=} partition in the Glue Data Catalog so Athena sees the file,
 * through core's one table writer. Idempotent: an existing partition or table is success. A
 * missing table is created from the masked file's columns; a missing database is an error
 * (infra creates the databases).
 */
public class CatalogPartitions {

    /** The catalog's {@link LakeTable#WRITER_PARAMETER} of tables this function registers. */
    static final String WRITER = "masking-lambda";

    private final GlueLakeTables tables;

    /** @param catalogId Glue catalog (account id); null for the caller's account */
    public CatalogPartitions(GlueClient glue, String catalogId) {
        this.tables = new GlueLakeTables(glue, catalogId);
    }

    /** Adds partition {@code dt=<date>} of the target's table, creating the table first if needed. */
    public void ensure(MaskingTarget target, String curatedBucket, List<MaskingReport.OutputColumn> columns) {
        String prefix = target.curatedTablePrefix();
        LakeTable table = new LakeTable(CatalogNames.curatedDatabase(target.database()), CatalogNames.table(target.table()),
                "s3://" + curatedBucket + "/" + prefix.substring(0, prefix.length() - 1),
                columns.stream().map(c -> new LakeTable.Column(c.name(), c.type())).toList(), WRITER);
        tables.registerPartition(table, target.snapshotDate().toString());
    }
}
