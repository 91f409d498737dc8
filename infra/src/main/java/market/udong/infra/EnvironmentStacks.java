package market.udong.infra;

import market.udong.core.config.PlatformConfig;
import market.udong.infra.stacks.AnalyticsStack;
import market.udong.infra.stacks.LakeStack;
import market.udong.infra.stacks.NetworkStack;
import market.udong.infra.stacks.ReplicasStack;
import software.constructs.Construct;

/** Every stack of one environment, wired together with typed values. */
public final class EnvironmentStacks {

    private final NetworkStack network;
    private final LakeStack lake;
    private final ReplicasStack replicas;
    private final AnalyticsStack analytics;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources(), config.teams());
        replicas = new ReplicasStack(app, config.environment(), config.sources(), network.vpc());
        analytics = new AnalyticsStack(app, config, network.vpc(), lake, replicas);
    }

    public NetworkStack network() {
        return network;
    }

    public LakeStack lake() {
        return lake;
    }

    public ReplicasStack replicas() {
        return replicas;
    }

    public AnalyticsStack analytics() {
        return analytics;
    }
}
