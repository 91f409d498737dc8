package market.udong.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import software.amazon.awscdk.App;

/**
 * Synthesizes the project's own config once per environment and shares the result between
 * test classes (jsii is single-threaded and synthesis is the slow part).
 */
public final class TestApps {
    private TestApps() {
    }

    public static final Path CONFIG = Path.of("..", "config");

    private static final Map<String, EnvironmentStacks> STACKS = new HashMap<>();

    /** The stacks of {@code env}, built from config/ with the compliance checks applied. */
    public static synchronized EnvironmentStacks stacks(String env) {
        return STACKS.computeIfAbsent(env, e -> UdongApp.build(new App(), CONFIG, List.of(e)).get(0));
    }

    public static PlatformConfig config(String env) {
        return new ConfigLoader().load(CONFIG, env);
    }
}
