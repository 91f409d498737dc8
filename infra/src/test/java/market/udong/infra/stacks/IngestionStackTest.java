package market.udong.infra.stacks;

import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.ingestion.dms.DmsAccountRoles;
import market.udong.infra.constructs.ingestion.dms.DmsReplication;
import market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase;
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
import java.util.Set;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.LakeZone;
import market.udong.core.config.MigrationType;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.dms.DmsS3TargetSettings;
import market.udong.core.dms.TableMappings;
import market.udong.core.export.ExportMetrics;
import market.udong.core.export.ExportSources;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.naming.Names;
import market.udong.infra.FeatureFlags;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Ingestion stack: snapshot-export trigger and DMS replication, as synthesized from config/. */
class IngestionStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).ingestion());
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

    // ---- snapshot export ----

    @Test
    void exportRole_isTrustedByRdsExportOnly() {
        template("prod").hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "export.rds.amazonaws.com"))))));
    }

    @Test
    void exportRole_writesOnlyTheExportsBucket_withTheActionsRdsDocuments() {
        Template t = template("prod");
        String role = logicalIdOf(t, "AWS::IAM::Role", "export.rds.amazonaws.com");
        Map<String, Object> policy = resourceContaining(t, "AWS::IAM::Policy", "{Ref=" + role + "}");
        String text = policy.toString();
        assertTrue(text.contains("Action=[s3:DeleteObject*, s3:GetObject*, s3:PutObject*]"), text);
        assertTrue(text.contains("Action=[s3:GetBucketLocation, s3:ListBucket]"), text);
        assertTrue(text.contains("ExportsZone"), "scoped to the exports bucket: " + text);
        assertFalse(text.contains("RawZone") || text.contains("CuratedZone"), "no other bucket: " + text);
        assertFalse(text.contains("Resource=*"), "no unscoped resource: " + text);
        for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                "kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant")) {
            assertTrue(text.contains(action), action + " on the lake key: " + text);
        }
    }

    @Test
    void exportFunction_runsJava21_withItsSettingsUnderTheLambdaEnvKeys() throws Exception {
        PlatformConfig prod = TestApps.config("prod");
        Map<String, Object> fn = props(resourceContaining(template("prod"), "AWS::Lambda::Function", "ExportTriggerHandler"));
        assertEquals("java21", fn.get("Runtime"));
        assertEquals("market.udong.lambdas.export.ExportTriggerHandler::handleRequest", fn.get("Handler"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) fn.get("Environment")).get("Variables");
        assertEquals(Set.of(LambdaEnv.ENVIRONMENT, LambdaEnv.EXPORTS_BUCKET, LambdaEnv.KMS_KEY_ARN,
                LambdaEnv.EXPORT_ROLE_ARN, LambdaEnv.EXPORT_SOURCES), vars.keySet());
        assertEquals("prod", vars.get(LambdaEnv.ENVIRONMENT));
        assertTrue(vars.get(LambdaEnv.EXPORTS_BUCKET).toString().contains("ExportsZone"), vars.toString());
        assertTrue(vars.get(LambdaEnv.EXPORT_ROLE_ARN).toString().contains("SnapshotExportExportRole"), vars.toString());
        ExportSources sent = ExportSources.fromJson((String) vars.get(LambdaEnv.EXPORT_SOURCES));
        assertEquals(ExportSources.of(prod.sources(), Map.of()), sent);
        assertEquals("orders-prod", sent.source("orders").orElseThrow().instanceIdentifier());
    }

    @Test
    void exportFunction_retriesTwice_thenDeadLettersToAKmsEncryptedQueue() {
        Template t = template("prod");
        String fn = logicalIdOf(t, "AWS::Lambda::Function", "ExportTriggerHandler");
        t.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", fn), "MaximumRetryAttempts", 2));
        Map<String, Object> function = props(t.findResources("AWS::Lambda::Function").get(fn));
        String queue = ((Map<?, ?>) ((Map<?, ?>) function.get("DeadLetterConfig")).get("TargetArn")).toString();
        assertTrue(queue.contains("SnapshotExportDeadLetterQueue"), queue);
        t.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalIdOf(t, "AWS::KMS::Key", "ingestion"), "Arn"))));
    }

    @Test
    void exportFunction_mayPassOnlyTheExportRole_andStartExports() {
        Template t = template("prod");
        Map<String, Object> policy = resourceContaining(t, "AWS::IAM::Policy", "rds:StartExportTask");
        String text = policy.toString();
        String exportRole = logicalIdOf(t, "AWS::IAM::Role", "export.rds.amazonaws.com");
        assertTrue(text.contains("Action=iam:PassRole, Effect=Allow, Resource={Fn::GetAtt=[" + exportRole + ", Arn]}"), text);
        assertTrue(text.contains("Action=[kms:CreateGrant, kms:DescribeKey]"), text);
        assertTrue(text.contains(":db:orders-prod") && text.contains(":db:flight-meta-prod"), text);
    }

    @Test
    void instanceSnapshotRule_matchesAutomatedSnapshots_ofTheConfiguredInstancesOnly() {
        template("prod").hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("aws.rds"),
                "detail-type", List.of("RDS DB Snapshot Event"),
                "detail", Map.of(
                        "EventID", List.of("RDS-EVENT-0091"),
                        "SourceIdentifier", List.of(Map.of("prefix", "rds:flight-meta-prod-"),
                                Map.of("prefix", "rds:orders-prod-"))))));
    }

    @Test
    void clusterSnapshotRule_isAbsent_whenNoSourceRunsOnAurora() {
        assertTrue(template("prod").findResources("AWS::Events::Rule",
                Map.of("Properties", Map.of("EventPattern", Match.objectLike(Map.of(
                        "detail", Match.objectLike(Map.of("EventID", List.of("RDS-EVENT-0169")))))))).isEmpty());
    }

    @Test
    void fallbackSchedule_invokesTheExportFunction() {
        Template t = template("prod");
        String fn = logicalIdOf(t, "AWS::Lambda::Function", "ExportTriggerHandler");
        t.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(6 hours)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(fn, "Arn")))))));
    }

    @Test
    void rejectedExports_raiseAnAlarm_onTheAlarmTopic() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", ExportMetrics.NAMESPACE,
                "MetricName", ExportMetrics.REJECTED,
                "Dimensions", List.of(Map.of("Name", ExportMetrics.ENVIRONMENT_DIMENSION, "Value", "prod")),
                "Threshold", 1,
                "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Monitoring:ExportsOutputRefAlarms.*")))));
    }

    @Test
    void deadLetteredExports_raiseAnAlarm_onTheAlarmTopic() {
        template("prod").hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Match.objectLike(Map.of("Name", "QueueName"))),
                "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Monitoring:ExportsOutputRefAlarms.*")))));
    }

    @Test
    void createdPrimaries_passedByTheReplicasStack_areExported() {
        // GIVEN dev, whose sources have no imported primary, and the identifiers of the primaries it creates
        PlatformConfig dev = TestApps.config("dev");
        IngestionStack stack = buildIngestion(dev, Map.of("orders", "udong-dev-orders", "flight-meta", "udong-dev-flight-meta"),
                Map.of());

        // THEN both are exported, and the rule narrows to them
        Template t = Template.fromStack(stack);
        Map<String, Object> fn = props(resourceContaining(t, "AWS::Lambda::Function", "ExportTriggerHandler"));
        String sources = ((Map<?, ?>) ((Map<?, ?>) fn.get("Environment")).get("Variables")).get(LambdaEnv.EXPORT_SOURCES).toString();
        assertEquals("udong-dev-orders", ExportSources.fromJson(sources).source("orders").orElseThrow().instanceIdentifier());
        t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of("detail", Map.of(
                "EventID", List.of("RDS-EVENT-0091"),
                "SourceIdentifier", List.of(Map.of("prefix", "rds:udong-dev-flight-meta-"), Map.of("prefix", "rds:udong-dev-orders-")))))));
    }

    @Test
    void exportsThatFailOrAreCanceled_notifyTheAlarmTopic() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.rds"),
                        "detail-type", List.of("RDS DB Snapshot Event", "RDS DB Cluster Snapshot Event"),
                        "detail", Map.of("EventID", List.of("RDS-EVENT-0159", "RDS-EVENT-0160", "RDS-EVENT-0162",
                                "RDS-EVENT-0163"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::ImportValue",
                        Match.stringLikeRegexp("Udong-Prod-Monitoring:ExportsOutputRefAlarms.*")))))));
    }

    @Test
    void dev_exportsThePrimariesItsReplicasStackCreates_underTheirFixedIdentifiers_andHasNoDms() {
        // GIVEN dev as the app builds it: no imported primaries, features.createPrimaries on
        Template replicas = Template.fromStack(TestApps.stacks("dev").replicas());
        Template t = template("dev");

        // THEN the created primary carries the fixed identifier, and the export trigger serves it
        replicas.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceIdentifier", Names.createdPrimaryIdentifier("dev", "orders")));
        Map<String, Object> fn = props(resourceContaining(t, "AWS::Lambda::Function", "ExportTriggerHandler"));
        String sources = ((Map<?, ?>) ((Map<?, ?>) fn.get("Environment")).get("Variables")).get(LambdaEnv.EXPORT_SOURCES).toString();
        assertEquals(Names.createdPrimaryIdentifier("dev", "orders"),
                ExportSources.fromJson(sources).source("orders").orElseThrow().instanceIdentifier());
        assertTrue(t.findResources("AWS::Events::Rule", Map.of("Properties", Map.of("EventPattern", Match.anyValue())))
                        .values().stream().anyMatch(r -> r.toString().contains("rds:udong-dev-orders-")),
                "the snapshot rule narrows to the created primary");
        // DMS reads an imported primary's binary log; a created one has no replication set-up.
        t.resourceCountIs("AWS::DMS::ReplicationInstance", 0);
    }

    // ---- DMS ----

    @Test
    void dmsAccountRoles_haveTheFixedNamesDmsLooksFor_withTheirManagedPolicies() {
        Template t = template("prod");
        for (Map.Entry<String, String> role : Map.of(DmsAccountRoles.VPC_ROLE, "AmazonDMSVPCManagementRole",
                DmsAccountRoles.LOGS_ROLE, "AmazonDMSCloudWatchLogsRole").entrySet()) {
            t.hasResourceProperties("AWS::IAM::Role", Map.of(
                    "RoleName", role.getKey(),
                    "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                            "Principal", Map.of("Service", "dms.amazonaws.com")))))),
                    "ManagedPolicyArns", List.of(Map.of("Fn::Join", List.of("", List.of("arn:",
                            Map.of("Ref", "AWS::Partition"), ":iam::aws:policy/service-role/" + role.getValue()))))));
        }
    }

    @Test
    void subnetGroupAndInstance_waitForTheAccountRoles() {
        Template t = template("prod");
        String vpcRole = logicalIdOf(t, "AWS::IAM::Role", DmsAccountRoles.VPC_ROLE);
        String logsRole = logicalIdOf(t, "AWS::IAM::Role", DmsAccountRoles.LOGS_ROLE);
        for (String type : List.of("AWS::DMS::ReplicationSubnetGroup", "AWS::DMS::ReplicationInstance")) {
            Map<String, Map<String, Object>> resources = t.findResources(type);
            assertEquals(1, resources.size());
            Object dependsOn = resources.values().iterator().next().get("DependsOn");
            assertTrue(dependsOn instanceof List<?> l && l.contains(vpcRole) && l.contains(logsRole), type + " " + dependsOn);
        }
    }

    @Test
    void accountWithItsOwnDmsRoles_getsNone_andNoDependency() {
        PlatformConfig staging = TestApps.config("staging");
        EnvironmentConfig e = staging.environment();
        EnvironmentConfig withoutRoles = new EnvironmentConfig(e.name(), e.account(), e.region(), e.network(),
                e.removalPolicy(), e.lake(), e.alarmEmail(), e.tags(), e.deploy(),
                new EnvironmentConfig.Features(false, true, false), e.streaming(), e.bi());
        PlatformConfig config = new PlatformConfig(staging.configDir(), withoutRoles, staging.sources(), staging.streams(),
                staging.teams(), staging.lakeTables());
        Template t = Template.fromStack(buildIngestion(config, Map.of(), databasesOf(config)));

        assertTrue(t.findResources("AWS::IAM::Role", Map.of("Properties", Map.of("RoleName", DmsAccountRoles.VPC_ROLE))).isEmpty());
        t.resourceCountIs("AWS::DMS::ReplicationInstance", 1);
        assertEquals(null, t.findResources("AWS::DMS::ReplicationInstance").values().iterator().next().get("DependsOn"));
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
                "VpcSecurityGroupIds", List.of(Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
    }

    @Test
    void replicationSubnetGroup_usesThePrivateSubnets() {
        Map<String, Object> group = props(template("prod").findResources("AWS::DMS::ReplicationSubnetGroup").values().iterator().next());
        String subnets = group.get("SubnetIds").toString();
        assertEquals(3, ((List<?>) group.get("SubnetIds")).size());
        assertTrue(subnets.contains("PrivateSubnet") && !subnets.contains("Public") && !subnets.contains("Isolated"), subnets);
    }

    @Test
    void replicationInstance_reachesTheDatabase_onItsPortOnly() {
        SourceConfig.Primary primary = source("prod", "orders").existingPrimary().orElseThrow();
        Template t = template("prod");
        t.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", primary.securityGroupId(), "IpProtocol", "tcp", "FromPort", 3306, "ToPort", 3306,
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(logicalIdOf(t, "AWS::EC2::SecurityGroup",
                        "DMS replication instance of source orders"), "GroupId"))));
    }

    @Test
    void sourceEndpoint_readsItsConnectionFromTheSecret_overTls() {
        SourceConfig.Primary primary = source("prod", "orders").existingPrimary().orElseThrow();
        Template t = template("prod");
        String secretsRole = logicalIdOf(t, "AWS::IAM::Role", "Lets DMS read the connection secret of source orders");
        t.hasResourceProperties("AWS::DMS::Endpoint", Map.of(
                "EndpointType", "source",
                "EngineName", "mysql",
                "SslMode", "require",
                "MySqlSettings", Map.of(
                        "SecretsManagerSecretId", primary.secretArn(),
                        "SecretsManagerAccessRoleArn", Map.of("Fn::GetAtt", List.of(secretsRole, "Arn")))));
        assertFalse(resourceContaining(t, "AWS::DMS::Endpoint", "EndpointType=source").toString().contains("Password"),
                "no password in the template");
    }

    @Test
    void secretsAccessRole_isTrustedByRegionalDms_andReadsOnlyThatSecret() {
        SourceConfig.Primary primary = source("prod", "orders").existingPrimary().orElseThrow();
        Template t = template("prod");
        t.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "dms.ap-northeast-2.amazonaws.com")))))));
        String role = logicalIdOf(t, "AWS::IAM::Role", "Lets DMS read the connection secret of source orders");
        String policy = resourceContaining(t, "AWS::IAM::Policy", "{Ref=" + role + "}").toString();
        assertTrue(policy.contains("Action=[secretsmanager:DescribeSecret, secretsmanager:GetSecretValue], Effect=Allow, Resource="
                + primary.secretArn()), policy);
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
        assertEquals(Map.of("Fn::GetAtt", List.of(logicalIdOf(t, "AWS::Lambda::Function", "ReplicationTaskControlHandler"), "Arn")),
                start.get("ServiceToken"));
        assertEquals(pause.get("Fingerprint"), start.get("Fingerprint"));
        assertEquals(TestApps.stacks("prod").ingestion().dms().get("orders").fingerprint(), start.get("Fingerprint"));
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
    void taskControl_mayStartAndStopOnlyThisStacksTasks() {
        String policy = resourceContaining(template("prod"), "AWS::IAM::Policy", "dms:StartReplicationTask").toString();
        assertTrue(policy.contains("aws:ResourceTag/udong:environment=prod") && policy.contains("aws:ResourceTag/udong:stack=Ingestion"),
                policy);
        assertTrue(policy.contains("Action=dms:DescribeReplicationTasks, Effect=Allow, Resource=*}"), policy);
        template("prod").hasResourceProperties("AWS::DMS::ReplicationTask", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "udong:environment", "Value", "prod"), Map.of("Key", "udong:stack", "Value", "Ingestion")))));
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

    // ---- helpers ----

    private static String cap(String env) {
        return Character.toUpperCase(env.charAt(0)) + env.substring(1);
    }

    private static Map<String, DmsSourceDatabase> databasesOf(PlatformConfig config) {
        Map<String, DmsSourceDatabase> databases = new LinkedHashMap<>();
        config.sources().forEach(s -> DmsSourceDatabase.importedPrimaryOf(s).ifPresent(d -> databases.put(s.name(), d)));
        return databases;
    }

    /** An Ingestion stack of {@code config} with the given seams filled, beside its own Network, Lake and Monitoring. */
    private static IngestionStack buildIngestion(PlatformConfig config, Map<String, String> createdPrimaryIds,
                                                 Map<String, DmsSourceDatabase> databases) {
        App app = new App();
        FeatureFlags.apply(app);
        MonitoringStack monitoring = new MonitoringStack(app, config.environment());
        NetworkStack network = new NetworkStack(app, config.environment());
        LakeStack lake = new LakeStack(app, config.environment(), config.sources(), config.teams());
        return new IngestionStack(app, config.environment(), config.sources(), new IngestionStackProps(
                network.vpc(), lake.key(), lake.bucket(LakeZone.EXPORTS), lake.bucket(LakeZone.RAW), monitoring.alarmTopic(),
                LambdaArtifacts.fromWorkingDirectory(), createdPrimaryIds, databases, lake.bucket(LakeZone.CURATED),
                lake.bucket(LakeZone.QUARANTINE), lake.hashingKey(), Map.of()));
    }
}
