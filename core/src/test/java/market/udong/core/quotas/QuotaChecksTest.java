package market.udong.core.quotas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import market.udong.core.config.ConfigError;
import market.udong.core.config.ConfigException;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import market.udong.core.testing.GeneratedConfig;
import market.udong.core.testing.GeneratedConfig.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every AWS quota a config can outgrow is a config error before anything is built: the file, the
 * field, the quota and the fix, for a generated config just past the quota. Stacks are refused at
 * 90 % of CloudFormation's limits; account quotas are summed over environments sharing an account.
 */
class QuotaChecksTest {

    static final Path BASE = Path.of("..", "config");

    @TempDir
    Path dir;

    private Path generate(Shape shape) {
        return GeneratedConfig.write(BASE, dir.resolve("config"), shape);
    }

    private static ConfigError refused(Path config, String env, String file, String path, String... reasonParts) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(config, env));
        return find(e.errors(), file, path, reasonParts);
    }

    private static ConfigError find(List<ConfigError> errors, String file, String path, String... reasonParts) {
        for (ConfigError error : errors) {
            if (error.file().equals(file) && error.path().equals(path)
                    && java.util.Arrays.stream(reasonParts).allMatch(error.reason()::contains)) {
                return error;
            }
        }
        throw new AssertionError("no error " + file + ": " + path + " with " + List.of(reasonParts) + " in " + errors);
    }

    private void appendQuotas(Path config, String env, String quotas) throws IOException {
        Path file = config.resolve("environments/" + env + ".yaml");
        Files.writeString(file, Files.readString(file) + "quotas:\n" + quotas);
    }

    @Test
    void glueTablesPastResourcesPerStack_areRefused_withHowManyToMove() {
        // GIVEN 470 Glue tables in one source, one schedule: 470 jobs and 10 triggers in its stack
        Path config = generate(Shape.of(1, 470).ingestion("glue").schedules(1).federatedEvery(0));
        // THEN the source's file, its tables, the quota and the fix
        ConfigError error = refused(config, "prod", "sources/svc-00.yaml", "tables", "stack Udong-Prod-Source-svc-00",
                "470 of them Glue jobs", "CloudFormation allows 500 per stack", "at most 450", "Move about");
        assertTrue(error.reason().contains("ingestion: dms or snapshot"), error.reason());
    }

    @Test
    void templatePastOneMegabyte_isRefused() {
        // GIVEN 360 Glue tables: within the resource budget, past the template-size budget
        Path config = generate(Shape.of(1, 360).ingestion("glue").federatedEvery(0));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(config, "prod"));
        find(e.errors(), "sources/svc-00.yaml", "tables", "the template of stack Udong-Prod-Source-svc-00",
                "360 Glue jobs", "CloudFormation allows 1,000 KB per template", "at most 900 KB", "ingestion: snapshot");
        assertEquals(1, e.errors().size(), e.errors().toString());
    }

    @Test
    void dmsTableMappingPastTwoMegabytes_isRefused() {
        // GIVEN 5,600 DMS tables in one source: a table mapping past what DMS reads
        Path config = generate(Shape.of(1, 5600).ingestion("dms").federatedEvery(0).teams(1));
        refused(config, "prod", "sources/svc-00.yaml", "tables", "table mapping of", "5600 ingestion: dms tables",
                "at most 2 MB (a hard limit)");
    }

    @Test
    void lakeDatabasesPastTheLakeStack_areRefused() {
        // GIVEN 230 lake databases: 460 Glue databases in the Lake stack
        Path config = generate(Shape.of(1, 230).ingestion("snapshot").databasesPerSource(230).federatedEvery(0).teams(1));
        refused(config, "dev", "sources/", "tables[].database", "230 lake databases", "Udong-Dev-Lake",
                "CloudFormation allows 500", "fewer databases");
    }

    @Test
    void teamsPastTheAnalyticsStack_areRefused() {
        Path config = generate(Shape.of(1, 3).ingestion("snapshot").federatedEvery(0).teams(220));
        refused(config, "dev", "teams/", "", "220 teams", "Udong-Dev-Analytics", "CloudFormation allows 500",
                "merge teams");
    }

    @Test
    void teamNeedingMoreManagedPoliciesThanARoleCarries_isRefused() throws IOException {
        // GIVEN a role may carry one managed policy here, and a team needs a workgroup policy and a data policy
        Path config = generate(Shape.of(1, 3).ingestion("snapshot").federatedEvery(0).teams(1));
        appendQuotas(config, "dev", "  managedPoliciesPerRole: 1\n");
        refused(config, "dev", "teams/team0.yaml", "databases", "2 managed policies", "a role carries at most 1",
                "quotas.managedPoliciesPerRole");
    }

    @Test
    void teamGrantedTooManyFederatedSources_isRefused() {
        // GIVEN a team granted the databases of 25 federated sources: 25 catalogs, connectors and spill prefixes
        Path config = generate(Shape.of(125, 125).ingestion("snapshot").federatedEvery(1).teams(1).databasesPerSource(1));
        refused(config, "dev", "teams/team0.yaml", "databases", "25 sources with federated catalogs",
                "IAM allows 6144 per managed policy");
    }

    @Test
    void accountQuotas_areEachRefused_namingTheQuotaField() throws IOException {
        // GIVEN 30 Glue tables on 24 schedules over 3 DMS sources, the streams file's 2 event tables (a job,
        // a trigger each and one failure rule), and an account with small quotas
        Path config = generate(Shape.of(3, 90).federatedEvery(0));
        appendQuotas(config, "dev", """
                  glueJobsPerAccount: 29
                  glueTriggersPerAccount: 20
                  dmsReplicationInstancesPerAccount: 2
                  eventBridgeRulesPerBus: 11
                """);
        PlatformConfig dev = new ConfigLoader().load(config, "dev");
        List<ConfigError> errors = QuotaChecks.accounts(List.of(dev));
        String file = "environments/dev.yaml";
        assertEquals(2, StackEstimates.eventTables(dev));
        find(errors, file, "quotas.glueJobsPerAccount", "environment dev needs 32 Glue jobs", "allows 29");
        find(errors, file, "quotas.glueTriggersPerAccount", "Glue triggers", "allows 20", "fewer distinct glue.schedule");
        find(errors, file, "quotas.dmsReplicationInstancesPerAccount", "needs 3 DMS replication instances", "allows 2");
        find(errors, file, "quotas.eventBridgeRulesPerBus", "needs 13 EventBridge rules", "allows 11");
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void environmentsSharingAnAccount_areSummed_andEachIsNamed() throws IOException {
        // GIVEN staging moved into prod's account, whose named-query quota holds one environment's saved queries
        int saved = market.udong.core.analytics.SavedQuery.ALL.size();
        Path config = generate(Shape.of(2, 6).ingestion("snapshot").federatedEvery(0).teams(1));
        Path staging = config.resolve("environments/staging.yaml");
        Files.writeString(staging, Files.readString(staging).replace("account: \"222222222222\"", "account: \"333333333333\""));
        appendQuotas(config, "prod", "  athenaNamedQueriesPerAccount: " + saved + "\n");
        List<ConfigError> errors = QuotaChecks.accounts(List.of(new ConfigLoader().load(config, "staging"),
                new ConfigLoader().load(config, "prod")));
        // THEN both files, with the sum and each environment's share (every environment saves every query)
        for (String env : List.of("staging", "prod")) {
            find(errors, "environments/" + env + ".yaml", "quotas.athenaNamedQueriesPerAccount",
                    "environments staging, prod share account 333333333333", "need " + (2 * saved) + " Athena named queries",
                    "(staging " + saved + ", prod " + saved + ")", "allows " + saved);
        }
        // AND each environment alone fits
        assertTrue(QuotaChecks.accounts(List.of(new ConfigLoader().load(config, "prod"))).isEmpty());
    }

    @Test
    void athenaWorkgroupsPastTheAccountQuota_areRefused() {
        // GIVEN 1,000 teams: 1,001 workgroups with the platform's (built here: the Analytics stack refuses far fewer)
        PlatformConfig small = new ConfigLoader().load(generate(Shape.of(1, 1).ingestion("snapshot").federatedEvery(0)
                .teams(1)), "dev");
        PlatformConfig many = new PlatformConfig(small.configDir(), small.environment(), small.sources(), small.streams(),
                teams(1000), small.lakeTables());
        find(QuotaChecks.accounts(List.of(many)), "environments/dev.yaml", "", "needs 1001 Athena workgroups",
                "allows 1000", "merge teams");
    }

    private static List<market.udong.core.config.TeamConfig> teams(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new market.udong.core.config.TeamConfig("team" + i,
                "team" + i + "@udong.market", null, List.of("flight_history"))).toList();
    }

    @Test
    void theSampleConfigAndTheGeneratedThousandTables_passEveryQuota() {
        for (String env : ConfigLoader.knownEnvironments(BASE)) {
            assertTrue(QuotaChecks.environment(new ConfigLoader().load(BASE, env)).isEmpty(), env);
        }
        Path config = generate(Shape.of(30, 1000));
        List<PlatformConfig> all = ConfigLoader.knownEnvironments(config).stream()
                .map(env -> new ConfigLoader().load(config, env)).toList();
        assertTrue(QuotaChecks.accounts(all).isEmpty());
    }
}
