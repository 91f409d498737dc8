package market.udong.infra.stacks;

import market.udong.infra.constructs.ingestion.dms.DmsReplication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.MigrationType;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.dms.DmsS3TargetSettings;
import market.udong.core.dms.TableMappings;
import market.udong.core.naming.Names;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A source stack's DMS replication (prod's orders, whose first replica keeps a binary log), as synthesized from the fixture. */
class SourceDmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template(String env) {
        return TestApps.source(env, "orders");
    }

    private static SourceConfig source(String env, String name) {
        return TestApps.config(env).source(name).orElseThrow();
    }

    /** The one resource of a type whose properties contain {@code fragment} (as JSON text). */
    private static Map<String, Object> resourceContaining(Template t, String type, String fragment) {
        List<Map<String, Object>> matches = new ArrayList<>();
        for (Map<String, Object> r : t.findResources(type).values()) {
            if (r.toString().contains(fragment)) {
                matches.add(r);
            }
        }
        assertEquals(1, matches.size(), "one " + type + " containing " + fragment + ": " + matches);
        return matches.get(0);
    }

    private static String logicalIdOf(Template t, String type, String fragment) {
        for (Map.Entry<String, Map<String, Object>> r : t.findResources(type).entrySet()) {
            if (r.getValue().toString().contains(fragment)) {
                return r.getKey();
            }
        }
        throw new AssertionError("no " + type + " containing " + fragment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void replicationInstance_isSizedFromConfig_privateAndKmsEncrypted(String env) {
        SourceConfig.Dms dms = source(env, "orders").dms();
        template(env).hasResourceProperties("AWS::DMS::ReplicationInstance", Map.of(
                "ReplicationInstanceClass", dms.instanceClass(),
                "AllocatedStorage", dms.allocatedStorageGb(),
                "MultiAZ", dms.multiAz(),
                "PubliclyAccessible", false,
                "KmsKeyId", Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-" + cap(env) + "-Lake:.*Key.*Arn.*")),
                "VpcSecurityGroupIds", List.of(Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                        Match.objectLike(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReplicasConsumersSecurityGroup.*"),
                                "GroupId"))))));
    }

    @Test
    void replicationSubnetGroup_usesThePrivateSubnets() {
        Map<String, Object> group = props(template("prod").findResources("AWS::DMS::ReplicationSubnetGroup").values().iterator().next());
        String subnets = group.get("SubnetIds").toString();
        assertEquals(3, ((List<?>) group.get("SubnetIds")).size());
        assertTrue(subnets.contains("PrivateSubnet") && !subnets.contains("Public") && !subnets.contains("Isolated"), subnets);
    }

    @Test
    void replicationInstance_readsThePlatformsOwnReplica_andNamesNoGroupOfTheServiceNetwork() {
        SourceConfig.Primary primary = source("prod", "orders").existingPrimary().orElseThrow();
        Template t = template("prod");
        assertFalse(t.toJSON().toString().contains(primary.securityGroupId()),
                "no rule names the service's security group: DMS joins the replica's consumers group");
        Map<String, Object> secret = props(resourceContaining(t, "AWS::SecretsManager::Secret", Names.dmsSecretName("prod", "orders")));
        assertTrue(secret.toString().contains("udong_dms"), secret.toString());
    }

    @Test
    void replicaThatDmsReads_keepsABinaryLogForCdc() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::RDS::DBParameterGroup", Map.of(
                "Family", "mysql8.0",
                "Parameters", Map.of("binlog_format", "ROW", "binlog_row_image", "full")));
        String group = logicalIdOf(t, "AWS::RDS::DBParameterGroup", "binlog_format");
        Map<String, Map<String, Object>> binlog = t.findResources("AWS::RDS::DBInstance", Map.of("Properties", Map.of(
                "DBParameterGroupName", Map.of("Ref", group), "BackupRetentionPeriod", 1)));
        assertEquals(1, binlog.size(), "the first replica, with automated backups (a replica logs once it has them)");
    }

    @Test
    void sourceEndpoint_readsItsConnectionFromTheDmsSecret_overTls() {
        Template t = template("prod");
        String dmsSecret = logicalIdOf(t, "AWS::SecretsManager::Secret", Names.dmsSecretName("prod", "orders"));
        String secretsRole = logicalIdOf(t, "AWS::IAM::Role", "Lets DMS read the connection secret of source orders");
        t.hasResourceProperties("AWS::DMS::Endpoint", Map.of(
                "EndpointType", "source",
                "EngineName", "mysql",
                "SslMode", "require",
                "MySqlSettings", Map.of(
                        "SecretsManagerSecretId", Map.of("Ref", dmsSecret),
                        "SecretsManagerAccessRoleArn", Map.of("Fn::GetAtt", List.of(secretsRole, "Arn")))));
        assertFalse(resourceContaining(t, "AWS::DMS::Endpoint", "EndpointType=source").toString().contains("Password"),
                "no password in the template");
    }

    @Test
    void secretsAccessRole_isTrustedByRegionalDms_andReadsOnlyThatSecret() {
        Template t = template("prod");
        String dmsSecret = logicalIdOf(t, "AWS::SecretsManager::Secret", Names.dmsSecretName("prod", "orders"));
        t.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "dms.ap-northeast-2.amazonaws.com")))))));
        String role = logicalIdOf(t, "AWS::IAM::Role", "Lets DMS read the connection secret of source orders");
        String policy = resourceContaining(t, "AWS::IAM::Policy", "{Ref=" + role + "}").toString();
        assertTrue(policy.contains("Action=[secretsmanager:DescribeSecret, secretsmanager:GetSecretValue], Effect=Allow, Resource={Ref="
                + dmsSecret + "}"), policy);
    }

    @Test
    void targetEndpoint_writesParquetUnderTheSourcesRawPrefix_withSseKms() {
        SourceConfig orders = source("prod", "orders");
        DmsS3TargetSettings s3 = DmsS3TargetSettings.of(orders);
        Template t = template("prod");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("BucketFolder", s3.bucketFolder());
        expected.put("BucketName", Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Lake:.*RawZone.*")));
        expected.put("DataFormat", "parquet");
        expected.put("ParquetVersion", "parquet-2-0");
        expected.put("CompressionType", s3.compressionType());
        expected.put("EnableStatistics", true);
        expected.put("ParquetTimestampInMillisecond", false);
        expected.put("IncludeOpForFullLoad", true);
        expected.put("CdcInsertsOnly", false);
        expected.put("CdcInsertsAndUpdates", false);
        expected.put("TimestampColumnName", orders.dms().timestampColumn());
        expected.put("UseTaskStartTimeForFullLoadTimestamp", true);
        expected.put("DatePartitionEnabled", true);
        expected.put("DatePartitionSequence", "YYYYMMDD");
        expected.put("DatePartitionDelimiter", "SLASH");
        expected.put("EncryptionMode", "SSE_KMS");
        expected.put("ServerSideEncryptionKmsKeyId", Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Lake:.*Key.*Arn.*")));
        expected.put("CdcMaxBatchInterval", orders.dms().cdcMaxBatchIntervalSeconds());
        expected.put("CdcMinFileSize", orders.dms().cdcMinFileSizeKb());
        expected.put("ExpectedBucketOwner", "333333333333");
        expected.put("ServiceAccessRoleArn", Map.of("Fn::GetAtt", List.of(
                logicalIdOf(t, "AWS::IAM::Role", "Lets DMS write source orders"), "Arn")));
        t.hasResourceProperties("AWS::DMS::Endpoint", Map.of("EndpointType", "target", "EngineName", "s3",
                "S3Settings", expected));
        assertEquals("dms/orders", s3.bucketFolder());
    }

    @Test
    void targetAccessRole_writesOnlyUnderTheSourcesPrefix() {
        Template t = template("prod");
        String role = logicalIdOf(t, "AWS::IAM::Role", "Lets DMS write source orders");
        String policy = resourceContaining(t, "AWS::IAM::Policy", "{Ref=" + role + "}").toString();
        assertTrue(policy.contains("Action=[s3:DeleteObject, s3:PutObject, s3:PutObjectTagging]"), policy);
        assertTrue(policy.contains("/" + Names.rawDmsPrefix("orders") + "*"), policy);
        assertTrue(policy.contains("Action=[kms:Decrypt, kms:GenerateDataKey]"), policy);
        assertFalse(policy.contains("s3:GetObject") || policy.contains("s3:*"), policy);
    }

    @Test
    void task_tableMappings_selectEachDmsTable_andRemoveItsDroppedColumns() throws Exception {
        SourceConfig orders = source("prod", "orders");
        Map<String, Object> task = props(template("prod").findResources("AWS::DMS::ReplicationTask").values().iterator().next());
        JsonNode rules = JSON.readTree((String) task.get("TableMappings")).path("rules");

        List<TableConfig> tables = orders.tablesUsing(Ingestion.DMS);
        int expectedRules = 0;
        for (TableConfig table : tables) {
            JsonNode selection = find(rules, "selection", table.name(), null);
            assertEquals("include", selection.path("rule-action").asText());
            assertEquals(table.database(), selection.path("object-locator").path("schema-name").asText());
            if (table.rowFilter() != null) {
                JsonNode filter = selection.path("filters").path(0);
                assertEquals("source", filter.path("filter-type").asText());
                assertEquals(table.rowFilter().column(), filter.path("column-name").asText());
                assertEquals(table.rowFilter().operator(), filter.path("filter-conditions").path(0).path("filter-operator").asText());
            }
            expectedRules++;
            for (Map.Entry<String, ColumnRule> column : table.columns().entrySet()) {
                boolean dropped = column.getValue().policy() == ColumnPolicy.DROP;
                JsonNode remove = find(rules, "transformation", table.name(), column.getKey());
                assertEquals(dropped, !remove.isMissingNode(), column.getKey() + " removed iff dropped");
                if (dropped) {
                    assertEquals("remove-column", remove.path("rule-action").asText());
                    expectedRules++;
                }
            }
        }
        assertEquals(expectedRules, rules.size(), "nothing else: no rename, no other table");
        assertTrue(find(rules, "selection", "members", null).isMissingNode(), "snapshot tables are not DMS's");
        assertEquals(TableMappings.of(orders).toJson(), task.get("TableMappings"));
    }

    private static JsonNode find(JsonNode rules, String type, String table, String column) {
        for (JsonNode rule : rules) {
            JsonNode locator = rule.path("object-locator");
            if (rule.path("rule-type").asText().equals(type) && locator.path("table-name").asText().equals(table)
                    && (column == null ? !locator.has("column-name") : column.equals(locator.path("column-name").asText()))) {
                return rule;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void task_migrationType_followsConfig() {
        MigrationType type = source("prod", "orders").dms().migrationType();
        template("prod").hasResourceProperties("AWS::DMS::ReplicationTask", Map.of("MigrationType", type.id()));
    }

    @Test
    void taskPause_precedesTheEndpointsAndTheTask_andWatchesTheInstance() {
        Template t = template("prod");
        String pause = logicalIdOf(t, "Custom::DmsTaskControl", "Action=Pause");
        String instance = t.findResources("AWS::DMS::ReplicationInstance").keySet().iterator().next();
        assertTrue(t.findResources("Custom::DmsTaskControl").get(pause).toString()
                .contains("ReplicationInstanceArn={Ref=" + instance + "}"));
        List<String> waiting = new ArrayList<>();
        for (String type : List.of("AWS::DMS::Endpoint", "AWS::DMS::ReplicationTask")) {
            t.findResources(type).forEach((id, r) -> {
                assertTrue(r.get("DependsOn") instanceof List<?> l && l.contains(pause), id + " waits for the pause");
                waiting.add(id);
            });
        }
        assertEquals(3, waiting.size(), "both endpoints and the task");
    }

    @Test
    void taskStart_followsTheTask_andCarriesTheSameFingerprintAsThePause() {
        Template t = template("prod");
        String task = t.findResources("AWS::DMS::ReplicationTask").keySet().iterator().next();
        Map<String, Object> start = props(resourceContaining(t, "Custom::DmsTaskControl", "Action=Start"));
        Map<String, Object> pause = props(resourceContaining(t, "Custom::DmsTaskControl", "Action=Pause"));
        assertEquals(Map.of("Ref", task), start.get("ReplicationTaskArn"));
        assertTrue(start.get("ServiceToken").toString().contains("Udong-Prod-Ingestion:") && start.get("ServiceToken").toString()
                .contains("DmsTaskControl"), "served by the Ingestion stack's task control: " + start.get("ServiceToken"));
        assertEquals(pause.get("Fingerprint"), start.get("Fingerprint"));
        assertEquals(TestApps.stacks("prod").source("orders").orElseThrow().dms().orElseThrow().fingerprint(), start.get("Fingerprint"));
        assertEquals(pause.get("SourceSecretArn"), start.get("SourceSecretArn"));
    }

    @Test
    void fingerprint_changesWithTheTableMappings_soADeployRestartsTheTask() {
        SourceConfig orders = source("prod", "orders");
        List<TableConfig> tables = new ArrayList<>();
        for (TableConfig table : orders.tables()) {
            Map<String, ColumnRule> columns = new LinkedHashMap<>(table.columns());
            if (table.ingestion() == Ingestion.DMS) {
                columns.put("currency", new ColumnRule(ColumnPolicy.DROP, null, null, null));
            }
            tables.add(new TableConfig(table.database(), table.name(), table.ingestion(), table.onUnknownColumn(), columns,
                    table.rowFilter(), table.glue(), table.partitionColumn()));
        }
        SourceConfig changed = new SourceConfig(orders.name(), orders.engine(), orders.primary(), orders.replicas(),
                orders.federation(), tables, orders.dms());

        String before = DmsReplication.fingerprintOf(orders);
        String after = DmsReplication.fingerprintOf(changed);

        assertNotEquals(before, after);
        assertEquals(before, DmsReplication.fingerprintOf(orders), "the same config gives the same fingerprint");
    }

    @Test
    void stoppedOrFailedTask_notifiesTheAlarmTopic() {
        Template t = template("prod");
        String task = t.findResources("AWS::DMS::ReplicationTask").keySet().iterator().next();
        t.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.dms"),
                        "detail-type", List.of("DMS Replication Task State Change"),
                        "resources", List.of(Map.of("Ref", task)),
                        "detail", Map.of("eventType", List.of("REPLICATION_TASK_FAILED", "REPLICATION_TASK_STOPPED"))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Monitoring:ExportsOutputRefAlarms.*")))))));
    }

    @Test
    void dev_replicatesItsCreatedPrimary_throughTheReplicasBinaryLog() {
        // Every path in dev: the created primary's first replica keeps a binary log, which DMS reads.
        Template t = TestApps.source("dev", "orders");
        t.resourceCountIs("AWS::DMS::ReplicationTask", 1);
        t.hasResourceProperties("AWS::RDS::DBParameterGroup", Map.of("Family", "mysql8.4"));
    }

    @Test
    void dmsOutput_isMaskedWithTheDeployedConfig_soTheTaskStartsAfterItIsWritten() {
        Template t = template("prod");
        String config = t.findResources("Custom::DeployedSource").keySet().iterator().next();
        Object dependsOn = t.findResources("AWS::DMS::ReplicationTask").values().iterator().next().get("DependsOn");
        assertTrue(dependsOn instanceof List<?> l && l.contains(config), String.valueOf(dependsOn));
    }

    // ---- helpers ----

    private static String cap(String env) {
        return Character.toUpperCase(env.charAt(0)) + env.substring(1);
    }
}
