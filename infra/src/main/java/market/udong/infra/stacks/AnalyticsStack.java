package market.udong.infra.stacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.analytics.SavedQuery;
import market.udong.core.analytics.TeamGrants;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.LakeZone;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.TeamConfig;
import market.udong.core.naming.Names;
import market.udong.infra.constructs.analytics.AthenaWorkgroup;
import market.udong.infra.constructs.analytics.AthenaWorkgroupProps;
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
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.replicas.EnhancedMonitoringRole;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Analytics}: Athena workgroups (the platform's and one per team), the
 * {@code hive} catalog over Glue, the Glue tables of declared lake tables, the saved queries, each
 * team's access policies, and, where the environment runs one, the BI tool. The sources' federated
 * catalogs live in their own stacks; this stack names them (and their connectors' functions) by
 * their fixed names, so it depends on no source stack.
 */
public final class AnalyticsStack extends PlatformStack {

    /** The name SQL uses for the account's Glue Data Catalog, as in {@code hive.flight_history.flights}. */
    public static final String GLUE_CATALOG = "hive";

    private final Map<String, AthenaWorkgroup> workgroups = new LinkedHashMap<>();
    private final GlueDataCatalog glueCatalog;
    private final LakeTableCatalog lakeTables;
    private final Map<String, TeamAccess> access = new LinkedHashMap<>();
    private final Metabase metabase;

    public AnalyticsStack(Construct scope, PlatformConfig config, IVpc vpc, LakeReferences lake,
                          Optional<ISecurityGroup> biClients, ITopic alarmTopic) {
        super(scope, config.environment(), "Analytics", "Athena workgroups, data catalogs, saved queries and BI");
        EnvironmentConfig environment = config.environment();
        String env = environment.name();
        EncryptionKey key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + env + "-analytics",
                "Encrypts the analytics logs, and BI's database and secrets (" + env + ")", dataRemovalPolicy()));
        key.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));

        TeamConfig.Workgroup platformDefaults = new TeamConfig.Workgroup(null, null);
        workgroups.put(Names.PLATFORM_WORKGROUP, workgroup("PlatformWorkgroup", Names.PLATFORM_WORKGROUP,
                "The data platform team; holds the saved queries", platformDefaults, lake));
        for (TeamConfig team : config.teams()) {
            workgroups.put(team.name(), workgroup("Workgroup-" + team.name(), team.name(),
                    "Team " + team.name() + " (" + team.owner() + ")", team.workgroup(), lake));
        }

        glueCatalog = new GlueDataCatalog(this, "GlueCatalog", GLUE_CATALOG);
        lakeTables = new LakeTableCatalog(this, "LakeTables", new LakeTableCatalogProps(config.lakeTables(),
                lake.bucket(LakeZone.CURATED), dataRemovalPolicy()));
        for (SavedQuery saved : SavedQuery.ALL) {
            NamedQuery query = new NamedQuery(this, "Query-" + saved.name(), saved, workgroups.get(Names.PLATFORM_WORKGROUP));
            // The saved query names the lake database; it exists first. (Federated catalogs are the source
            // stacks': Athena stores a named query's text without resolving its catalogs.)
            lakeTables.databases().values().forEach(db -> query.getNode().addDependency(db));
        }

        access.put(Names.PLATFORM_WORKGROUP, teamAccess(Names.PLATFORM_WORKGROUP, TeamGrants.everything(config), lake));
        for (TeamConfig team : config.teams()) {
            access.put(team.name(), teamAccess(team.name(), TeamGrants.of(config, team.databases()), lake));
        }

        if (environment.features().bi()) {
            List<String> allowed = environment.bi().allowedCidrs().isEmpty()
                    ? List.of(environment.network().vpcCidr()) : environment.bi().allowedCidrs();
            metabase = new Metabase(this, "Bi", new MetabaseProps(vpc, environment.bi().certificateArn(), allowed,
                    biClients.orElseThrow(), new EnhancedMonitoringRole(this, "MonitoringRole").role(), lake.accessLogs(),
                    defaults(key.key(), alarmTopic)));
            CfnOutput.Builder.create(this, "BiLoadBalancer")
                    .description("Internal host name of Metabase's load balancer; point the BI DNS name at it")
                    .value(metabase.dnsName())
                    .build();
        } else {
            metabase = null;
        }
    }

    private AthenaWorkgroup workgroup(String id, String name, String description, TeamConfig.Workgroup settings,
                                      LakeReferences lake) {
        return new AthenaWorkgroup(this, id, new AthenaWorkgroupProps(name, description, lake.bucket(LakeZone.ATHENA_RESULTS),
                lake.key(), settings.bytesScannedCutoffPerQuery(), !envConfig().retainsData()));
    }

    /**
     * The policies of one workgroup's people, from its grants ({@link TeamGrants}). The platform's
     * workgroup, granted everything, names its catalogs and connectors by the platform's name
     * prefix, so its policy stays one size whatever the number of federated sources.
     */
    private TeamAccess teamAccess(String workgroup, TeamGrants grants, LakeReferences lake) {
        List<String> catalogs = new ArrayList<>(List.of(GLUE_CATALOG));
        List<TeamAccessProps.Connector> connectors = new ArrayList<>();
        if (grants.allDatabases() && !grants.federatedCatalogs().isEmpty()) {
            catalogs = List.of("*");
            connectors.add(new TeamAccessProps.Connector(connectorArn("*"), ""));
        } else {
            for (String catalog : grants.federatedCatalogs()) {
                catalogs.add(catalog);
                connectors.add(new TeamAccessProps.Connector(connectorArn(catalog), Names.spillPrefix(catalog)));
            }
        }
        return new TeamAccess(this, "Access-" + workgroup, new TeamAccessProps(
                "udong-" + envConfig().name() + "-athena-" + workgroup,
                workgroups.get(workgroup),
                lake,
                grants.allDatabases() ? new TeamAccessProps.AllDatabases()
                        : new TeamAccessProps.Databases(grants.prefixesByDatabase()),
                catalogs,
                connectors));
    }

    private String connectorArn(String catalog) {
        return formatArn(ArnComponents.builder().service("lambda").resource("function")
                .resourceName(Names.connectorFunctionName(envConfig().name(), catalog))
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    public Map<String, AthenaWorkgroup> workgroups() {
        return Map.copyOf(workgroups);
    }

    /** Names of every workgroup of the environment (the platform's first), which federated connectors serve. */
    public static List<String> workgroupNames(PlatformConfig config) {
        List<String> names = new ArrayList<>(List.of(Names.PLATFORM_WORKGROUP));
        config.teams().forEach(t -> names.add(t.name()));
        return names;
    }

    public GlueDataCatalog glueCatalog() {
        return glueCatalog;
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
