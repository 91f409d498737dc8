package market.udong.infra.stacks;

import market.udong.infra.constructs.analytics.AthenaWorkgroup;
import market.udong.infra.constructs.analytics.AthenaWorkgroupProps;
import market.udong.infra.constructs.analytics.FederatedMysqlCatalog;
import market.udong.infra.constructs.analytics.FederatedMysqlCatalogProps;
import market.udong.infra.constructs.analytics.GlueDataCatalog;
import market.udong.infra.constructs.analytics.LakeTableCatalog;
import market.udong.infra.constructs.analytics.LakeTableCatalogProps;
import market.udong.infra.constructs.analytics.Metabase;
import market.udong.infra.constructs.analytics.MetabaseProps;
import market.udong.infra.constructs.analytics.NamedQuery;
import market.udong.infra.constructs.analytics.TeamAccess;
import market.udong.infra.constructs.analytics.TeamAccessProps;
import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.replicas.EnhancedMonitoringRole;
import market.udong.infra.constructs.replicas.SourceReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import market.udong.core.analytics.SavedQuery;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.LakeTableConfig;
import market.udong.core.config.LakeZone;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.TeamConfig;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.Names;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Analytics}: Athena workgroups (the platform's and one per team), the data
 * catalogs SQL names ({@code hive} over Glue, one federated catalog per source that opts in), the
 * Glue tables of declared lake tables, the saved queries, each team's access policy, and, where
 * the environment runs one, the BI tool.
 */
public final class AnalyticsStack extends PlatformStack {

    /** The name SQL uses for the account's Glue Data Catalog, as in {@code hive.flight_history.flights}. */
    public static final String GLUE_CATALOG = "hive";

    private final EncryptionKey key;
    private final Map<String, AthenaWorkgroup> workgroups = new LinkedHashMap<>();
    private final GlueDataCatalog glueCatalog;
    private final Map<String, FederatedMysqlCatalog> federated = new LinkedHashMap<>();
    private final LakeTableCatalog lakeTables;
    private final Map<String, TeamAccess> access = new LinkedHashMap<>();
    private final Metabase metabase;

    public AnalyticsStack(Construct scope, PlatformConfig config, IVpc vpc, LakeStack lake, ReplicasStack replicas) {
        super(scope, config.environment(), "Analytics", "Athena workgroups, data catalogs, saved queries and BI");
        EnvironmentConfig environment = config.environment();
        String env = environment.name();
        int logRetentionDays = environment.retainsData() ? 365 : 30;
        key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + env + "-analytics",
                "Encrypts the analytics logs, and BI's database and secrets (" + env + ")", dataRemovalPolicy()));
        key.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));

        TeamConfig.Workgroup platformDefaults = new TeamConfig.Workgroup(null, null);
        workgroups.put(Names.PLATFORM_WORKGROUP, workgroup("PlatformWorkgroup", Names.PLATFORM_WORKGROUP,
                "The data platform team; holds the saved queries", platformDefaults, lake));
        for (TeamConfig team : config.teams()) {
            workgroups.put(team.name(), workgroup("Workgroup-" + team.name(), team.name(),
                    "Team " + team.name() + " (" + team.owner() + ")", team.workgroup(), lake));
        }
        List<String> workgroupArns = workgroups.values().stream().map(AthenaWorkgroup::arn).toList();

        glueCatalog = new GlueDataCatalog(this, "GlueCatalog", GLUE_CATALOG);
        for (SourceConfig source : config.sources()) {
            Optional<SourceReplicas> sourceReplicas = replicas.of(source.name());
            if (source.federation() == null || sourceReplicas.isEmpty()) {
                continue;
            }
            SourceReplicas r = sourceReplicas.get();
            String catalog = source.federation().catalog();
            federated.put(source.name(), new FederatedMysqlCatalog(this, "Catalog-" + catalog, new FederatedMysqlCatalogProps(
                    catalog,
                    Names.connectorFunctionName(env, catalog),
                    r.readerEndpoint(),
                    r.port(),
                    source.tables().isEmpty() ? "information_schema" : source.tables().get(0).database(),
                    Names.readOnlySecretName(env, source.name()),
                    Names.replicaSecretPrefix(env, source.name()),
                    r.readOnlySecret(),
                    r.consumers(),
                    vpc,
                    lake.bucket(LakeZone.ATHENA_SPILL),
                    Names.spillPrefix(catalog),
                    key.key(),
                    logRetentionDays,
                    workgroupArns,
                    dataRemovalPolicy())));
        }
        lakeTables = new LakeTableCatalog(this, "LakeTables", new LakeTableCatalogProps(config.lakeTables(),
                lake.bucket(LakeZone.CURATED)));
        for (SavedQuery saved : SavedQuery.ALL) {
            NamedQuery query = new NamedQuery(this, "Query-" + saved.name(), saved, workgroups.get(Names.PLATFORM_WORKGROUP));
            // The saved query names the lake database and the federated catalog; both exist first.
            lakeTables.databases().values().forEach(db -> query.getNode().addDependency(db));
            federated.values().forEach(c -> query.getNode().addDependency(c.catalog()));
        }

        Set<String> allDatabases = new LinkedHashSet<>();
        config.sources().forEach(s -> s.tables().forEach(t -> allDatabases.add(CatalogNames.curatedDatabase(t.database()))));
        config.lakeTables().forEach(t -> allDatabases.add(t.database()));
        access.put(Names.PLATFORM_WORKGROUP, teamAccess(config, Names.PLATFORM_WORKGROUP, List.copyOf(allDatabases), lake));
        for (TeamConfig team : config.teams()) {
            access.put(team.name(), teamAccess(config, team.name(), team.databases(), lake));
        }

        if (environment.features().bi()) {
            List<ISecurityGroup> consumers = replicas.all().stream().map(SourceReplicas::consumers).toList();
            List<String> allowed = environment.bi().allowedCidrs().isEmpty()
                    ? List.of(environment.network().vpcCidr()) : environment.bi().allowedCidrs();
            metabase = new Metabase(this, "Bi", new MetabaseProps(env, vpc, environment.bi().certificateArn(), allowed,
                    consumers, key.key(), new EnhancedMonitoringRole(this, "MonitoringRole").role(), lake.accessLogs(),
                    logRetentionDays, environment.retainsData(), dataRemovalPolicy()));
            CfnOutput.Builder.create(this, "BiLoadBalancer")
                    .description("Internal host name of Metabase's load balancer; point the BI DNS name at it")
                    .value(metabase.dnsName())
                    .build();
        } else {
            metabase = null;
        }
    }

    private AthenaWorkgroup workgroup(String id, String name, String description, TeamConfig.Workgroup settings,
                                      LakeStack lake) {
        return new AthenaWorkgroup(this, id, new AthenaWorkgroupProps(name, description, lake.bucket(LakeZone.ATHENA_RESULTS),
                lake.key(), settings.bytesScannedCutoffPerQuery(), !envConfig().retainsData()));
    }

    /** The policy of one workgroup's people: its databases' Glue tables and files, and granted federated catalogs. */
    private TeamAccess teamAccess(PlatformConfig config, String workgroup, List<String> databases, LakeStack lake) {
        List<String> lakeDatabases = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> catalogs = new ArrayList<>(List.of(GLUE_CATALOG));
        List<TeamAccessProps.Connector> connectors = new ArrayList<>();
        for (String db : databases) {
            for (SourceConfig source : config.sourcesOfDatabase(db)) {
                for (TableConfig table : source.tables()) {
                    if (CatalogNames.curatedDatabase(table.database()).equals(db)) {
                        prefixes.add(Names.curatedTablePrefix(source.name(), table.database(), table.name()));
                    }
                }
                FederatedMysqlCatalog catalog = federated.get(source.name());
                if (catalog != null && !catalogs.contains(catalog.name())) {
                    catalogs.add(catalog.name());
                    connectors.add(new TeamAccessProps.Connector(catalog.functionArn(),
                            Names.spillPrefix(source.federation().catalog())));
                }
            }
            for (LakeTableConfig table : config.lakeTablesOf(db)) {
                prefixes.add(Names.curatedTablePrefix(table.name(), table.database(), table.table()));
            }
            lakeDatabases.add(db);
        }
        return new TeamAccess(this, "Access-" + workgroup, new TeamAccessProps(
                "udong-" + envConfig().name() + "-athena-" + workgroup,
                workgroups.get(workgroup),
                lake.bucket(LakeZone.ATHENA_RESULTS),
                lake.key(),
                lake.bucket(LakeZone.CURATED),
                lakeDatabases,
                prefixes,
                catalogs,
                connectors,
                lake.bucket(LakeZone.ATHENA_SPILL)));
    }

    public Map<String, AthenaWorkgroup> workgroups() {
        return Map.copyOf(workgroups);
    }

    public GlueDataCatalog glueCatalog() {
        return glueCatalog;
    }

    /** Federated catalogs by source name. */
    public Map<String, FederatedMysqlCatalog> federatedCatalogs() {
        return Map.copyOf(federated);
    }

    public LakeTableCatalog lakeTables() {
        return lakeTables;
    }

    /** Access policies by workgroup name. */
    public Map<String, TeamAccess> access() {
        return Map.copyOf(access);
    }

    /** The BI tool; empty where the environment runs none. */
    public Optional<Metabase> metabase() {
        return Optional.ofNullable(metabase);
    }
}
