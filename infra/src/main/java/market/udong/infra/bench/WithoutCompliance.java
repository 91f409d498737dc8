package market.udong.infra.bench;

import java.nio.file.Path;
import market.udong.core.config.ConfigLoader;
import market.udong.infra.EnvironmentStacks;
import market.udong.infra.FeatureFlags;
import market.udong.infra.UdongApp;
import software.amazon.awscdk.App;

/**
 * The platform app without its cdk-nag rule packs, for one purpose: {@code bin/bench synth --scale}
 * runs it beside the real app to tell how much of a synth the compliance checks cost. Never a way
 * to deploy: the stacks it writes have not been checked.
 */
public final class WithoutCompliance {
    private WithoutCompliance() {
    }

    public static void main(String[] args) {
        App app = new App();
        Path configDir = ConfigLoader.resolveConfigDir(app.getNode().tryGetContext(ConfigLoader.CONFIG_DIR_CONTEXT));
        Object env = app.getNode().tryGetContext(ConfigLoader.ENV_CONTEXT);
        ConfigLoader loader = new ConfigLoader();
        FeatureFlags.apply(app);
        for (String e : UdongApp.environments(env == null ? ConfigLoader.DEFAULT_ENV : env.toString())) {
            new EnvironmentStacks(app, loader.load(configDir, e));
        }
        app.synth();
    }
}
