package market.udong.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a function finds the deployed config of the environment's sources ({@link DeployedSource}):
 * the config bucket in AWS, a fixed set in tests and in {@code bin/mask}.
 */
public interface DeployedSources {

    /**
     * The deployed config of {@code source}; empty when the source has none deployed (unknown, or
     * its stack is not deployed yet).
     *
     * @throws IllegalStateException when a config exists but cannot be read or parsed; callers retry
     *                               rather than treat the source as unconfigured
     */
    Optional<DeployedSource> source(String source);

    /** Every deployed source config, by source name. */
    List<DeployedSource> all();

    /** A fixed set, e.g. built from the config files with {@link DeployedSource#of}. */
    static DeployedSources of(List<DeployedSource> sources) {
        Map<String, DeployedSource> byName = new TreeMap<>();
        sources.forEach(s -> byName.put(s.source(), s));
        return new DeployedSources() {
            @Override
            public Optional<DeployedSource> source(String source) {
                return Optional.ofNullable(byName.get(source));
            }

            @Override
            public List<DeployedSource> all() {
                return List.copyOf(byName.values());
            }
        };
    }
}
