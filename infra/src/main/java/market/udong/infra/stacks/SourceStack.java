package market.udong.infra.stacks;

import java.util.Optional;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.naming.Names;
import market.udong.infra.constructs.analytics.FederatedMysqlCatalog;
import market.udong.infra.constructs.analytics.FederatedMysqlCatalogProps;
import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.ingestion.config.DeployedSourceConfig;
import market.udong.infra.constructs.ingestion.dms.DmsReplication;
import market.udong.infra.constructs.ingestion.dms.DmsReplicationProps;
import market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase;
import market.udong.infra.constructs.network.ServiceNetwork;
import market.udong.infra.constructs.ingestion.glue.GlueIngestion;
import market.udong.infra.constructs.ingestion.glue.GlueIngestionProps;
import market.udong.infra.constructs.ingestion.glue.GlueJobCode;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import market.udong.infra.constructs.replicas.EnhancedMonitoringRole;
import market.udong.infra.constructs.replicas.SourceReplicas;
import market.udong.infra.constructs.replicas.SourceReplicasProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Source-<source>}: everything of one service database, in its own stack so a
 * source's change deploys that stack alone and the layout grows one stack per source: its key, its
 * primary (created where the environment allows) and read replicas with their secrets, its deployed
 * config (the column policies every path reads at run time), its DMS replication, its Glue jobs and
 * its federated catalog. Tables only ever add Glue jobs here, and config validation keeps a source
 * far inside CloudFormation's 500 resources (docs/architecture.md, Stack layout).
 */
public final class SourceStack extends PlatformStack {

    /** How far a replica may fall behind its primary before the alarm topic hears of it. */
    static final Duration MAX_REPLICA_LAG = Duration.minutes(5);

    private final SourceConfig source;
    private final SourceReplicas replicas;
    private final DeployedSourceConfig deployedConfig;
    private final DmsReplication dms;
    private final GlueIngestion glue;
    private final FederatedMysqlCatalog federatedCatalog;

    public SourceStack(Construct scope, EnvironmentConfig environment, SourceConfig source, SourceStackProps props) {
        super(scope, environment, Names.sourceStackArea(source.name()), "Replicas, deployed config, DMS and Glue ingestion "
                + "of source " + source.name());
        this.source = source;
        String env = environment.name();
        EncryptionKey key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + env + "-source-" + source.name(),
                "Encrypts source " + source.name() + "'s databases, secrets, Performance Insights and logs (" + env + ")",
                dataRemovalPolicy()));
        key.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));
        EnvironmentDefaults defaults = defaults(key.key(), props.alarmTopic());

        if (source.replicas().count() > 0) {
            replicas = new SourceReplicas(this, "Replicas", new SourceReplicasProps(source, props.vpc(), key.key(),
                    new EnhancedMonitoringRole(this, "MonitoringRole").role(), defaults, props.biClients(),
                    primaryNetwork()));
            replicas.addLagAlarms(props.alarmTopic(), MAX_REPLICA_LAG);
        } else {
            replicas = null;
        }
        deployedConfig = new DeployedSourceConfig(this, "DeployedConfig",
                DeployedSource.of(source, replicas().flatMap(SourceReplicas::createdPrimaryIdentifier)),
                props.lake().config(), props.ingestion().configPublisher());

        dms = source.tablesUsing(Ingestion.DMS).isEmpty() ? null : new DmsReplication(this, "Dms", new DmsReplicationProps(
                source, dmsDatabase(), props.vpc(), props.lake(), props.ingestion().dmsTaskControl().orElseThrow(),
                props.alarmTopic(), props.ingestion().dmsAccountRoles()));
        if (dms != null) {
            // DMS output is masked with the deployed config's policies: it is written before the task starts.
            dms.getNode().addDependency(deployedConfig.resource());
        }
        glue = source.tablesUsing(Ingestion.GLUE).isEmpty() ? null : new GlueIngestion(this, "Glue", new GlueIngestionProps(
                source, databaseAccess(), props.vpc(), props.lake(), deployedConfig,
                new GlueJobCode(props.artifacts().glue("target/udong-glue-job.jar"),
                        props.artifacts().glue("src/main/glue/table_ingest_entry.scala")),
                props.ingestion().glueSecurityConfiguration().orElseThrow(), defaults));
        federatedCatalog = source.federation() == null ? null : new FederatedMysqlCatalog(this, "FederatedCatalog",
                new FederatedMysqlCatalogProps(source.federation().catalog(), requiredReplicas("federation"), props.vpc(),
                        props.lake(), props.workgroups(), defaults));
    }

    /**
     * What DMS reads: the replica that keeps a binary log where there is one (MySQL, MariaDB), else
     * the imported primary, through its own security group (config validation requires a network
     * that reaches it).
     */
    private DmsSourceDatabase dmsDatabase() {
        return replicas().flatMap(SourceReplicas::binaryLogDatabase).orElseGet(() -> {
            SourceConfig.Primary primary = source.existingPrimary().orElseThrow(() -> new IllegalStateException(
                    "source '" + source.name() + "' has DMS tables but neither a replica with a binary log nor an "
                            + "imported primary; config validation should have refused it"));
            int port = primary.port() != null ? primary.port() : source.engine().isMysqlCompatible() ? 3306 : 5432;
            return new DmsSourceDatabase(primary.endpoint(), port, primary.secretArn(),
                    new DmsSourceDatabase.ThroughSecurityGroup(primary.securityGroupId(), primaryNetwork().orElseThrow(() ->
                            new IllegalStateException("source '" + source.name() + "': DMS reads a primary in another VPC "
                                    + "without a connection to it; config validation should have refused it"))));
        });
    }

    /** The connection to the imported primary's VPC, where config names one. */
    private Optional<ServiceNetwork> primaryNetwork() {
        return source.existingPrimary().flatMap(SourceConfig.Primary::networkName)
                .flatMap(name -> envConfig().network().connection(name))
                .map(c -> new ServiceNetwork(c, envConfig().network().vpcCidr()));
    }

    private DatabaseAccess databaseAccess() {
        SourceReplicas r = requiredReplicas("ingestion: glue");
        return new DatabaseAccess(r.readerEndpoint(), r.port(), r.readOnlySecret(), r.consumers());
    }

    private SourceReplicas requiredReplicas(String what) {
        return replicas().orElseThrow(() -> new IllegalStateException("source '" + source.name() + "' uses " + what
                + " but has no read replica; config validation should have refused it"));
    }

    public SourceConfig source() {
        return source;
    }

    /** The source's replicas; empty where {@code replicas.count} is 0. */
    public Optional<SourceReplicas> replicas() {
        return Optional.ofNullable(replicas);
    }

    public DeployedSourceConfig deployedConfig() {
        return deployedConfig;
    }

    /** DMS replication; empty where the source has no {@code ingestion: dms} table. */
    public Optional<DmsReplication> dms() {
        return Optional.ofNullable(dms);
    }

    /** The Glue jobs; empty where the source has no {@code ingestion: glue} table. */
    public Optional<GlueIngestion> glue() {
        return Optional.ofNullable(glue);
    }

    /** The federated catalog; empty where the source has none. */
    public Optional<FederatedMysqlCatalog> federatedCatalog() {
        return Optional.ofNullable(federatedCatalog);
    }
}
