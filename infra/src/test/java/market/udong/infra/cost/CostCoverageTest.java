package market.udong.infra.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import market.udong.core.cost.CostLine;
import market.udong.core.cost.EnvironmentCost;
import market.udong.core.cost.PriceTable;
import market.udong.core.cost.TemplateCosts;
import market.udong.core.naming.Names;
import market.udong.infra.stacks.PlatformStack;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/**
 * What bin/cost prices is what the stacks deploy: every resource type in every environment's
 * templates is priced or listed as costing nothing idle, every class they use has a price, and
 * the right-sized defaults hold (dev idles at no more than {@value #DEV_IDLE_BUDGET_USD} USD a month).
 */
class CostCoverageTest {

    static final int DEV_IDLE_BUDGET_USD = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> templates(String env) {
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        String prefix = Names.stackName(env, "");
        for (PlatformStack stack : TestApps.stacks(env).all()) {
            templates.put(stack.getStackName().substring(prefix.length()), JSON.valueToTree(Template.fromStack(stack).toJSON()));
        }
        return templates;
    }

    private static EnvironmentCost estimate(String env) {
        String region = TestApps.config(env).environment().region();
        PriceTable prices = PriceTable.forRegion(region);
        return TemplateCosts.estimate(env, templates(env), prices, prices.checked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyResourceType_isPricedOrCostsNothingIdle(String env) {
        Set<String> unaccounted = new TreeSet<>();
        templates(env).values().forEach(t -> t.path("Resources").forEach(r -> {
            if (!TemplateCosts.accountedFor(r.path("Type").asText())) {
                unaccounted.add(r.path("Type").asText());
            }
        }));
        assertEquals(Set.of(), unaccounted, "types with no price and not listed as usage-only: a new component is "
                + "not free by omission (add it to TemplateCosts)");
        // and every class, type and unit they use has a price in the region's table
        EnvironmentCost cost = estimate(env);
        assertTrue(cost.standing().signum() > 0);
    }

    @Test
    void dev_idlesWithinBudget_withEveryPathPresent() {
        EnvironmentCost dev = estimate("dev");
        assertTrue(dev.standing().compareTo(BigDecimal.valueOf(DEV_IDLE_BUDGET_USD)) <= 0,
                "dev idles at " + dev.standing() + " USD a month, over " + DEV_IDLE_BUDGET_USD);
        Set<String> present = new TreeSet<>();
        dev.lines().forEach(l -> present.add(l.component().replaceAll(" .*", "")));
        // replicas, DMS, streams, Kafka and the Glue path are all still there
        for (String component : Set.of("RDS", "DMS", "Kinesis", "MSK", "Glue")) {
            assertTrue(present.contains(component), component + " missing from dev: " + present);
        }
        assertTrue(dev.lines().stream().anyMatch(l -> l.component().contains("read replica")));
    }

    @Test
    void prodKafka_isSizedFromConfiguredLoad_notItsFormerTenfold() {
        EnvironmentCost prod = estimate("prod");
        BigDecimal brokers = prod.lines().stream().filter(l -> l.component().startsWith("MSK broker kafka"))
                .map(CostLine::count).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, BigDecimal.valueOf(3).compareTo(brokers), "prod brokers: " + brokers);
    }
}
