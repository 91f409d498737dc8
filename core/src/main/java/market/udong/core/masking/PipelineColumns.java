package market.udong.core.masking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.TableConfig;

/**
 * Columns an ingestion tool adds to a table's data, which pass through masking untouched even
 * though no source config lists them (they hold no source values).
 */
public final class PipelineColumns {
    private PipelineColumns() {
    }

    /**
     * Columns DMS adds to every file of a source: {@link SourceConfig.Dms#OPERATION_COLUMN} (I, U or D)
     * and the commit-time column under the name the source configures ({@code dms.timestampColumn},
     * which infra passes to the DMS endpoint as {@code TimestampColumnName}).
     */
    public static Set<String> dms(String timestampColumn) {
        return Set.of(SourceConfig.Dms.OPERATION_COLUMN, timestampColumn);
    }

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
