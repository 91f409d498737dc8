package market.udong.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the per-environment parts of a source file for the environment being loaded:
 * {@code primaries.<env>} becomes {@code primary}, and {@code replicas.byEnvironment.<env>}
 * and {@code dms.byEnvironment.<env>} override the fields of {@code replicas} and {@code dms}. Names of unknown environments are errors, so a typo cannot
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
        boolean primaryHere = primaries != null && primaries.has(env);
        if (primaries != null) {
            checkNames(file, "primaries", primaries, errors);
            if (primaries.has(env)) {
                source.set("primary", primaries.get(env));
            }
        }
        for (String section : List.of("replicas", "dms")) {
            if (source.get(section) instanceof ObjectNode settings) {
                JsonNode byEnv = settings.remove("byEnvironment");
                boolean classHere = false;
                if (byEnv != null) {
                    checkNames(file, section + ".byEnvironment", byEnv, errors);
                    if (byEnv.get(env) instanceof ObjectNode override) {
                        settings.setAll(override);
                        classHere = override.has("instanceClass");
                    }
                }
                if (section.equals("replicas") && !primaryHere && !classHere) {
                    createdPrimaryClass(source).ifPresent(c -> settings.put("instanceClass", c));
                }
            }
        }
        return errors;
    }

    /**
     * Where an environment has no primary of the source, the platform creates a small one (dev), and its
     * replicas are that primary's size: the source's {@code replicas.instanceClass} sizes replicas of the real
     * primaries, and only {@code replicas.byEnvironment.<env>.instanceClass} sets another.
     */
    private static Optional<String> createdPrimaryClass(ObjectNode source) {
        try {
            return Optional.of(InstanceClasses.smallPrimaryClass(Engine.of(source.path("engine").asText())));
        } catch (RuntimeException e) {
            return Optional.empty(); // the schema reports a bad engine
        }
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
