package market.udong.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import market.udong.core.config.LakeZone;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.DmsSourceDatabase;
import market.udong.infra.constructs.LambdaArtifacts;
import market.udong.infra.stacks.IngestionStack;
import market.udong.infra.stacks.IngestionStackProps;
import market.udong.infra.stacks.LakeStack;
import market.udong.infra.stacks.MonitoringStack;
import market.udong.infra.stacks.NetworkStack;
import software.constructs.Construct;

/** Every stack of one environment, wired together with typed values. */
public final class EnvironmentStacks {

    private final MonitoringStack monitoring;
    private final NetworkStack network;
    private final LakeStack lake;
    private final IngestionStack ingestion;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        monitoring = new MonitoringStack(app, config.environment());
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources());
        ingestion = new IngestionStack(app, config.environment(), config.sources(), new IngestionStackProps(
                network.vpc(), lake.key(), lake.bucket(LakeZone.EXPORTS), lake.bucket(LakeZone.RAW),
                monitoring.alarmTopic(), LambdaArtifacts.fromWorkingDirectory(),
                // Seam: the Replicas stack passes the identifiers of the primaries it creates (dev).
                Map.of(),
                dmsDatabases(config)));
    }

    /**
     * The database each DMS source endpoint reads. Seam: the Replicas stack's read replica (endpoint and a
     * DMS user's secret) replaces the imported primary here once that stack exists.
     */
    private static Map<String, DmsSourceDatabase> dmsDatabases(PlatformConfig config) {
        Map<String, DmsSourceDatabase> databases = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            DmsSourceDatabase.importedPrimaryOf(source).ifPresent(d -> databases.put(source.name(), d));
        }
        return databases;
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
}
