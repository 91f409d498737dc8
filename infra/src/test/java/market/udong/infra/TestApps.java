package market.udong.infra;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import market.udong.infra.compliance.Compliance;
import market.udong.infra.stacks.SourceStack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the infra tests' own config fixture ({@code src/test/resources/fixture-config}, a
 * frozen copy of the sample config, so a team's edit of {@code config/} never breaks a construct
 * test) once per environment and shares the result between test classes (jsii is single-threaded
 * and synthesis is the slow part). The system tests in {@code test/} synthesize the real config.
 */
public final class TestApps {
    private TestApps() {
    }

    public static final Path CONFIG = fixture();

    private static final Map<String, EnvironmentStacks> STACKS = new HashMap<>();

    private static Path fixture() {
        try {
            return Path.of(TestApps.class.getResource("/fixture-config/environments/dev.yaml").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stacks of {@code env}, built from the fixture with the compliance checks applied. */
    public static synchronized EnvironmentStacks stacks(String env) {
        return STACKS.computeIfAbsent(env, e -> UdongApp.build(new App(), CONFIG, List.of(e)).get(0));
    }

    public static PlatformConfig config(String env) {
        return new ConfigLoader().load(CONFIG, env);
    }

    /** The stacks of a config a test changed, in an app of their own (with the compliance checks). */
    public static EnvironmentStacks build(PlatformConfig config) {
        App app = new App();
        FeatureFlags.apply(app);
        EnvironmentStacks stacks = new EnvironmentStacks(app, config);
        Compliance.check(app);
        return stacks;
    }

    /** The template of one source's stack. */
    public static Template source(String env, String source) {
        return Template.fromStack(stacks(env).source(source).orElseThrow());
    }

    /** Resources of {@code type} over every source stack of {@code env}, keyed {@code <stack>/<logical id>}. */
    public static Map<String, Map<String, Object>> sourceResources(String env, String type, Map<String, Object> props) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        for (SourceStack stack : stacks(env).sources().values()) {
            Template t = Template.fromStack(stack);
            Map<String, Map<String, Object>> found = props == null ? t.findResources(type) : t.findResources(type, props);
            found.forEach((id, r) -> all.put(stack.getStackName() + "/" + id, r));
        }
        return all;
    }

    /** Every source stack's template of {@code env}. */
    public static List<Template> sourceTemplates(String env) {
        List<Template> all = new ArrayList<>();
        stacks(env).sources().values().forEach(s -> all.add(Template.fromStack(s)));
        return all;
    }
}
