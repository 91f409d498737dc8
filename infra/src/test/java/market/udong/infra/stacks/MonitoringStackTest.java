package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class MonitoringStackTest {

    @Test
    void dashboard_showsEveryPath_byEnvironmentMetricsAndSearches_withoutReferencingOtherStacks() throws Exception {
        // GIVEN prod's Monitoring stack
        Template t = Template.fromStack(TestApps.stacks("prod").monitoring());
        Map<String, Map<String, Object>> dashboards = t.findResources("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        Map<?, ?> props = (Map<?, ?>) dashboards.values().iterator().next().get("Properties");
        assertEquals("udong-prod-platform", props.get("DashboardName"));

        // THEN the body refers to nothing but the stack's own region (no import from another stack) ...
        List<?> parts = (List<?>) ((List<?>) ((Map<?, ?>) props.get("DashboardBody")).get("Fn::Join")).get(1);
        StringBuilder body = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String text) {
                body.append(text);
            } else {
                assertEquals(Map.of("Ref", "AWS::Region"), part);
                body.append("ap-northeast-2");
            }
        }
        JsonNode widgets = new ObjectMapper().readTree(body.toString()).get("widgets");
        List<String> titles = new ArrayList<>();
        StringBuilder metrics = new StringBuilder();
        widgets.forEach(w -> {
            if (w.at("/properties/title").isTextual()) {
                titles.add(w.at("/properties/title").asText());
            }
            metrics.append(w.at("/properties/metrics"));
        });
        // ... with a graph per path, prod's own masking series, and searches scoped to prod's names
        assertTrue(titles.containsAll(List.of("Masking: files and rows", "Snapshot exports", "Lambda errors",
                "Relays: iterator age (ms)", "Read replicas: lag", "DMS: CDC latency (s)", "Glue jobs: failed tasks",
                "Kafka: data volume used (%)")), titles.toString());
        String m = metrics.toString();
        assertTrue(m.contains("[\"Udong/Masking\",\"FilesQuarantined\",\"Environment\",\"prod\"") , m);
        assertTrue(m.contains("SEARCH('{AWS/Lambda,FunctionName} MetricName=\\\"Errors\\\" Udong-Prod-', 'Sum', 300)"), m);
        assertTrue(m.contains("KafkaDataLogsDiskUsed\\\" udong-prod-events"), m);
    }
}
