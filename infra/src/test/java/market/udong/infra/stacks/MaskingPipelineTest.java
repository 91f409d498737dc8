package market.udong.infra.stacks;

import market.udong.infra.constructs.ingestion.masking.MaskingPipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void maskingFunction_hasSnapStartOnPublishedVersions_noExtraTmp_andTheQueueInvokesItsPublishedAlias() {
        Template t = template();
        // The masking function: SnapStart on published versions, no more than Lambda's default 512 MiB of /tmp
        // (Lambda refuses SnapStart above that; the function stages nothing on disk).
        Map<String, Map<String, Object>> functions = t.findResources("AWS::Lambda::Function", Map.of("Properties",
                Match.objectLike(Map.of("Handler", "market.udong.lambdas.masking.MaskingHandler::handleRequest"))));
        assertEquals(1, functions.size());
        String function = functions.keySet().iterator().next();
        Map<?, ?> properties = (Map<?, ?>) functions.get(function).get("Properties");
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties.get("SnapStart"));
        Map<?, ?> tmp = (Map<?, ?>) properties.get("EphemeralStorage");
        assertTrue(tmp == null || ((Number) tmp.get("Size")).intValue() <= 512, "EphemeralStorage " + tmp);
        // A published version of it, alias live on that version, and the SQS event source mapping on the alias
        // (SnapStart only applies when a version is invoked, never $LATEST).
        Map<String, Map<String, Object>> versions = t.findResources("AWS::Lambda::Version", Map.of("Properties",
                Match.objectLike(Map.of("FunctionName", Map.of("Ref", function)))));
        assertEquals(1, versions.size());
        String version = versions.keySet().iterator().next();
        Map<String, Map<String, Object>> aliases = t.findResources("AWS::Lambda::Alias", Map.of("Properties",
                Match.objectLike(Map.of("Name", "live", "FunctionName", Map.of("Ref", function),
                        "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))))));
        assertEquals(1, aliases.size());
        String alias = aliases.keySet().iterator().next();
        Map<String, Map<String, Object>> mappings = t.findResources("AWS::Lambda::EventSourceMapping");
        assertEquals(1, mappings.size(), mappings.keySet().toString());
        // FunctionName "<function>:live": the function name taken from the alias ARN, qualified by the alias.
        assertEquals(Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":", Map.of("Ref", alias))))), ":live"))),
                ((Map<?, ?>) mappings.values().iterator().next().get("Properties")).get("FunctionName"));
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
                "Handler", "market.udong.lambdas.fanout.ExportFanOutHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void maskingFunction_readsPoliciesFromTheConfigBucket_neverFromItsCodeOrEnvironment() {
        Template t = template();
        t.resourceCountIs("AWS::Lambda::LayerVersion", 0);
        Map<String, Map<String, Object>> functions = t.findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("Handler", MaskingPipeline.MASKING_HANDLER)));
        String masking = functions.values().iterator().next().toString();
        assertTrue(masking.contains(market.udong.core.naming.LambdaEnv.CONFIG_BUCKET) && masking.contains("ConfigBucket"), masking);
        assertFalse(masking.contains("email") || masking.contains("mask_phone"), "no policy in the function: " + masking);
        String policies = t.findResources("AWS::IAM::Policy").toString();
        assertTrue(policies.contains("ConfigBucket") && policies.contains("/sources/*"), policies);
    }
}
