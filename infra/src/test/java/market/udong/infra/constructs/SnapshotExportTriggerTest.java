package market.udong.infra.constructs;

import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTrigger;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTriggerProps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.core.config.Engine;
import market.udong.core.export.ExportSource;
import market.udong.core.export.ExportSources;
import market.udong.infra.FeatureFlags;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;

/** The trigger for an Aurora source, which the project's own config does not have. */
class SnapshotExportTriggerTest {

    private static Template auroraTrigger() {
        App app = new App();
        FeatureFlags.apply(app);
        Stack stack = new Stack(app, "Test", StackProps.builder()
                .env(Environment.builder().account("333333333333").region("ap-northeast-2").build()).build());
        Key key = new Key(stack, "Key");
        new SnapshotExportTrigger(stack, "SnapshotExport", new SnapshotExportTriggerProps(
                "prod",
                new ExportSources(Map.of("flights", new ExportSource(Engine.AURORA_MYSQL, null, "flights-prod",
                        List.of("flights.legs")))),
                LambdaArtifacts.fromWorkingDirectory().lambda(LambdaPackage.EXPORT_TRIGGER),
                new Vpc(stack, "Vpc"), key, new Bucket(stack, "Exports"), key, new Topic(stack, "Alarms"),
                null, 30, RemovalPolicy.DESTROY));
        return Template.fromStack(stack);
    }

    @Test
    void auroraSource_isExportedOnAutomatedClusterSnapshots_andHasNoInstanceRule() {
        Template t = auroraTrigger();

        t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("aws.rds"),
                "detail-type", List.of("RDS DB Cluster Snapshot Event"),
                "detail", Map.of("EventID", List.of("RDS-EVENT-0169"),
                        "SourceIdentifier", List.of(Map.of("prefix", "rds:flights-prod-"))))));
        assertTrue(t.findResources("AWS::Events::Rule", Map.of("Properties", Map.of("EventPattern", Match.objectLike(Map.of(
                "detail-type", List.of("RDS DB Snapshot Event")))))).isEmpty());
        String policies = t.findResources("AWS::IAM::Policy").toString();
        assertTrue(policies.contains("rds:DescribeDBClusterSnapshots") && policies.contains(":cluster:flights-prod"), policies);
        assertTrue(!policies.contains("rds:DescribeDBSnapshots"), "no instance permissions without an instance source");
    }
}
