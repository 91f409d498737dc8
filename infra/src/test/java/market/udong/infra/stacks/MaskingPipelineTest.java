package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The masking pipeline of the Ingestion stack: fan-out, queue, function, DMS events and alarms. */
class MaskingPipelineTest {

    private static Template template() {
        return Template.fromStack(TestApps.stacks("dev").ingestion());
    }

    @Test
    void maskingFunction_readsFromTheQueue_withPerItemFailures_onItsPublishedVersion() {
        Template t = template();
        t.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "market.udong.lambdas.masking.MaskingHandler::handleRequest",
                "MemorySize", 1769,
                "EphemeralStorage", Map.of("Size", 6144),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "UDONG_HMAC_SECRET_ARN", Match.anyValue(),
                        "UDONG_CURATED_BUCKET", Match.anyValue(),
                        "UDONG_QUARANTINE_BUCKET", Match.anyValue())))));
        t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", 5,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        t.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live", "FunctionVersion", Match.anyValue()));
    }

    @Test
    void queue_sendsRepeatedFailuresToAnAlarmedDeadLetterQueue() {
        Template t = template();
        t.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "VisibilityTimeout", 3600,
                "RedrivePolicy", Map.of("maxReceiveCount", 3, "deadLetterTargetArn", Match.anyValue()),
                "KmsMasterKeyId", Match.anyValue()));
        // The series the masking function publishes per environment (MaskingMetricsTest checks the emitting side).
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "FilesQuarantined", "Namespace", "Udong/Masking", "Threshold", 1,
                "Dimensions", List.of(Map.of("Name", "Environment", "Value", "dev"))));
    }

    @Test
    void exportCompletion_andDmsObjects_feedTheMaskingPath() {
        Template t = template();
        t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "source", List.of("aws.rds"),
                "detail", Map.of("EventID", List.of("RDS-EVENT-0161", "RDS-EVENT-0164"))))));
        t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "source", List.of("aws.s3"), "detail-type", List.of("Object Created")))));
        t.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "market.udong.lambdas.masking.ExportFanOutHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void policiesLayer_shipsEveryTablesColumnPolicies() {
        Map<String, Map<String, Object>> layers = template().findResources("AWS::Lambda::LayerVersion");
        assertEquals(1, layers.size());
        assertTrue(layers.toString().contains("Column policies of every source"), layers.toString());
    }
}
