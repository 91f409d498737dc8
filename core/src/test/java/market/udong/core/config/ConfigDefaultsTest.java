package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import market.udong.core.config.BadConfigTest.Edit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a setting is when config leaves it out: the defaults each record's Javadoc promises, and the
 * documented AWS quotas validation assumes until an account has them raised.
 */
class ConfigDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void quotas_defaultToAwsDocumentedValues() {
        // WHEN an environment names no quotas
        EnvironmentConfig.Quotas q = EnvironmentConfig.Quotas.AWS_DEFAULTS;

        // THEN each is AWS's default for a new account (Service Quotas)
        assertEquals(1_000, q.glueJobsPerAccount(), "Glue jobs per account and region");
        assertEquals(1_000, q.glueTriggersPerAccount(), "Glue triggers per account and region");
        assertEquals(60, q.dmsReplicationInstancesPerAccount(), "DMS replication instances per account and region");
        assertEquals(300, q.eventBridgeRulesPerBus(), "EventBridge rules per event bus");
        assertEquals(10, q.managedPoliciesPerRole(), "IAM managed policies per role");
        assertEquals(1_000, q.athenaNamedQueriesPerAccount(), "Athena named queries per account and region");
    }

    @Test
    void quotas_raisedOne_keepsTheOthersAtTheirDefaults() throws IOException {
        // GIVEN dev raising only its Glue job quota
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "removalPolicy: destroy\n",
                "removalPolicy: destroy\nquotas: { glueJobsPerAccount: 2000 }\n"));

        // WHEN loaded
        EnvironmentConfig.Quotas q = new ConfigLoader().load(dir, "dev").environment().quotas();

        // THEN that one is raised, the rest are AWS's
        assertEquals(new EnvironmentConfig.Quotas(2_000, 1_000, 60, 300, 10, 1_000), q);
        assertEquals(EnvironmentConfig.Quotas.AWS_DEFAULTS, new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev").environment().quotas(),
                "the project's dev file names no quotas");
    }

    @Test
    void environment_defaultsToSeoul_retainingData_withAYearOfLogs() {
        // WHEN an environment gives only its name, account and network
        EnvironmentConfig env = new EnvironmentConfig("qa", "111111111111", null, network(2, null, null, null), null, null,
                "a@udong.market", null, null, null, null, null, null);

        // THEN the safe and documented defaults
        assertEquals("ap-northeast-2", env.region());
        assertEquals(EnvironmentConfig.RemovalPolicy.RETAIN, env.removalPolicy());
        assertTrue(env.retainsData());
        assertEquals(365, env.logRetentionDays());
        assertEquals(EnvironmentConfig.Quotas.AWS_DEFAULTS, env.quotas());
        assertFalse(env.features().createPrimaries());
        assertFalse(env.features().bi());
        assertTrue(env.features().dmsAccountRoles());
        assertEquals(new EnvironmentConfig.Features(true, true, false), new EnvironmentConfig.Features(true, true, false));
        assertFalse(new EnvironmentConfig.Features(null, null, false).dmsAccountRoles(), "an account that has the DMS roles");
        assertTrue(new EnvironmentConfig.Features(true, true, null).bi());
    }

    @Test
    void environmentThatDestroysData_keepsLogsAMonth() {
        EnvironmentConfig env = new EnvironmentConfig("qa", "111111111111", null, network(2, null, null, null),
                EnvironmentConfig.RemovalPolicy.DESTROY, null, "a@udong.market", null, null, null, null, null, null);

        assertFalse(env.retainsData());
        assertEquals(30, env.logRetentionDays());
    }

    @Test
    void network_defaults_endpointsInEveryAz_aYearOfFlowLogs_andTheRegionsFirstZones() {
        EnvironmentConfig.Network network = network(3, null, null, null);

        assertEquals(3, network.interfaceEndpointAzs());
        assertEquals(365, network.flowLogRetentionDays());
        assertEquals(List.of("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"), network.zonesIn("ap-northeast-2"));
        assertEquals(List.of("eu-west-1a", "eu-west-1b"), network(2, null, null, null).zonesIn("eu-west-1"));
        assertEquals(List.of(), network.connections());
    }

    @Test
    void network_explicitZones_areTheOnesUsed() throws IOException {
        // GIVEN dev naming its two zones, b and d
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "  maxAzs: 2\n",
                "  maxAzs: 2\n  availabilityZones: [ap-northeast-2b, ap-northeast-2d]\n"));

        // WHEN loaded
        EnvironmentConfig env = new ConfigLoader().load(dir, "dev").environment();

        // THEN the VPC spans those, not the region's first two
        assertEquals(List.of("ap-northeast-2b", "ap-northeast-2d"), env.network().zonesIn(env.region()));
    }

    @Test
    void network_connection_isFoundByItsName() {
        EnvironmentConfig.Connection orders = new EnvironmentConfig.Connection("orders-vpc", "vpc-1", "10.90.0.0/16", null, null, null);
        EnvironmentConfig.Connection hub = new EnvironmentConfig.Connection("hub", "vpc-2", "10.91.0.0/16", "tgw-1", null, null);
        EnvironmentConfig.Network network = network(2, null, null, List.of(orders, hub));

        assertEquals(Optional.of(hub), network.connection("hub"));
        assertEquals(Optional.of(orders), network.connection("orders-vpc"));
        assertEquals(Optional.empty(), network.connection("nowhere"));
        assertTrue(orders.peering());
        assertFalse(hub.peering());
        assertEquals(List.of(), orders.peerRouteTableIds());
    }

    @Test
    void streaming_defaults_areTheDocumentedTuning() {
        EnvironmentConfig.Streaming streaming = new EnvironmentConfig.Streaming(null, null, null, null, null);

        assertEquals(2, streaming.enhancedFanOutAbove());
        assertEquals(1.0, streaming.loadShare());
        assertEquals("3.8.x", streaming.msk().kafkaVersion());
        assertNull(streaming.msk().brokers(), "brokers default to one per AZ, decided where the AZ count is known");
        assertEquals(new EnvironmentConfig.RelayTuning(1000, 1, 2, 5, 1024, 60), streaming.relay());
    }

    @Test
    void streamRetention_isCappedByTheEnvironment_only_whereItSetsACap() {
        StreamsConfig.KinesisStream twoDays = new StreamsConfig.KinesisStream("s", null, 1, null, null, 48, null);

        assertEquals(48, new EnvironmentConfig.Streaming(null, null, null, null, null).retentionHours(twoDays));
        assertEquals(24, new EnvironmentConfig.Streaming(null, null, null, null, 24).retentionHours(twoDays));
        assertEquals(48, new EnvironmentConfig.Streaming(null, null, null, null, 72).retentionHours(twoDays));
    }

    @Test
    void lifecycle_keepsReplacedVersions30Days_andSpillExpiresAfterADay() {
        assertEquals(30, new EnvironmentConfig.ZoneLifecycle(null, null, null).noncurrentExpirationDays());
        assertEquals(List.of(), new EnvironmentConfig.ZoneLifecycle(null, null, null).transitions());
        EnvironmentConfig.ZoneLifecycle spill = LakeZone.ATHENA_SPILL.defaultLifecycle();
        assertEquals(1, spill.expirationDays());
        assertEquals(1, spill.noncurrentExpirationDays());
        assertEquals(EnvironmentConfig.ZoneLifecycle.NONE, LakeZone.CURATED.defaultLifecycle());
        assertNull(EnvironmentConfig.ZoneLifecycle.NONE.expirationDays(), "objects are kept");
    }

    @Test
    void dms_defaults_areTheDocumentedSettings() {
        SourceConfig.Dms dms = new SourceConfig.Dms(null, null, null, null, null, null, null);
        assertEquals(SourceConfig.Dms.DEFAULTS, dms);

        assertEquals("dms.t3.medium", dms.instanceClass());
        assertEquals(50, dms.allocatedStorageGb());
        assertFalse(dms.multiAz());
        assertEquals(MigrationType.FULL_LOAD_AND_CDC, dms.migrationType());
        assertEquals("dms_commit_ts", dms.timestampColumn());
        assertEquals(60, dms.cdcMaxBatchIntervalSeconds());
        assertEquals(32_000, dms.cdcMinFileSizeKb());
    }

    @Test
    void dms_givenSettings_areKept() {
        SourceConfig.Dms dms = new SourceConfig.Dms("dms.r6i.large", 100, true, MigrationType.CDC, "commit_ts", 30, 1_000);

        assertEquals(MigrationType.CDC, dms.migrationType());
        assertTrue(dms.multiAz());
        assertEquals(100, dms.allocatedStorageGb());
        assertEquals("commit_ts", dms.timestampColumn());
        assertEquals(30, dms.cdcMaxBatchIntervalSeconds());
        assertEquals(1_000, dms.cdcMinFileSizeKb());
    }

    @Test
    void migrationTypes_areDmsSpellings_andOnlyAFullLoadCapturesNoChanges() {
        assertEquals(MigrationType.FULL_LOAD, MigrationType.of("full-load"));
        assertEquals(MigrationType.CDC, MigrationType.of("cdc"));
        assertEquals(MigrationType.FULL_LOAD_AND_CDC, MigrationType.of("full-load-and-cdc"));
        assertFalse(MigrationType.FULL_LOAD.capturesChanges());
        assertTrue(MigrationType.CDC.capturesChanges());
        assertTrue(MigrationType.FULL_LOAD_AND_CDC.capturesChanges());
        assertEquals(UnknownColumnAction.FAIL, UnknownColumnAction.of("fail"));
        assertEquals(UnknownColumnAction.DROP, UnknownColumnAction.of("drop"));
        assertEquals("bytes, json", RelayFormat.allowed());
    }

    @Test
    void dms_perEnvironmentSettings_overrideTheDefaults() {
        // GIVEN orders, whose prod DMS is multi-AZ and whose source file names a migration type
        SourceConfig.Dms prod = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "prod").source("orders").orElseThrow().dms();
        SourceConfig.Dms staging = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "staging").source("orders").orElseThrow().dms();

        // THEN each environment gets its own
        assertTrue(prod.multiAz());
        assertEquals("dms.r6i.large", prod.instanceClass());
        assertEquals(100, prod.allocatedStorageGb());
        assertFalse(staging.multiAz());
        assertEquals("dms.t3.medium", staging.instanceClass());
        assertEquals(50, staging.allocatedStorageGb());
        assertEquals(MigrationType.FULL_LOAD_AND_CDC, staging.migrationType());
    }

    @Test
    void glue_defaults_areTheDocumentedJob_withTwoReadPartitionsPerWorker() {
        TableConfig.GlueSettings glue = new TableConfig.GlueSettings(null, null, null, null, null, null, null, null, null);
        assertEquals(TableConfig.GlueSettings.DEFAULTS, glue);

        assertEquals("G.1X", glue.workerType());
        assertEquals(2, glue.workers());
        assertEquals("cron(0 18 * * ? *)", glue.schedule());
        assertEquals(60, glue.timeoutMinutes());
        assertEquals(1, glue.maxRetries());
        assertEquals(4, glue.partitions());
        assertEquals(10, glue.expectedRunMinutes());
        assertEquals(14, new TableConfig.GlueSettings(null, 7, null, null, null, null, null, null, null).partitions());
        assertEquals(3, new TableConfig.GlueSettings(null, 7, null, null, null, null, null, 3, null).partitions());
    }

    @Test
    void glue_givenSettings_areKept() {
        TableConfig.GlueSettings glue = new TableConfig.GlueSettings("G.2X", 5, "rate(1 hour)", 30, 0, "id", "id", 8, 25);

        assertEquals(new TableConfig.GlueSettings("G.2X", 5, "rate(1 hour)", 30, 0, "id", "id", 8, 25), glue);
        assertEquals("G.2X", glue.workerType());
        assertEquals("rate(1 hour)", glue.schedule());
        assertEquals(30, glue.timeoutMinutes());
        assertEquals(0, glue.maxRetries());
        assertEquals(25, glue.expectedRunMinutes());
    }

    @Test
    void team_defaults_cancelQueriesPast10GiB_andKeepResults30Days() {
        TeamConfig team = new TeamConfig("growth", "growth@udong.market", null, null);

        assertEquals(10L * 1024 * 1024 * 1024, team.workgroup().bytesScannedCutoffPerQuery());
        assertEquals(30, team.workgroup().resultExpirationDays());
        assertEquals(List.of(), team.databases());
        TeamConfig.Workgroup small = new TeamConfig.Workgroup(TeamConfig.MIN_BYTES_SCANNED_CUTOFF, 7);
        assertEquals(small, new TeamConfig("ops", "ops@udong.market", small, List.of("orders")).workgroup());
    }

    @Test
    void replicasOfACreatedPrimary_haveItsSmallClass_unlessTheEnvironmentNamesOne() throws IOException {
        // GIVEN the project's config, where dev creates the primaries and staging imports them
        PlatformConfig dev = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev");
        PlatformConfig staging = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "staging");

        // THEN dev's MySQL replicas are the created primary's size, staging's the source file's class
        assertEquals("db.t4g.micro", dev.source("orders").orElseThrow().replicas().instanceClass());
        assertEquals("db.t4g.medium", staging.source("orders").orElseThrow().replicas().instanceClass());
        assertEquals(SourceConfig.Replicas.DEFAULT_INSTANCE_CLASS, new SourceConfig.Replicas(1, null).instanceClass());

        // WHEN flight-meta runs on Aurora MySQL, THEN dev's readers are the smallest Aurora class
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("sources/flight-meta.yaml", "engine: mysql", "engine: aurora-mysql"));
        assertEquals("db.t4g.medium", new ConfigLoader().load(dir, "dev").source("flight-meta").orElseThrow().replicas().instanceClass());
    }

    @Test
    void replicasOfACreatedPrimary_keepAClassTheEnvironmentNames() throws IOException {
        // GIVEN dev naming its own replica class for orders
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("sources/orders.yaml", "    prod: { count: 2, instanceClass: db.r6g.large }\n",
                "    prod: { count: 2, instanceClass: db.r6g.large }\n    dev: { instanceClass: db.t4g.small }\n"));

        // WHEN / THEN that class, not the created primary's
        assertEquals("db.t4g.small", new ConfigLoader().load(dir, "dev").source("orders").orElseThrow().replicas().instanceClass());
    }

    private static EnvironmentConfig.Network network(int maxAzs, Integer interfaceEndpointAzs, List<String> zones,
                                                     List<EnvironmentConfig.Connection> connections) {
        return new EnvironmentConfig.Network("10.0.0.0/16", maxAzs, 1, null, zones, connections, interfaceEndpointAzs, null);
    }
}
