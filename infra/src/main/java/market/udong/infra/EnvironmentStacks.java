package market.udong.infra;

import market.udong.core.config.PlatformConfig;
import market.udong.infra.constructs.LambdaArtifacts;
import market.udong.infra.stacks.AnalyticsStack;
import market.udong.infra.stacks.LakeStack;
import market.udong.infra.stacks.MonitoringStack;
import market.udong.infra.stacks.NetworkStack;
import market.udong.infra.stacks.ReplicasStack;
import market.udong.infra.stacks.StreamingStack;
import software.constructs.Construct;

/** Every stack of one environment, wired together with typed values. */
public final class EnvironmentStacks {

    private final MonitoringStack monitoring;
    private final NetworkStack network;
    private final LakeStack lake;
    private final ReplicasStack replicas;
    private final AnalyticsStack analytics;
    private final StreamingStack streaming;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        LambdaArtifacts artifacts = LambdaArtifacts.fromWorkingDirectory();
        monitoring = new MonitoringStack(app, config.environment());
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources(), config.teams());
        replicas = new ReplicasStack(app, config.environment(), config.sources(), network.vpc());
        analytics = new AnalyticsStack(app, config, network.vpc(), lake, replicas);
        streaming = new StreamingStack(app, config.environment(), config.streams(), network.vpc(), artifacts);
    }

    public MonitoringStack monitoring() {
        return monitoring;
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

    public StreamingStack streaming() {
        return streaming;
    }
}
