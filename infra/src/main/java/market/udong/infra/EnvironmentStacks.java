package market.udong.infra;

import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import market.udong.infra.constructs.replicas.SourceReplicas;
import java.util.LinkedHashMap;
import java.util.Map;
import market.udong.core.config.LakeZone;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.infra.stacks.AnalyticsStack;
import market.udong.infra.stacks.IngestionStack;
import market.udong.infra.stacks.IngestionStackProps;
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
    private final IngestionStack ingestion;
    private final StreamingStack streaming;

    public EnvironmentStacks(Construct app, PlatformConfig config) {
        LambdaArtifacts artifacts = LambdaArtifacts.fromWorkingDirectory();
        monitoring = new MonitoringStack(app, config.environment());
        network = new NetworkStack(app, config.environment());
        lake = new LakeStack(app, config.environment(), config.sources(), config.teams());
        replicas = new ReplicasStack(app, config.environment(), config.sources(), network.vpc(), monitoring.alarmTopic());
        analytics = new AnalyticsStack(app, config, network.vpc(), lake, replicas);
        ingestion = new IngestionStack(app, config.environment(), config.sources(), new IngestionStackProps(
                network.vpc(), lake.key(), lake.bucket(LakeZone.EXPORTS), lake.bucket(LakeZone.RAW),
                monitoring.alarmTopic(), artifacts,
                createdPrimaryIds(),
                dmsDatabases(config),
                lake.bucket(LakeZone.CURATED), lake.bucket(LakeZone.QUARANTINE), lake.hashingKey(),
                glueDatabases(config)));
        streaming = new StreamingStack(app, config.environment(), config.streams(), network.vpc(), artifacts,
                monitoring.alarmTopic());
    }

    /** The identifiers of the primaries the Replicas stack creates (dev), by source name: their snapshots are exported. */
    private Map<String, String> createdPrimaryIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (SourceReplicas r : replicas.all()) {
            r.createdPrimaryIdentifier().ifPresent(id -> ids.put(r.source().name(), id));
        }
        return ids;
    }

    /**
     * The database each DMS source endpoint reads: the imported primary, whose binary log CDC needs
     * (a replica's secret holds the read-only user, which lacks the replication privileges).
     */
    private static Map<String, DmsSourceDatabase> dmsDatabases(PlatformConfig config) {
        Map<String, DmsSourceDatabase> databases = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            DmsSourceDatabase.importedPrimaryOf(source).ifPresent(d -> databases.put(source.name(), d));
        }
        return databases;
    }

    /** Glue jobs read each source's read replica with its read-only secret, as members of its consumers group. */
    private Map<String, DatabaseAccess> glueDatabases(PlatformConfig config) {
        Map<String, DatabaseAccess> access = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            replicas.of(source.name()).ifPresent(r -> access.put(source.name(),
                    new DatabaseAccess(r.readerEndpoint(), r.port(), r.readOnlySecret(), r.consumers())));
        }
        return access;
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

    public IngestionStack ingestion() {
        return ingestion;
    }

    public StreamingStack streaming() {
        return streaming;
    }
}
