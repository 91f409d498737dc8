package market.udong.glue.catalog;

import java.util.Collection;
import market.udong.core.catalog.GlueLakeTables;
import market.udong.core.catalog.LakeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;

/** The Glue Data Catalog as the {@link CatalogUpdater}, written by core's one table writer. */
public final class GlueCatalogUpdater implements CatalogUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalogUpdater.class);

    private final GlueLakeTables tables;

    public GlueCatalogUpdater(GlueClient glue) {
        this.tables = new GlueLakeTables(glue, null);
    }

    @Override
    public void update(LakeTable table, Collection<String> partitionValues) {
        switch (tables.update(table, partitionValues)) {
            case CREATED -> LOG.info("created catalog table {}.{}", table.database(), table.name());
            case UPDATED -> LOG.info("updated catalog table {}.{} to columns {}", table.database(), table.name(), table.columns());
            case UNCHANGED -> { }
        }
    }
}
