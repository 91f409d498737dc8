package market.udong.core.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders estimates as text tables, JSON, and the difference from a baseline. */
public final class CostReport {
    private CostReport() {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The per-component table and totals of one environment. */
    public static String table(EnvironmentCost cost) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(cost.environment()).append(" (").append(cost.region()).append("), USD per month\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stack", "component", "quantity", "unit price", "monthly", "kind", "basis"});
        for (CostLine l : sorted(cost.lines())) {
            rows.add(new String[] {l.stack(), l.component(), quantity(l), l.price().usd().toPlainString() + " /" + l.price().unit(),
                    money(l.monthly()), l.kind().name().toLowerCase(Locale.ROOT), l.note()});
        }
        int[] width = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %"
                    + width[3] + "s  %" + width[4] + "s  %-" + width[5] + "s  %s", (Object[]) r).stripTrailing()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "standing (idle): %s   usage (from config): %s   total: %s%n",
                money(cost.standing()), money(cost.usage()), money(cost.total())));
        cost.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }

    private static List<CostLine> sorted(List<CostLine> lines) {
        List<CostLine> s = new ArrayList<>(lines);
        s.sort((a, b) -> b.monthly().compareTo(a.monthly()));
        return s;
    }

    private static String quantity(CostLine l) {
        String count = l.count().stripTrailingZeros().toPlainString();
        if (l.unitsEach().compareTo(BigDecimal.ONE) == 0) {
            return count + " " + l.price().unit();
        }
        return count + " x " + l.unitsEach().stripTrailingZeros().toPlainString() + " " + l.price().unit();
    }

    static String money(BigDecimal usd) {
        return String.format(Locale.ROOT, "%,.2f", usd.setScale(2, RoundingMode.HALF_UP));
    }

    /** The estimates as JSON: per environment its lines, totals and warnings, and each price's date and source. */
    public static String json(List<EnvironmentCost> costs) {
        ArrayNode envs = JSON.createArrayNode();
        for (EnvironmentCost c : costs) {
            ObjectNode e = envs.addObject();
            e.put("environment", c.environment());
            e.put("region", c.region());
            e.put("standingUsd", c.standing());
            e.put("usageUsd", c.usage());
            e.put("totalUsd", c.total());
            ArrayNode lines = e.putArray("components");
            for (CostLine l : sorted(c.lines())) {
                ObjectNode n = lines.addObject();
                n.put("stack", l.stack());
                n.put("component", l.component());
                n.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
                n.put("count", l.count());
                n.put("unitsEach", l.unitsEach());
                n.put("price", l.price().key());
                n.put("unitUsd", l.price().usd());
                n.put("unit", l.price().unit());
                n.put("priceDate", l.price().date().toString());
                n.put("priceSource", l.price().source());
                n.put("monthlyUsd", l.monthly());
                if (!l.note().isEmpty()) {
                    n.put("note", l.note());
                }
            }
            ArrayNode warnings = e.putArray("warnings");
            c.warnings().forEach(warnings::add);
        }
        try {
            return JSON.writeValueAsString(envs);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * What a change adds per month: the totals before and after, and each component whose cost
     * changed (by stack and component).
     *
     * @param before the baseline's estimate, empty when the baseline has no such environment
     */
    public static String diff(Optional<EnvironmentCost> before, EnvironmentCost after) {
        Map<String, BigDecimal> old = byComponent(before.map(EnvironmentCost::lines).orElse(List.of()));
        Map<String, BigDecimal> now = byComponent(after.lines());
        BigDecimal oldTotal = before.map(EnvironmentCost::total).orElse(BigDecimal.ZERO);
        BigDecimal delta = after.total().subtract(oldTotal);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %s -> %s USD/month (%s)%n", after.environment(),
                before.isPresent() ? money(oldTotal) : "new", money(after.total()), signed(delta)));
        Map<String, BigDecimal> keys = new LinkedHashMap<>(old);
        now.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            BigDecimal a = old.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal b = now.getOrDefault(key, BigDecimal.ZERO);
            if (a.compareTo(b) != 0) {
                out.append(String.format(Locale.ROOT, "  %s  %s -> %s (%s)%n", key, money(a), money(b), signed(b.subtract(a))));
            }
        }
        if (delta.signum() == 0 && old.equals(now)) {
            out.append("  no change\n");
        }
        return out.toString();
    }

    private static Map<String, BigDecimal> byComponent(List<CostLine> lines) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (CostLine l : lines) {
            sums.merge(l.stack() + ": " + l.component(), l.monthly(), BigDecimal::add);
        }
        return sums;
    }

    private static String signed(BigDecimal usd) {
        return (usd.signum() > 0 ? "+" : "") + money(usd);
    }
}
