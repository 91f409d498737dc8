package market.udong.glue.catalog;

import java.util.Collection;
import market.udong.core.catalog.LakeTable;

/** Makes a curated table and its new partitions queryable. */
public interface CatalogUpdater {

    /**
     * Creates the table if missing, brings its columns up to date, and adds the partitions that are
     * not registered yet. Safe to repeat: a retried run registers nothing twice.
     *
     * @param partitionValues {@code dt} values written by this run
     */
    void update(LakeTable table, Collection<String> partitionValues);
}
