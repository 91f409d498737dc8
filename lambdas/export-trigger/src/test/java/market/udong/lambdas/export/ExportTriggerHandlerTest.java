package market.udong.lambdas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.export.ExportMetrics;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.LogLines;
import market.udong.lambdas.config.S3DeployedSources;
import market.udong.lambdas.logging.StructuredLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The export trigger against a local stand-in of the RDS API: what it sends is checked field by
 * field, and the stand-in answers as RDS does (faults included).
 */
class ExportTriggerHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "udong-prod-exports-333333333333-ap-northeast-2";
    private static final String KEY = "arn:aws:kms:ap-northeast-2:333333333333:key/0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9";
    private static final String ROLE = "arn:aws:iam::333333333333:role/Udong-Prod-Ingestion-SnapshotExportRole";

    private RdsApiStub rdsApi;
    private RdsClient rds;
    private ByteArrayOutputStream logBytes;
    private ExportTriggerHandler handler;

    @BeforeEach
    void startRdsApi() throws IOException {
        rdsApi = new RdsApiStub();
        rds = ExportTriggerHandler.rdsClient(Region.AP_NORTHEAST_2,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), rdsApi.endpoint());
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LambdaEnv.ENVIRONMENT, "prod");
        env.put(LambdaEnv.EXPORTS_BUCKET, BUCKET);
        env.put(LambdaEnv.KMS_KEY_ARN, KEY);
        env.put(LambdaEnv.EXPORT_ROLE_ARN, ROLE);
        env.put(LambdaEnv.CONFIG_BUCKET, "udong-prod-config-333333333333-ap-northeast-2");
        logBytes = new ByteArrayOutputStream();
        StructuredLog log = new StructuredLog(ExportTriggerHandler.SERVICE, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2024-03-01T18:10:00Z"), ZoneOffset.UTC));
        handler = new ExportTriggerHandler(rds, ExportTriggerSettings.fromEnvironment(env::get), DeployedSources.of(List.of(
                DeployedSource.of(ordersSource(), Optional.empty()), DeployedSource.of(ledgerSource(), Optional.empty()))), log);
    }

    @AfterEach
    void stopRdsApi() {
        rds.close();
        rdsApi.close();
    }

    @Test
    void automatedSnapshotEvent_startsExport_withEveryFieldFromConfig() throws IOException {
        // GIVEN the automated snapshot named by the event exists in RDS
        RdsApiStub.Snapshot snapshot = rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod",
                "2024-03-01T18:05:12.345Z", "available"));

        // WHEN the event arrives
        JsonNode response = invoke("rds-db-snapshot-automated-created.json");

        // THEN the snapshot was looked up as an automated one
        RdsApiStub.Call describe = single("DescribeDBSnapshots");
        assertEquals("rds:orders-prod-2024-03-01-18-05", describe.param("DBSnapshotIdentifier"));
        assertEquals("automated", describe.param("SnapshotType"));
        // AND the export request carries each field from config and naming rules
        RdsApiStub.Call start = single("StartExportTask");
        assertEquals("orders-20240301-180512", start.param("ExportTaskIdentifier"));
        assertEquals(snapshot.arn(), start.param("SourceArn"));
        assertEquals(BUCKET, start.param("S3BucketName"));
        assertEquals("orders/2024/03/01", start.param("S3Prefix"));
        assertEquals(ROLE, start.param("IamRoleArn"));
        assertEquals(KEY, start.param("KmsKeyId"));
        assertEquals(List.of("orders.coupons", "orders.members"), start.list("ExportOnly"));
        assertEquals(1, rdsApi.exportTasks().size());
        // AND the outcome is returned and logged with its metric
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("STARTED", outcome.get("status").asText());
        assertEquals("orders", outcome.get("source").asText());
        JsonNode line = onlyLogLine();
        assertEquals("INFO", line.get("level").asText());
        assertEquals("orders-20240301-180512", line.get("exportTaskIdentifier").asText());
        assertMetric(line, ExportMetrics.STARTED);
    }

    @Test
    void sameSnapshotTwice_secondCallIsANoOp() throws IOException {
        // GIVEN an automated snapshot whose export has just been started by its event
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        invoke("rds-db-snapshot-automated-created.json");

        // WHEN the same event is delivered again
        JsonNode response = invoke("rds-db-snapshot-automated-created.json");

        // THEN RDS answered ExportTaskAlreadyExists, the task's snapshot was checked, and that is success
        assertEquals(2, rdsApi.calls("StartExportTask").size());
        assertEquals(1, rdsApi.exportTasks().size(), "one task for one snapshot");
        assertEquals("orders-20240301-180512", single("DescribeExportTasks").param("ExportTaskIdentifier"));
        assertEquals("ALREADY_STARTED", response.get("outcomes").get(0).get("status").asText());
        assertMetric(logLines().get(1), ExportMetrics.ALREADY_STARTED);
    }

    @Test
    void identifierTakenByAnotherSnapshot_isRejected_notTakenForSuccess() throws IOException {
        // GIVEN an export task with this snapshot's identifier that exports a different snapshot
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        rdsApi.addExportTask("orders-20240301-180512", "arn:aws:rds:ap-northeast-2:333333333333:snapshot:orders-copy");

        // WHEN the event arrives
        JsonNode response = invoke("rds-db-snapshot-automated-created.json");

        // THEN the clash is reported, not hidden
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("REJECTED", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("orders-copy"), outcome.toString());
        assertMetric(onlyLogLine(), ExportMetrics.REJECTED);
    }

    @Test
    void auroraClusterSnapshotEvent_exportsTheClusterSnapshotArn() throws IOException {
        // GIVEN the automated cluster snapshot named by the event
        RdsApiStub.Snapshot snapshot = rdsApi.addSnapshot(clusterSnapshot("rds:ledger-prod-2024-03-01-17-30", "ledger-prod",
                "2024-03-01T17:30:44.010Z", "available"));

        // WHEN the cluster snapshot event arrives
        JsonNode response = invoke("rds-db-cluster-snapshot-automated-created.json");

        // THEN the cluster snapshot was described as automated and its ARN exported, PostgreSQL tables as db.schema.table
        RdsApiStub.Call describe = single("DescribeDBClusterSnapshots");
        assertEquals("rds:ledger-prod-2024-03-01-17-30", describe.param("DBClusterSnapshotIdentifier"));
        assertEquals("automated", describe.param("SnapshotType"));
        RdsApiStub.Call start = single("StartExportTask");
        assertEquals(snapshot.arn(), start.param("SourceArn"));
        assertTrue(start.param("SourceArn").contains(":cluster-snapshot:"));
        assertEquals("ledger-20240301-173044", start.param("ExportTaskIdentifier"));
        assertEquals("ledger/2024/03/01", start.param("S3Prefix"));
        assertEquals(List.of("ledger.public.accounts", "ledger.public.entries"), start.list("ExportOnly"));
        assertEquals("STARTED", response.get("outcomes").get(0).get("status").asText());
    }

    @Test
    void scheduleFallback_exportsTheLatestAvailableAutomatedSnapshot_ofEverySource() throws IOException {
        // GIVEN several snapshots per source across pages: older ones, a newer one still being created,
        // a manual one, and a newer one of another instance
        rdsApi.pageSize(2);
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-02-28-18-05", "orders-prod", "2024-02-28T18:05:01Z", "available"));
        RdsApiStub.Snapshot latestOrders = rdsApi.addSnapshot(
                instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-02-29-18-05", "orders-prod", "2024-02-29T18:05:03Z", "available"));
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-02-18-05", "orders-prod", "2024-03-02T18:05:00Z", "creating"));
        rdsApi.addSnapshot(new RdsApiStub.Snapshot(false, "orders-before-migration", "orders-prod",
                Instant.parse("2024-03-03T00:00:00Z"), "available", "manual", "mysql"));
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2-2024-03-05-18-05", "orders-prod-2", "2024-03-05T18:05:00Z", "available"));
        rdsApi.addSnapshot(clusterSnapshot("rds:ledger-prod-2024-02-29-17-30", "ledger-prod", "2024-02-29T17:30:00Z", "available"));
        RdsApiStub.Snapshot latestLedger = rdsApi.addSnapshot(
                clusterSnapshot("rds:ledger-prod-2024-03-01-17-30", "ledger-prod", "2024-03-01T17:30:44.010Z", "available"));

        // WHEN the fallback schedule fires
        JsonNode response = invoke("scheduled-event.json");

        // THEN each source's latest available automated snapshot is exported, after reading every page
        List<RdsApiStub.Call> listed = rdsApi.calls("DescribeDBSnapshots");
        assertTrue(listed.size() >= 2, "paged through the instance's snapshots: " + listed.size() + " page(s)");
        assertEquals("orders-prod", listed.get(0).param("DBInstanceIdentifier"));
        assertEquals("automated", listed.get(0).param("SnapshotType"));
        assertEquals("ledger-prod", single("DescribeDBClusterSnapshots").param("DBClusterIdentifier"));
        List<String> exported = rdsApi.calls("StartExportTask").stream().map(c -> c.param("SourceArn")).sorted().toList();
        assertEquals(List.of(latestLedger.arn(), latestOrders.arn()).stream().sorted().toList(), exported);
        assertEquals(2, response.get("outcomes").size());
        response.get("outcomes").forEach(o -> assertEquals("STARTED", o.get("status").asText(), o.toString()));
    }

    @Test
    void scheduleFallback_afterTheEventPath_startsNothingNew() throws IOException {
        // GIVEN the snapshot event already started the export of the latest snapshot
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        invoke("rds-db-snapshot-automated-created.json");

        // WHEN the fallback runs for that source
        JsonNode response = invoke("export-latest-of-orders.json");

        // THEN it computes the same identifier and RDS's refusal is success
        assertEquals(1, rdsApi.exportTasks().size());
        assertEquals("ALREADY_STARTED", response.get("outcomes").get(0).get("status").asText());
        assertEquals("orders-20240301-180512", response.get("outcomes").get(0).get("exportTaskIdentifier").asText());
    }

    @Test
    void exportLatestOf_unknownSource_isRejected_notRetried() throws IOException {
        // GIVEN no source named 'payments'
        // WHEN a rule asks for its latest snapshot
        JsonNode response = invoke("export-latest-of-unknown-source.json");

        // THEN nothing is sent to RDS; the rejection is returned (not thrown) and reported
        assertTrue(rdsApi.calls("StartExportTask").isEmpty());
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("REJECTED", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("[ledger, orders]"), outcome.toString());
        JsonNode line = onlyLogLine();
        assertEquals("ERROR", line.get("level").asText());
        assertMetric(line, ExportMetrics.REJECTED);
    }

    @Test
    void snapshotEvent_forASnapshotRdsDoesNotKnow_isRejected_notRetried() throws IOException {
        // GIVEN RDS has no such snapshot (deleted before the function ran)
        // WHEN its event arrives
        JsonNode response = invoke("rds-db-snapshot-automated-created.json");

        // THEN RDS said DBSnapshotNotFound, no export was attempted, and the rejection is reported
        assertEquals(1, rdsApi.calls("DescribeDBSnapshots").size());
        assertTrue(rdsApi.calls("StartExportTask").isEmpty());
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("REJECTED", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("rds:orders-prod-2024-03-01-18-05"), outcome.toString());
        assertMetric(onlyLogLine(), ExportMetrics.REJECTED);
    }

    @Test
    void scheduleFallback_forASourceWithoutAutomatedSnapshots_isRejected() throws IOException {
        // GIVEN orders-prod has only a manual snapshot
        rdsApi.addSnapshot(new RdsApiStub.Snapshot(false, "orders-before-migration", "orders-prod",
                Instant.parse("2024-03-03T00:00:00Z"), "available", "manual", "mysql"));

        // WHEN the fallback runs for orders
        JsonNode response = invoke("export-latest-of-orders.json");

        // THEN nothing is exported and the missing backups are reported
        assertTrue(rdsApi.calls("StartExportTask").isEmpty());
        assertEquals("REJECTED", response.get("outcomes").get(0).get("status").asText());
        assertTrue(response.get("outcomes").get(0).get("reason").asText().contains("no available automated snapshot"));
    }

    @Test
    void snapshotOfAnUnconfiguredInstance_isIgnored() throws IOException {
        // GIVEN an automated snapshot of orders-prod-2, which no source uses (its name only starts like orders-prod)
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2-2024-03-01-18-58", "orders-prod-2", "2024-03-01T18:58:00Z", "available"));

        // WHEN its event arrives
        JsonNode response = invoke("rds-db-snapshot-automated-created-other-instance.json");

        // THEN it is ignored without an export or a rejection metric
        assertTrue(rdsApi.calls("StartExportTask").isEmpty());
        assertEquals("IGNORED", response.get("outcomes").get(0).get("status").asText());
        assertNull(onlyLogLine().get("_aws"), "an ignored event publishes no metric");
    }

    @Test
    void manualSnapshotEvent_isIgnored_withoutCallingRds() throws IOException {
        // WHEN a manual snapshot's event arrives
        JsonNode response = invoke("rds-db-snapshot-manual-created.json");

        // THEN RDS is not called
        assertEquals("IGNORED", response.get("outcomes").get(0).get("status").asText());
        assertTrue(rdsApi.calls("DescribeDBSnapshots").isEmpty());
    }

    @Test
    void eventOfAnotherKind_isRejected_notRetried() throws IOException {
        // WHEN an event the function has no use for arrives
        JsonNode response = invoke("s3-object-created.json");

        // THEN it is reported as unrecognized
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("REJECTED", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("aws.s3"), outcome.toString());
    }

    @Test
    void rdsFailingPastTheSdkRetries_failsTheInvocation_soLambdaRetries() throws IOException {
        // GIVEN RDS answers StartExportTask with internal errors for longer than the SDK retries
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        rdsApi.failNext("StartExportTask", 10, 500, "InternalFailure");

        // WHEN the event arrives
        RetryableExportException e = assertThrows(RetryableExportException.class,
                () -> invoke("rds-db-snapshot-automated-created.json"));

        // THEN the SDK retried, the invocation fails for Lambda to retry, and the failure is logged with its metric
        assertTrue(rdsApi.calls("StartExportTask").size() > 1, "the SDK retries server errors itself");
        assertTrue(e.getMessage().contains("InternalFailure"), e.getMessage());
        JsonNode line = onlyLogLine();
        assertEquals("WARN", line.get("level").asText());
        assertMetric(line, ExportMetrics.FAILED);

        // AND the retried invocation, once RDS recovers, starts the export exactly once
        rdsApi.failNext("StartExportTask", 0, 500, "InternalFailure");
        assertEquals("STARTED", invoke("rds-db-snapshot-automated-created.json").get("outcomes").get(0).get("status").asText());
        assertEquals(1, rdsApi.exportTasks().size());
    }

    @Test
    void rdsRefusingTheKey_isRejected_notRetried() throws IOException {
        // GIVEN RDS cannot use the export key (a grant is missing)
        rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));
        rdsApi.failNext("StartExportTask", 1, 400, "KMSKeyNotAccessibleFault");

        // WHEN the event arrives
        JsonNode response = invoke("rds-db-snapshot-automated-created.json");

        // THEN the refusal is reported once, with RDS's code, and the invocation does not fail
        assertEquals(1, rdsApi.calls("StartExportTask").size(), "a client fault is not retried by the SDK either");
        JsonNode outcome = response.get("outcomes").get(0);
        assertEquals("REJECTED", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("KMSKeyNotAccessibleFault"), outcome.toString());
        assertEquals("orders-20240301-180512", outcome.get("exportTaskIdentifier").asText());
        assertMetric(onlyLogLine(), ExportMetrics.REJECTED);
    }

    @Test
    void deployedConfigs_areReadFromTheConfigBucket_andAChangeAppliesToTheNextInvocation() throws IOException {
        try (LocalS3 s3 = LocalS3.startInMemory(); S3Client client = s3.client()) {
            // GIVEN the config bucket holds orders' deployed config, without snapshot tables yet
            String bucket = "udong-prod-config-333333333333-ap-northeast-2";
            s3.createBucket(bucket);
            SourceConfig orders = ordersSource();
            SourceConfig withoutSnapshots = new SourceConfig("orders", orders.engine(), orders.primary(), null, null,
                    List.of(table("orders", "orders", Ingestion.DMS)));
            s3.put(bucket, "sources/orders.json", DeployedSource.of(withoutSnapshots, Optional.empty()).toJson()
                    .getBytes(StandardCharsets.UTF_8));
            ExportTriggerHandler fromS3 = new ExportTriggerHandler(rds, settings(),
                    new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC()), quietLog());
            rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));

            // WHEN its snapshot's event arrives / THEN nothing is exported
            assertEquals("IGNORED", invoke(fromS3, "rds-db-snapshot-automated-created.json").get("outcomes").get(0)
                    .get("status").asText());

            // WHEN a deploy adds the members snapshot table (a new object, no new function) and the event comes again
            s3.put(bucket, "sources/orders.json", DeployedSource.of(orders, Optional.empty()).toJson()
                    .getBytes(StandardCharsets.UTF_8));
            JsonNode response = invoke(fromS3, "rds-db-snapshot-automated-created.json");

            // THEN the export starts, with the tables the new config lists
            assertEquals("STARTED", response.get("outcomes").get(0).get("status").asText(), response.toString());
            assertEquals(DeployedSource.of(orders, Optional.empty()).export().exportOnly(), single("StartExportTask").list("ExportOnly"));
        }
    }

    @Test
    void unreadableDeployedConfig_failsTheInvocation_soLambdaRetries() throws IOException {
        try (LocalS3 s3 = LocalS3.startInMemory(); S3Client client = s3.client()) {
            // GIVEN a config object that is not a deployed source config
            String bucket = "udong-prod-config-broken";
            s3.createBucket(bucket);
            s3.put(bucket, "sources/orders.json", "{\"version\":1".getBytes(StandardCharsets.UTF_8));
            ExportTriggerHandler fromS3 = new ExportTriggerHandler(rds, settings(),
                    new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC()), quietLog());
            rdsApi.addSnapshot(instanceSnapshot("rds:orders-prod-2024-03-01-18-05", "orders-prod", "2024-03-01T18:05:12.345Z", "available"));

            // WHEN / THEN the invocation fails (asynchronous retries, then the dead-letter queue) and RDS is not asked to export
            RetryableExportException e = assertThrows(RetryableExportException.class,
                    () -> invoke(fromS3, "rds-db-snapshot-automated-created.json"));
            assertTrue(e.getMessage().contains("s3://" + bucket + "/sources/orders.json"), e.getMessage());
            assertTrue(rdsApi.calls("StartExportTask").isEmpty());
        }
    }

    @Test
    void missingEnvironment_isNamedAtConstruction() {
        // GIVEN an environment with only the config bucket set
        Map<String, String> env = Map.of(LambdaEnv.CONFIG_BUCKET, "udong-prod-config");

        // WHEN / THEN every missing key is named
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExportTriggerSettings.fromEnvironment(env::get));
        for (String key : List.of(LambdaEnv.ENVIRONMENT, LambdaEnv.EXPORTS_BUCKET, LambdaEnv.KMS_KEY_ARN, LambdaEnv.EXPORT_ROLE_ARN)) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    private JsonNode invoke(String eventFile) throws IOException {
        return invoke(handler, eventFile);
    }

    private JsonNode invoke(ExportTriggerHandler target, String eventFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
            target.handleRequest(in, out, new TestContext("req-" + eventFile));
        }
        return JSON.readTree(out.toByteArray());
    }

    private static ExportTriggerSettings settings() {
        return new ExportTriggerSettings("prod", BUCKET, KEY, ROLE, "udong-prod-config-333333333333-ap-northeast-2");
    }

    private static StructuredLog quietLog() {
        return new StructuredLog(ExportTriggerHandler.SERVICE, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    }

    private RdsApiStub.Call single(String action) {
        List<RdsApiStub.Call> calls = rdsApi.calls(action);
        assertEquals(1, calls.size(), action + " calls: " + calls);
        return calls.get(0);
    }

    private List<JsonNode> logLines() {
        return LogLines.of(logBytes);
    }

    private JsonNode onlyLogLine() throws IOException {
        List<JsonNode> lines = logLines();
        assertEquals(1, lines.size(), "log: " + lines);
        JsonNode line = lines.get(0);
        assertEquals(ExportTriggerHandler.SERVICE, line.get("service").asText());
        assertTrue(line.get("function_request_id").asText().startsWith("req-"), line.toString());
        return line;
    }

    /** The line carries one embedded-metric count of {@code metric} for the prod environment. */
    private static void assertMetric(JsonNode line, String metric) {
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals(ExportMetrics.NAMESPACE, directive.get("Namespace").asText());
        assertEquals(metric, directive.at("/Metrics/0/Name").asText());
        assertEquals(ExportMetrics.ENVIRONMENT_DIMENSION, directive.at("/Dimensions/0/0").asText());
        assertEquals("prod", line.get(ExportMetrics.ENVIRONMENT_DIMENSION).asText());
        assertEquals(1, line.get(metric).asInt());
    }

    private static RdsApiStub.Snapshot instanceSnapshot(String id, String instance, String created, String status) {
        return new RdsApiStub.Snapshot(false, id, instance, Instant.parse(created), status, "automated", "mysql");
    }

    private static RdsApiStub.Snapshot clusterSnapshot(String id, String cluster, String created, String status) {
        return new RdsApiStub.Snapshot(true, id, cluster, Instant.parse(created), status, "automated", "aurora-postgresql");
    }

    private static SourceConfig ordersSource() {
        return new SourceConfig("orders", Engine.MYSQL,
                new SourceConfig.Primary("orders-prod", null, "orders-prod.example", 3306, "sg-0a1b2c3d4e5f60002", "arn:secret"),
                null, null, List.of(
                        table("orders", "members", Ingestion.SNAPSHOT),
                        table("orders", "orders", Ingestion.DMS),
                        table("orders", "coupons", Ingestion.SNAPSHOT)));
    }

    private static SourceConfig ledgerSource() {
        return new SourceConfig("ledger", Engine.AURORA_POSTGRES,
                new SourceConfig.Primary(null, "ledger-prod", "ledger-prod.example", 5432, "sg-0a1b2c3d4e5f60003", "arn:secret"),
                null, null, List.of(
                        table("ledger.public", "entries", Ingestion.SNAPSHOT),
                        table("ledger.public", "accounts", Ingestion.SNAPSHOT)));
    }

    private static TableConfig table(String database, String name, Ingestion ingestion) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("id", ColumnRule.of(ColumnPolicy.KEEP));
        return new TableConfig(database, name, ingestion, null, columns, null, null, null);
    }

    /** The invocation context the runtime passes; only the request id is read. */
    private record TestContext(String requestId) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/udong-prod-export-trigger";
        }

        @Override
        public String getLogStreamName() {
            return "2024/03/01/[$LATEST]0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "udong-prod-export-trigger";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:ap-northeast-2:333333333333:function:udong-prod-export-trigger";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 256;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
