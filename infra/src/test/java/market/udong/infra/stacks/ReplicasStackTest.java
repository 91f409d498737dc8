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

class ReplicasStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).replicas());
    }

    /** DB instances that replicate from a source (read replicas), by logical id. */
    private static Map<String, Map<String, Object>> readReplicas(Template t) {
        return t.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("SourceDBInstanceIdentifier", Match.anyValue())));
    }

    @Test
    void replicaCount_andClass_followConfigPerEnvironment() {
        // prod overrides orders to two db.r6g.large; flight-meta keeps one default-class replica
        Map<String, Map<String, Object>> prod = readReplicas(template("prod"));
        assertEquals(3, prod.size());
        assertEquals(2, prod.values().stream().filter(r -> r.toString().contains("db.r6g.large")).count());
        assertEquals(1, prod.values().stream().filter(r -> r.toString().contains("db.t4g.medium")).count());
        assertEquals(2, readReplicas(template("staging")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void replicas_areEncrypted_monitored_withKmsPerformanceInsights_andPrivate(String env) {
        readReplicas(template(env)).values().forEach(r -> {
            Map<?, ?> p = (Map<?, ?>) r.get("Properties");
            assertEquals(true, p.get("StorageEncrypted"), r.toString());
            assertEquals(true, p.get("EnablePerformanceInsights"), r.toString());
            assertTrue(p.get("PerformanceInsightsKMSKeyId").toString().contains("Key"), r.toString());
            assertEquals(60, p.get("MonitoringInterval"), r.toString());
            assertEquals(false, p.get("PubliclyAccessible"), r.toString());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyReplica_alarmsWhenItFallsFiveMinutesBehind(String env) {
        Template t = template(env);
        Map<String, Map<String, Object>> replicas = readReplicas(t);
        for (String replica : replicas.keySet()) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/RDS", "MetricName", "ReplicaLag", "Statistic", "Maximum",
                    "Dimensions", List.of(Map.of("Name", "DBInstanceIdentifier", "Value", Map.of("Ref", replica))),
                    "Threshold", 300, "EvaluationPeriods", 3,
                    "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*-Monitoring:.*Alarms.*")))));
        }
    }

    @Test
    void replicas_liveInTheIsolatedSubnets() {
        Map<String, Map<String, Object>> groups = template("prod").findResources("AWS::RDS::DBSubnetGroup");
        assertEquals(3, groups.size(), "one per replica");
        groups.values().forEach(g -> {
            String subnets = ((Map<?, ?>) g.get("Properties")).get("SubnetIds").toString();
            assertTrue(subnets.contains("IsolatedSubnet1") && subnets.contains("IsolatedSubnet3"), subnets);
            assertFalse(subnets.contains("PrivateSubnet") || subnets.contains("PublicSubnet"), subnets);
        });
    }

    @Test
    void prodReplicas_haveDeletionProtection_andAreRetained() {
        readReplicas(template("prod")).values().forEach(r -> {
            assertEquals(true, ((Map<?, ?>) r.get("Properties")).get("DeletionProtection"), r.toString());
            assertEquals("Retain", r.get("DeletionPolicy"));
        });
    }

    @Test
    void devReplicas_mayBeDeleted() {
        readReplicas(template("dev")).values().forEach(r -> {
            assertEquals(false, ((Map<?, ?>) r.get("Properties")).get("DeletionProtection"), r.toString());
            assertEquals("Delete", r.get("DeletionPolicy"));
        });
    }

    @Test
    void stagingReplicas_replicateTheImportedPrimary() {
        Template t = template("staging");
        t.hasResourceProperties("AWS::RDS::DBInstance", Map.of("SourceDBInstanceIdentifier",
                Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        ":rds:ap-northeast-2:222222222222:db:orders-staging")))))));
        assertTrue(t.findResources("AWS::RDS::DBInstance", Map.of("Properties", Map.of("Engine", Match.anyValue()))).isEmpty(),
                "staging creates no primary");
    }

    @Test
    void devCreatesSmallPrimaries_withAutomatedBackups_andGeneratedEncryptedSecrets() {
        Template t = template("dev");
        Map<String, Map<String, Object>> primaries = t.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("Engine", "mysql", "DBInstanceClass", "db.t4g.micro", "StorageEncrypted", true,
                        "BackupRetentionPeriod", 1, "PubliclyAccessible", false)));
        assertEquals(2, primaries.size());
        t.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", Names.createdPrimarySecretName("dev", "orders"),
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "password"))));
    }

    @Test
    void replicaSecurityGroups_admitOnlyTheirConsumersGroup_onTheDatabasePort() {
        Template t = template("prod");
        Map<String, Map<String, Object>> ingress = t.findResources("AWS::EC2::SecurityGroupIngress");
        assertEquals(2, ingress.size(), "one rule per source, nothing else");
        ingress.values().forEach(i -> {
            Map<?, ?> p = (Map<?, ?>) i.get("Properties");
            assertEquals(3306, p.get("FromPort"));
            assertEquals(3306, p.get("ToPort"));
            assertTrue(p.get("SourceSecurityGroupId").toString().contains("ConsumersSecurityGroup"), p.toString());
            assertTrue(p.get("GroupId").toString().contains("ReplicaSecurityGroup"), p.toString());
        });
        t.findResources("AWS::EC2::SecurityGroup").values().forEach(g -> {
            Map<?, ?> p = (Map<?, ?>) g.get("Properties");
            assertFalse(p.containsKey("SecurityGroupIngress"), "no inline (CIDR) ingress: " + p);
            assertFalse(p.toString().contains("0.0.0.0/0"), "no open egress: " + p);
        });
    }

    @Test
    void consumersGroup_reachesTheReplicasOnly() {
        Map<String, Map<String, Object>> egress = template("prod").findResources("AWS::EC2::SecurityGroupEgress");
        assertEquals(2, egress.size());
        egress.values().forEach(e -> {
            Map<?, ?> p = (Map<?, ?>) e.get("Properties");
            assertTrue(p.get("GroupId").toString().contains("ConsumersSecurityGroup"), p.toString());
            assertTrue(p.get("DestinationSecurityGroupId").toString().contains("ReplicaSecurityGroup"), p.toString());
        });
    }

    @Test
    void readOnlySecret_perSource_isGenerated_kmsEncrypted_andNamesTheReplica() {
        Template t = template("prod");
        for (String source : List.of("orders", "flight-meta")) {
            t.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
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
