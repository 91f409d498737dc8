package market.udong.infra;

import market.udong.core.config.PlatformConfig;
import market.udong.infra.stacks.LakeStack;
import market.udong.infra.stacks.MonitoringStack;
import market.udong.infra.stacks.NetworkStack;
import market.udong.infra.stacks.StreamingStack;
import market.udong.infra.constructs.LambdaArtifacts;
import software.constructs.Construct;

/** Every stack of one environment, wired together with typed values. */
public final class EnvironmentStacks {

    private final MonitoringStack monitoring;
    private final NetworkStack network;
    private final LakeStack lake;
    private final StreamingStack streaming;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        monitoring = new MonitoringStack(app, config.environment());
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources());
        streaming = new StreamingStack(app, config.environment(), config.streams(), network.vpc(),
                LambdaArtifacts.fromWorkingDirectory());
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

    public StreamingStack streaming() {
        return streaming;
    }
}
