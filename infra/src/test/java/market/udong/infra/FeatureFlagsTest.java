package market.udong.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureFlagsTest {

    @Test
    void cdkJson_setsExactlyTheFlagsTheAppSets() throws Exception {
        // GIVEN cdk.json, which the CLI reads, and the flags the app sets on itself (what the tests synthesize with)
        @SuppressWarnings("unchecked")
        Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) new ObjectMapper()
                .readValue(Path.of("..", "cdk.json").toFile(), Map.class).get("context"));
        // WHEN the app's own settings are set aside
        for (String setting : new String[] {"cli-telemetry", "env", "configDir"}) {
            assertTrue(context.containsKey(setting), setting);
            context.remove(setting);
        }
        // THEN the rest is the same set of flags with the same values
        assertEquals(new java.util.TreeMap<>(FeatureFlags.flags()), new java.util.TreeMap<>(context));
        assertTrue(FeatureFlags.flags().size() >= 86, "every flag cdk init sets: " + FeatureFlags.flags().size());
    }
}
