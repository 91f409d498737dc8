package market.udong.infra.constructs;

import market.udong.infra.constructs.replicas.SourceReplicasProps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import market.udong.core.config.Engine;
import market.udong.core.config.InstanceClasses;
import market.udong.core.config.SourceConfig;
import market.udong.infra.EnvironmentStacks;
import market.udong.infra.TestApps;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The orders source moved to Aurora MySQL: staging adds readers to the service's existing cluster,
 * dev creates a small cluster of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuroraReplicasTest {

    private Template staging;
    private Template dev;
    private List<EnvironmentStacks> stacks;

    @BeforeAll
    void synthesizeAuroraVariant(@TempDir Path dir) throws IOException {
        copy(TestApps.CONFIG, dir);
        Path orders = dir.resolve("sources/orders.yaml");
        String text = Files.readString(orders)
                .replace("engine: mysql", "engine: aurora-mysql")
                .replace("    instanceIdentifier: orders-staging\n    endpoint: orders-staging.cabcdefghijk",
                        "    clusterIdentifier: orders-staging\n    endpoint: orders-staging.cluster-cabcdefghijk")
                .replace("  count: 1\n  instanceClass: db.t4g.medium", "  count: 2\n  instanceClass: db.r6g.large")
                // DMS reads an Aurora source's writer, which a created (dev) cluster does not offer: snapshot instead.
                .replace("    ingestion: dms\n    partitionColumn: ordered_at\n    rowFilter: { column: status, operator: notnull }\n",
                        "    ingestion: snapshot\n    partitionColumn: ordered_at\n");
        // The readers live in the service's VPC, which staging reaches over a peering connection.
        text = text.replace("    secretArn: arn:aws:secretsmanager:ap-northeast-2:222222222222:secret:orders/admin-AbCdEf\n",
                "    secretArn: arn:aws:secretsmanager:ap-northeast-2:222222222222:secret:orders/admin-AbCdEf\n    network: orders-vpc\n");
        Files.writeString(orders, text);
        ServiceNetworkTest.addConnection(dir.resolve("environments/staging.yaml"),
                "    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16, peerRouteTableIds: [rtb-0a1b2c3d4e5f60001] }\n");
        stacks = UdongApp.build(new software.amazon.awscdk.App(), dir, List.of("dev", "staging"));
        dev = Template.fromStack(stacks.get(0).source("orders").orElseThrow());
        staging = Template.fromStack(stacks.get(1).source("orders").orElseThrow());
    }

    @Test
    void importedCluster_getsReadersByClusterIdentifier_lastInFailoverOrder() {
        Map<String, Map<String, Object>> readers = staging.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("DBClusterIdentifier", "orders-staging")));
        assertEquals(2, readers.size());
        readers.values().forEach(r -> {
            Map<?, ?> p = (Map<?, ?>) r.get("Properties");
            assertEquals("aurora-mysql", p.get("Engine"));
            assertEquals("db.r6g.large", p.get("DBInstanceClass"));
            assertEquals(15, p.get("PromotionTier"));
            assertEquals(true, p.get("EnablePerformanceInsights"));
            assertEquals(60, p.get("MonitoringInterval"));
        });
    }

    @Test
    void auroraReaders_alarmOnTheClusterWideLag_createdAndImportedAlike() {
        for (var c : List.of(Map.entry(dev, "udong-dev-orders"), Map.entry(staging, "orders-staging"))) {
            c.getKey().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/RDS", "MetricName", "AuroraReplicaLagMaximum",
                    "Dimensions", List.of(Map.of("Name", "DBClusterIdentifier", "Value", c.getValue())),
                    "Threshold", 5 * 60 * 1000, "AlarmActions", Match.anyValue()));
        }
    }

    @Test
    void importedCluster_admitsTheConsumersGroup_onItsOwnSecurityGroup_acrossThePeering() {
        staging.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", "sg-0a1b2c3d4e5f60001",
                "FromPort", 3306,
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReplicasConsumersSecurityGroup.*"), "GroupId"))));
    }

    @Test
    void importedCluster_readOnlySecret_namesTheReaderEndpoint() {
        staging.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "udong/staging/replicas/orders/readonly",
                "GenerateSecretString", Match.objectLike(Map.of("SecretStringTemplate",
                        Match.stringLikeRegexp(".*orders-staging\\.cluster-ro-cabcdefghijk.*")))));
    }

    @Test
    void devCreatesAnEncryptedCluster_withBackups_andTheConfiguredReaders() {
        dev.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "Engine", "aurora-mysql", "StorageEncrypted", true, "BackupRetentionPeriod", 1,
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue()))));
        Map<String, Map<String, Object>> instances = dev.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("DBClusterIdentifier", Match.anyValue(), "PromotionTier", 15)));
        assertEquals(2, instances.size(), "two readers besides the writer");
        // readers of a created cluster are the created writer's size, not the class sized for the real cluster
        instances.values().forEach(r -> assertEquals(InstanceClasses.smallPrimaryClass(Engine.AURORA_MYSQL),
                ((Map<?, ?>) r.get("Properties")).get("DBInstanceClass")));
        assertEquals(0, dev.findResources("AWS::RDS::DBInstance", Map.of("Properties",
                Map.of("DBInstanceClass", "db.r6g.large"))).size());
        instances.values().forEach(r -> assertEquals(15, ((Map<?, ?>) r.get("Properties")).get("PromotionTier")));
    }

    @Test
    void auroraReplicas_haveNoUnacknowledgedComplianceFindings() {
        // hasNoError fails listing every error annotation (cdk-nag findings are errors) of the stack.
        for (EnvironmentStacks env : stacks) {
            software.amazon.awscdk.assertions.Annotations.fromStack(env.source("orders").orElseThrow())
                    .hasNoError("*", Match.anyValue());
        }
    }

    @Test
    void auroraPrimary_mustBeGivenByItsClusterEndpoint() {
        SourceConfig source = new SourceConfig("ledger", Engine.AURORA_POSTGRES,
                new SourceConfig.Primary(null, "ledger", "ledger.abc.ap-northeast-2.rds.amazonaws.com", 5432,
                        "sg-0123456789abcdef0", "arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:x"),
                new SourceConfig.Replicas(1, "db.r6g.large"), null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SourceReplicasProps(
                source, null, null, null, null, java.util.Optional.empty(), java.util.Optional.empty()));
        assertTrue(e.getMessage().contains("must be the cluster endpoint"), e.getMessage());
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.sorted(Comparator.naturalOrder()).forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
