package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.core.naming.Names;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Each source's primary, read replicas and secrets, in its own stack. */
class SourceReplicasTest {

    /** DB instances that replicate from a source (read replicas) over every source stack, by stack and logical id. */
    private static Map<String, Map<String, Object>> readReplicas(String env) {
        return TestApps.sourceResources(env, "AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("SourceDBInstanceIdentifier", Match.anyValue())));
    }

    private static Map<String, Map<String, Object>> readReplicas(Template t) {
        return t.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("SourceDBInstanceIdentifier", Match.anyValue())));
    }

    @Test
    void replicaCount_andClass_followConfigPerEnvironment() {
        // prod overrides orders to two db.r6g.large; flight-meta keeps one default-class replica
        Map<String, Map<String, Object>> prod = readReplicas("prod");
        assertEquals(3, prod.size());
        assertEquals(2, prod.values().stream().filter(r -> r.toString().contains("db.r6g.large")).count());
        assertEquals(1, prod.values().stream().filter(r -> r.toString().contains("db.t4g.medium")).count());
        assertEquals(2, readReplicas("staging").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void replicas_inheritTheirEncryption_andAreMonitored_withKmsPerformanceInsights_andPrivate(String env) {
        readReplicas(env).values().forEach(r -> {
            Map<?, ?> p = (Map<?, ?>) r.get("Properties");
            // A same-region replica inherits its source's encryption; CloudFormation ignores the property (F3020).
            assertFalse(p.containsKey("StorageEncrypted"), r.toString());
            assertFalse(p.containsKey("KmsKeyId"), r.toString());
            // RDS offers no Performance Insights on micro and small classes (dev's replicas); elsewhere it is on, with our key.
            String instanceClass = p.get("DBInstanceClass").toString();
            boolean small = instanceClass.endsWith(".micro") || instanceClass.endsWith(".small");
            assertEquals(!small, p.get("EnablePerformanceInsights"), r.toString());
            if (!small) {
                assertTrue(p.get("PerformanceInsightsKMSKeyId").toString().contains("Key"), r.toString());
            } else {
                assertFalse(p.containsKey("PerformanceInsightsKMSKeyId"), r.toString());
            }
            assertEquals(60, p.get("MonitoringInterval"), r.toString());
            assertEquals(false, p.get("PubliclyAccessible"), r.toString());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyReplica_alarmsWhenItFallsFiveMinutesBehind(String env) {
        for (Template t : TestApps.sourceTemplates(env)) {
        for (String replica : readReplicas(t).keySet()) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/RDS", "MetricName", "ReplicaLag", "Statistic", "Maximum",
                    "Dimensions", List.of(Map.of("Name", "DBInstanceIdentifier", "Value", Map.of("Ref", replica))),
                    "Threshold", 300, "EvaluationPeriods", 3,
                    "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*-Monitoring:.*Alarms.*")))));
        }
        }
    }

    @Test
    void replicas_liveInTheIsolatedSubnets() {
        Map<String, Map<String, Object>> groups = TestApps.sourceResources("prod", "AWS::RDS::DBSubnetGroup", null);
        assertEquals(3, groups.size(), "one per replica");
        groups.values().forEach(g -> {
            String subnets = ((Map<?, ?>) g.get("Properties")).get("SubnetIds").toString();
            assertTrue(subnets.contains("IsolatedSubnet1") && subnets.contains("IsolatedSubnet3"), subnets);
            assertFalse(subnets.contains("PrivateSubnet") || subnets.contains("PublicSubnet"), subnets);
        });
    }

    @Test
    void prodReplicas_haveDeletionProtection_andAreRetained() {
        readReplicas("prod").values().forEach(r -> {
            assertEquals(true, ((Map<?, ?>) r.get("Properties")).get("DeletionProtection"), r.toString());
            assertEquals("Retain", r.get("DeletionPolicy"));
        });
    }

    @Test
    void devReplicas_mayBeDeleted() {
        readReplicas("dev").values().forEach(r -> {
            assertEquals(false, ((Map<?, ?>) r.get("Properties")).get("DeletionProtection"), r.toString());
            assertEquals("Delete", r.get("DeletionPolicy"));
        });
    }

    @Test
    void stagingReplicas_replicateTheImportedPrimary() {
        Template t = TestApps.source("staging", "orders");
        t.hasResourceProperties("AWS::RDS::DBInstance", Map.of("SourceDBInstanceIdentifier",
                Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        ":rds:ap-northeast-2:222222222222:db:orders-staging")))))));
        assertTrue(t.findResources("AWS::RDS::DBInstance", Map.of("Properties", Map.of("Engine", Match.anyValue()))).isEmpty(),
                "staging creates no primary");
    }

    @Test
    void devCreatesSmallPrimaries_withAutomatedBackups_andGeneratedEncryptedSecrets() {
        Map<String, Map<String, Object>> primaries = TestApps.sourceResources("dev", "AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("Engine", "mysql", "DBInstanceClass", "db.t4g.micro", "StorageEncrypted", true,
                        "BackupRetentionPeriod", 1, "PubliclyAccessible", false)));
        assertEquals(2, primaries.size());
        TestApps.source("dev", "orders").hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", Names.createdPrimarySecretName("dev", "orders"),
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "password"))));
    }

    @Test
    void replicaSecurityGroups_admitOnlyTheirConsumersGroup_andTheBiTool_onTheDatabasePort() {
        // prod runs the BI tool: its group (Network stack) is admitted besides each source's consumers
        Map<String, Map<String, Object>> ingress = TestApps.sourceResources("prod", "AWS::EC2::SecurityGroupIngress", Map.of(
                "Properties", Map.of("GroupId", Match.objectLike(Map.of("Fn::GetAtt",
                        Match.arrayWith(List.of(Match.stringLikeRegexp("ReplicasReplicaSecurityGroup.*"))))))));
        assertEquals(4, ingress.size(), "per source: its consumers and the BI tool, nothing else");
        ingress.values().forEach(i -> {
            Map<?, ?> p = (Map<?, ?>) i.get("Properties");
            assertEquals(3306, p.get("FromPort"));
            assertEquals(3306, p.get("ToPort"));
            String from = p.get("SourceSecurityGroupId").toString();
            assertTrue(from.contains("ConsumersSecurityGroup") || from.contains("Udong-Prod-Network:") && from.contains("BiClients"),
                    p.toString());
            assertTrue(p.get("GroupId").toString().contains("ReplicaSecurityGroup"), p.toString());
        });
        TestApps.sourceResources("prod", "AWS::EC2::SecurityGroup", null).values().stream()
                .filter(g -> g.toString().contains("replicas") || g.toString().contains("Members reach")).forEach(g -> {
            Map<?, ?> p = (Map<?, ?>) g.get("Properties");
            assertFalse(p.containsKey("SecurityGroupIngress"), "no inline (CIDR) ingress: " + p);
            assertFalse(p.toString().contains("0.0.0.0/0"), "no open egress: " + p);
        });
    }

    @Test
    void consumersAndBiGroups_reachTheReplicasOnly() {
        Map<String, Map<String, Object>> egress = TestApps.sourceResources("prod", "AWS::EC2::SecurityGroupEgress", Map.of(
                "Properties", Map.of("DestinationSecurityGroupId", Match.objectLike(Map.of("Fn::GetAtt",
                        Match.arrayWith(List.of(Match.stringLikeRegexp("ReplicasReplicaSecurityGroup.*"))))))));
        assertEquals(4, egress.size(), "per source: consumers and BI to its replicas");
        egress.values().forEach(e -> {
            String group = ((Map<?, ?>) e.get("Properties")).get("GroupId").toString();
            assertTrue(group.contains("ConsumersSecurityGroup") || group.contains("BiClients"), group);
        });
    }

    @Test
    void readOnlySecret_perSource_isGenerated_kmsEncrypted_andNamesTheReplica() {
        for (String source : List.of("orders", "flight-meta")) {
            TestApps.source("prod", source).hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                    "Name", Names.readOnlySecretName("prod", source),
                    "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                    "GenerateSecretString", Match.objectLike(Map.of(
                            "GenerateStringKey", "password",
                            "ExcludePunctuation", true,
                            "SecretStringTemplate", Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                    Match.stringLikeRegexp(".*\"username\":\"udong_readonly\".*"))))))))));
        }
    }
}
