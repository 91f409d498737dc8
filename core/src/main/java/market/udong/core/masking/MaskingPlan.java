package market.udong.core.masking;

import java.util.ArrayList;
import java.util.List;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.TableConfig;
import market.udong.core.config.UnknownColumnAction;

/**
 * What happens to each column of one file or dataset, decided once from the table's config
 * and the columns actually present. Columns nobody classified never pass: they are dropped
 * (and reported) or, with {@code onUnknownColumn: fail}, the whole input is rejected.
 *
 * @param steps    one step per output column, in input order
 * @param dropped  input columns removed by a {@code drop} policy
 * @param unknown  input columns not classified in config (dropped)
 */
public record MaskingPlan(List<Step> steps, List<String> dropped, List<String> unknown) {

    public MaskingPlan {
        steps = List.copyOf(steps);
        dropped = List.copyOf(dropped);
        unknown = List.copyOf(unknown);
    }

    /**
     * One output column.
     *
     * @param source     input column name
     * @param output     output column name (after rename)
     * @param rule       the column's rule
     */
    public record Step(String source, String output, ColumnRule rule) {
        /** True when the values are written unchanged. */
        public boolean passesThrough() {
            return rule.policy() == ColumnPolicy.KEEP && rule.type() == null;
        }
    }

    /**
     * Builds the plan for a table and the columns an input actually has.
     *
     * @throws PolicyViolation when the input has unclassified columns and the table says {@code fail}
     */
    public static MaskingPlan of(TableConfig table, List<String> inputColumns) {
        List<Step> steps = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String column : inputColumns) {
            ColumnRule rule = table.columns().get(column);
            if (rule == null) {
                unknown.add(column);
            } else if (rule.policy() == ColumnPolicy.DROP) {
                dropped.add(column);
            } else {
                steps.add(new Step(column, rule.outputName(column), rule));
            }
        }
        if (!unknown.isEmpty() && table.onUnknownColumn() == UnknownColumnAction.FAIL) {
            throw new PolicyViolation("table " + table.qualifiedName() + " has unclassified column(s) " + unknown
                    + " and onUnknownColumn is fail; classify them in the source config");
        }
        return new MaskingPlan(steps, dropped, unknown);
    }

    /** Number of output columns whose values are changed. */
    public long maskedCount() {
        return steps.stream().filter(s -> s.rule().policy().hidesValues()).count();
    }
}
