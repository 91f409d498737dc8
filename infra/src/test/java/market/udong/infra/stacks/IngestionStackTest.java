package market.udong.infra.stacks;

import market.udong.infra.constructs.ingestion.dms.DmsAccountRoles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.export.ExportMetrics;
import market.udong.core.naming.LambdaEnv;
import market.udong.infra.TestApps;
import market.udong.infra.constructs.common.LambdaRuntime;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The shared Ingestion stack: snapshot-export trigger, DMS task control and account roles, as synthesized from the fixture. */
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
    void exportFunction_runsThePlatformsJavaRuntime_withSettingsThatNeverGrowWithSources() {
        Map<String, Object> fn = props(resourceContaining(template("prod"), "AWS::Lambda::Function", "ExportTriggerHandler"));
        assertEquals(LambdaRuntime.JAVA.getName(), fn.get("Runtime"));
        assertEquals("market.udong.lambdas.export.ExportTriggerHandler::handleRequest", fn.get("Handler"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) fn.get("Environment")).get("Variables");
        assertEquals(Set.of(LambdaEnv.ENVIRONMENT, LambdaEnv.EXPORTS_BUCKET, LambdaEnv.KMS_KEY_ARN,
                LambdaEnv.EXPORT_ROLE_ARN, LambdaEnv.CONFIG_BUCKET), vars.keySet());
        assertEquals("prod", vars.get(LambdaEnv.ENVIRONMENT));
        assertTrue(vars.get(LambdaEnv.EXPORTS_BUCKET).toString().contains("ExportsZone"), vars.toString());
        assertTrue(vars.get(LambdaEnv.EXPORT_ROLE_ARN).toString().contains("SnapshotExportExportRole"), vars.toString());
        assertTrue(vars.get(LambdaEnv.CONFIG_BUCKET).toString().contains("ConfigBucket"), vars.toString());
    }

    @Test
    void exportFunction_retriesTwice_thenDeadLettersToAKmsEncryptedQueue() {
        Template t = template("prod");
        String fn = logicalIdOf(t, "AWS::Lambda::Function", "ExportTriggerHandler");
        t.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", fn), "MaximumRetryAttempts", 2));
        Map<String, Object> function = props(t.findResources("AWS::Lambda::Function").get(fn));
        String queue = ((Map<?, ?>) ((Map<?, ?>) function.get("DeadLetterConfig")).get("TargetArn")).toString();
        assertTrue(queue.contains("SnapshotExportDeadLetters"), queue);
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
        assertTrue(text.contains("kms:CreateGrant") && text.contains("kms:DescribeKey"), text);
        // Which databases are exported is the deployed configs' to say: describe on every database, nothing more.
        assertTrue(text.contains("Action=[rds:DescribeDBClusterSnapshots, rds:DescribeDBSnapshots]"), text);
        assertTrue(text.contains(":db:*") && text.contains(":cluster-snapshot:*"), text);
    }

    @Test
    void snapshotRules_matchEveryAutomatedSnapshot_whateverTheNumberOfSources() {
        // The function reads which databases are sources from the deployed configs, so the rules never list them.
        Template t = template("prod");
        for (Map.Entry<String, String> kind : Map.of("RDS DB Snapshot Event", "RDS-EVENT-0091",
                "RDS DB Cluster Snapshot Event", "RDS-EVENT-0169").entrySet()) {
            t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                    "source", List.of("aws.rds"),
                    "detail-type", List.of(kind.getKey()),
                    "detail", Map.of("EventID", List.of(kind.getValue()), "SourceIdentifier", List.of(Map.of("prefix", "rds:"))))));
        }
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

    // ---- DMS (shared) ----

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
    void sourceStacksWithDms_deployAfterTheAccountRoles() {
        // The subnet group and instance wait for the roles: across stacks, by the source stack's dependency.
        assertTrue(TestApps.stacks("prod").source("orders").orElseThrow().getDependencies()
                .contains(TestApps.stacks("prod").ingestion()), "Source-orders deploys after Ingestion");
        Template t = TestApps.source("prod", "orders");
        t.resourceCountIs("AWS::DMS::ReplicationInstance", 1);
    }

    @Test
    void accountWithItsOwnDmsRoles_getsNone_andNoDependency() {
        PlatformConfig staging = TestApps.config("staging");
        EnvironmentConfig e = staging.environment();
        EnvironmentConfig withoutRoles = new EnvironmentConfig(e.name(), e.account(), e.region(), e.network(),
                e.removalPolicy(), e.lake(), e.alarmEmail(), e.tags(), e.deploy(),
                new EnvironmentConfig.Features(false, true, false), e.streaming(), e.bi(), e.quotas());
        PlatformConfig config = new PlatformConfig(staging.configDir(), withoutRoles, staging.sources(), staging.streams(),
                staging.teams(), staging.lakeTables());
        var stacks = TestApps.build(config);
        Template t = Template.fromStack(stacks.ingestion());

        assertTrue(t.findResources("AWS::IAM::Role", Map.of("Properties", Map.of("RoleName", DmsAccountRoles.VPC_ROLE))).isEmpty());
        Template orders = Template.fromStack(stacks.source("orders").orElseThrow());
        orders.resourceCountIs("AWS::DMS::ReplicationInstance", 1);
        Object dependsOn = orders.findResources("AWS::DMS::ReplicationInstance").values().iterator().next().get("DependsOn");
        assertFalse(String.valueOf(dependsOn).contains("Role"), String.valueOf(dependsOn));
    }

    @Test
    void taskControl_mayStartAndStopOnlyTheTasksOfThisEnvironmentsSourceStacks() {
        String policy = resourceContaining(template("prod"), "AWS::IAM::Policy", "dms:StartReplicationTask").toString();
        assertTrue(policy.contains("aws:ResourceTag/udong:environment=prod") && policy.contains("aws:ResourceTag/udong:stack=Source-*"),
                policy);
        assertTrue(policy.contains("Action=dms:DescribeReplicationTasks, Effect=Allow, Resource=*}"), policy);
        TestApps.source("prod", "orders").hasResourceProperties("AWS::DMS::ReplicationTask", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "udong:environment", "Value", "prod"), Map.of("Key", "udong:stack", "Value", "Source-orders")))));
    }

    // ---- helpers ----

    private static String cap(String env) {
        return Character.toUpperCase(env.charAt(0)) + env.substring(1);
    }
}
