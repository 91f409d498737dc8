package market.udong.core.masking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.TableConfig;

/**
 * Columns an ingestion tool adds to a table's data, which pass through masking untouched even
 * though no source config lists them (they hold no source values).
 */
public final class PipelineColumns {
    private PipelineColumns() {
    }

    /** DMS CDC files (and full load with includeOpForFullLoad): I, U or D. */
    public static final String DMS_OPERATION = "Op";
    /** The DMS S3 endpoint's {@code TimestampColumnName}: commit time of the change. Infra sets DMS to this name. */
    public static final String DMS_TIMESTAMP = "dms_commit_ts";

    /** Columns DMS adds. */
    public static final Set<String> DMS = Set.of(DMS_OPERATION, DMS_TIMESTAMP);

    /**
     * The table with {@code extra} columns classified {@code keep} in front, unless config already
     * classifies them (config wins).
     */
    public static TableConfig withPassThrough(TableConfig table, Set<String> extra) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        for (String column : extra) {
            if (!table.columns().containsKey(column)) {
                columns.put(column, ColumnRule.of(ColumnPolicy.KEEP));
            }
        }
        if (columns.isEmpty()) {
            return table;
        }
        columns.putAll(table.columns());
        return new TableConfig(table.database(), table.name(), table.ingestion(), table.onUnknownColumn(), columns,
                table.rowFilter(), table.glue(), table.partitionColumn());
    }
}
