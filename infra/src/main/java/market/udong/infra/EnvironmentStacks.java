package market.udong.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.stacks.AnalyticsStack;
import market.udong.infra.stacks.IngestionStack;
import market.udong.infra.stacks.LakeStack;
import market.udong.infra.stacks.MonitoringStack;
import market.udong.infra.stacks.NetworkStack;
import market.udong.infra.stacks.PlatformStack;
import market.udong.infra.stacks.SourceStack;
import market.udong.infra.stacks.SourceStackProps;
import market.udong.infra.stacks.StreamingStack;
import software.constructs.Construct;

/**
 * Every stack of one environment, wired together with typed values. Six stacks are shared by the
 * environment (Monitoring, Network, Lake, Ingestion, Analytics, Streaming) and hold nothing that
 * grows with tables; each source has a stack of its own (docs/architecture.md, Stack layout).
 */
public final class EnvironmentStacks {

    private final MonitoringStack monitoring;
    private final NetworkStack network;
    private final LakeStack lake;
    private final IngestionStack ingestion;
    private final Map<String, SourceStack> sources = new LinkedHashMap<>();
    private final AnalyticsStack analytics;
    private final StreamingStack streaming;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        LambdaArtifacts artifacts = LambdaArtifacts.fromWorkingDirectory();
        monitoring = new MonitoringStack(app, config.environment());
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources(), config.teams());
        LakeReferences lakeRefs = lake.references();
        boolean landsEvents = config.streams().stream().anyMatch(s -> !s.events().isEmpty());
        ingestion = new IngestionStack(app, config.environment(), config.sources(), network.vpc(), lakeRefs,
                monitoring.alarmTopic(), artifacts, landsEvents);
        SourceStackProps sourceProps = new SourceStackProps(network.vpc(), network.biClients(), lakeRefs,
                monitoring.alarmTopic(), ingestion.services(), AnalyticsStack.workgroupNames(config), artifacts);
        for (SourceConfig source : config.sources()) {
            sources.put(source.name(), new SourceStack(app, config.environment(), source, sourceProps));
        }
        analytics = new AnalyticsStack(app, config, network.vpc(), lakeRefs, network.biClients(), monitoring.alarmTopic());
        streaming = new StreamingStack(app, config.environment(), config.streams(), network.vpc(), artifacts,
                monitoring.alarmTopic(), lakeRefs, ingestion.services().glueSecurityConfiguration());
    }

    /** Every stack of the environment: the shared ones, then one per source in config order. */
    public List<PlatformStack> all() {
        List<PlatformStack> all = new ArrayList<>(List.of(monitoring, network, lake, ingestion, analytics, streaming));
        all.addAll(sources.values());
        return all;
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

    public IngestionStack ingestion() {
        return ingestion;
    }

    /** The stack of one source. */
    public Optional<SourceStack> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** The source stacks, by source name, in config order. */
    public Map<String, SourceStack> sources() {
        return java.util.Collections.unmodifiableMap(sources);
    }

    public AnalyticsStack analytics() {
        return analytics;
    }

    public StreamingStack streaming() {
        return streaming;
    }
}
