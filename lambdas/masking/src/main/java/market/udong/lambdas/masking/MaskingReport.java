package market.udong.lambdas.masking;

import java.util.List;
import market.udong.core.types.ColumnType;

/**
 * What masking one file did.
 *
 * @param rowsIn       rows read
 * @param rowsOut      rows written (equal to rowsIn: masking never filters rows)
 * @param rowGroups    row groups written
 * @param columns      output columns in order
 * @param dropped      input columns removed by a {@code drop} policy
 * @param unclassified input columns not in config, removed (onUnknownColumn: drop)
 */
public record MaskingReport(long rowsIn, long rowsOut, int rowGroups, List<OutputColumn> columns,
                            List<String> dropped, List<String> unclassified) {

    public MaskingReport {
        columns = List.copyOf(columns);
        dropped = List.copyOf(dropped);
        unclassified = List.copyOf(unclassified);
    }

    /**
     * One output column.
     *
     * @param source  input column name
     * @param name    output column name
     * @param type    output type
     * @param masked  true when the policy hides the original values
     * @param copied  true when its column chunks were copied without decoding
     */
    public record OutputColumn(String source, String name, ColumnType type, boolean masked, boolean copied) {
    }

    public List<String> kept() {
        return columns.stream().filter(c -> !c.masked()).map(OutputColumn::name).toList();
    }

    public List<String> masked() {
        return columns.stream().filter(OutputColumn::masked).map(OutputColumn::name).toList();
    }

    /** One line for logs and {@code bin/mask}. */
    public String summary() {
        return "rows in " + rowsIn + ", rows out " + rowsOut + ", row groups " + rowGroups
                + "; columns kept " + kept().size() + " " + kept()
                + ", masked " + masked().size() + " " + masked()
                + ", dropped " + dropped.size() + " " + dropped
                + ", unclassified " + unclassified.size() + " " + unclassified
                + "; copied without decoding " + columns.stream().filter(OutputColumn::copied).count();
    }
}
