package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.TableConfig;
import market.udong.core.config.UnknownColumnAction;
import org.junit.jupiter.api.Test;

class PipelineColumnsTest {

    static TableConfig orders(Map<String, ColumnRule> columns) {
        return new TableConfig("shop", "orders", Ingestion.DMS, UnknownColumnAction.FAIL, columns,
                new TableConfig.RowFilter("created_at", "gte", "2026-01-01", null), null, "created_at");
    }

    static Map<String, ColumnRule> classified() {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("id", ColumnRule.parse("keep"));
        columns.put("buyer_email", ColumnRule.parse("hash"));
        return columns;
    }

    @Test
    void dms_isTheOperationColumn_andTheConfiguredCommitTimeColumn() {
        // GIVEN a source whose dms.timestampColumn is committed_at WHEN asked THEN DMS adds Op and committed_at
        assertEquals(Set.of("Op", "committed_at"), PipelineColumns.dms("committed_at"));
    }

    @Test
    void withPassThrough_classifiesTheExtraColumnsKeep_inFront_andKeepsEverythingElse() {
        TableConfig table = orders(classified());
        // WHEN DMS's columns are added
        TableConfig withDms = PipelineColumns.withPassThrough(table, new LinkedHashSet<>(List.of("Op", "committed_at")));
        // THEN they come first as keep, then the configured columns unchanged
        assertEquals(List.of("Op", "committed_at", "id", "buyer_email"), List.copyOf(withDms.columns().keySet()));
        assertEquals(ColumnRule.parse("keep"), withDms.columns().get("Op"));
        assertEquals(ColumnRule.parse("keep"), withDms.columns().get("committed_at"));
        assertEquals(ColumnRule.parse("hash"), withDms.columns().get("buyer_email"));
        // AND the table is otherwise the same
        assertEquals(new TableConfig(table.database(), table.name(), table.ingestion(), table.onUnknownColumn(),
                withDms.columns(), table.rowFilter(), table.glue(), table.partitionColumn()), withDms);
    }

    @Test
    void withPassThrough_letsConfigWin_forAnExtraColumnItAlreadyClassifies() {
        // GIVEN config that truncates the commit time WHEN DMS columns are added THEN config's rule stays, in config's place
        Map<String, ColumnRule> columns = classified();
        columns.put("committed_at", ColumnRule.parse("truncate(hour)"));
        TableConfig withDms = PipelineColumns.withPassThrough(orders(columns), new LinkedHashSet<>(List.of("Op", "committed_at")));
        assertEquals(ColumnRule.parse("truncate(hour)"), withDms.columns().get("committed_at"));
        assertEquals(List.of("Op", "id", "buyer_email", "committed_at"), List.copyOf(withDms.columns().keySet()));
    }

    @Test
    void withPassThrough_returnsTheSameTable_whenNothingIsAdded() {
        // GIVEN extra columns config already lists, or none WHEN added THEN the table is returned as it was
        Map<String, ColumnRule> columns = classified();
        columns.put("Op", ColumnRule.parse("keep"));
        TableConfig table = orders(columns);
        assertSame(table, PipelineColumns.withPassThrough(table, Set.of("Op", "id")));
        assertSame(table, PipelineColumns.withPassThrough(table, Set.of()));
    }

    @Test
    void withPassThrough_letsTheDmsColumnsPassAStrictTablesPlan() {
        // GIVEN a strict table (onUnknownColumn: fail) and a DMS file with its two added columns
        TableConfig strict = PipelineColumns.withPassThrough(orders(classified()), PipelineColumns.dms("committed_at"));
        // WHEN planned THEN nothing is unknown and both DMS columns pass through unchanged
        MaskingPlan plan = MaskingPlan.of(strict, List.of("Op", "committed_at", "id", "buyer_email"));
        assertEquals(List.of(), plan.unknown());
        assertEquals(3, plan.steps().stream().filter(MaskingPlan.Step::passesThrough).count());
    }
}
