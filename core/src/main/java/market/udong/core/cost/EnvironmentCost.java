package market.udong.core.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What one environment costs a month: its components, standing and usage.
 *
 * @param environment environment name
 * @param region      the region whose prices apply
 * @param lines       the components, same things summed
 * @param warnings    what the estimate could not see (stale prices, assumptions that matter)
 */
public record EnvironmentCost(String environment, String region, List<CostLine> lines, List<String> warnings) {

    public EnvironmentCost {
        lines = merge(lines);
        warnings = List.copyOf(warnings);
    }

    private static List<CostLine> merge(List<CostLine> lines) {
        List<CostLine> merged = new ArrayList<>();
        for (CostLine line : lines) {
            int same = -1;
            for (int i = 0; i < merged.size() && same < 0; i++) {
                if (merged.get(i).sameAs(line)) {
                    same = i;
                }
            }
            if (same < 0) {
                merged.add(line);
            } else {
                merged.set(same, merged.get(same).plus(line));
            }
        }
        return List.copyOf(merged);
    }

    /** Paid while idle. */
    public BigDecimal standing() {
        return total(CostLine.Kind.STANDING);
    }

    /** Estimated from the load the config states. */
    public BigDecimal usage() {
        return total(CostLine.Kind.USAGE);
    }

    public BigDecimal total() {
        return standing().add(usage());
    }

    private BigDecimal total(CostLine.Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).map(CostLine::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
