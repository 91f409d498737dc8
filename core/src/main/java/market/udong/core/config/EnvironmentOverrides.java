package market.udong.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Resolves the per-environment parts of a source file for the environment being loaded:
 * {@code primaries.<env>} becomes {@code primary}, and {@code replicas.byEnvironment.<env>}
 * overrides {@code replicas}. Names of unknown environments are errors, so a typo cannot
 * silently leave an environment without its primary.
 */
final class EnvironmentOverrides {

    private final String env;
    private final List<String> knownEnvironments;

    EnvironmentOverrides(String env, List<String> knownEnvironments) {
        this.env = env;
        this.knownEnvironments = knownEnvironments;
    }

    List<ConfigError> apply(String file, ObjectNode source) {
        List<ConfigError> errors = new ArrayList<>();
        JsonNode primaries = source.remove("primaries");
        if (primaries != null) {
            checkNames(file, "primaries", primaries, errors);
            if (primaries.has(env)) {
                source.set("primary", primaries.get(env));
            }
        }
        JsonNode replicas = source.get("replicas");
        if (replicas instanceof ObjectNode r) {
            JsonNode byEnv = r.remove("byEnvironment");
            if (byEnv != null) {
                checkNames(file, "replicas.byEnvironment", byEnv, errors);
                if (byEnv.get(env) instanceof ObjectNode override) {
                    r.setAll(override);
                }
            }
        }
        return errors;
    }

    private void checkNames(String file, String path, JsonNode perEnv, List<ConfigError> errors) {
        for (Iterator<String> it = perEnv.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!knownEnvironments.contains(name)) {
                errors.add(new ConfigError(file, path + "." + name, "names no environment" + Suggestions.closest(name, knownEnvironments)
                        + "; known environments: " + String.join(", ", knownEnvironments)));
            }
        }
    }
}
