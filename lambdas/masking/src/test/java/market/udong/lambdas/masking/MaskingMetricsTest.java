package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.lambdas.logging.StructuredLog;
import org.junit.jupiter.api.Test;

class MaskingMetricsTest {

    @Test
    void emit_writesOneEmfLine_withTheEnvironmentSeriesAlarmsWatch_andThePerTableSeries() throws Exception {
        // GIVEN an emitter for environment prod
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);
        MaskingMetrics metrics = new MaskingMetrics(new StructuredLog(MaskingMetrics.SERVICE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), clock), "prod");
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(MaskingMetricNames.FILES_QUARANTINED, 1L);
        counts.put(MaskingMetricNames.UNKNOWN_COLUMNS_DROPPED, 2L);

        // WHEN one file's counts are emitted
        metrics.emit("quarantined", "orders/orders/members", counts, Map.of("reason", "corrupt footer"));

        // THEN the line is a log line of the masking service and EMF: namespace, both dimension sets, each metric a count, the values beside them
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        JsonNode line = new ObjectMapper().readTree(out);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals(clock.millis(), line.at("/_aws/Timestamp").asLong());
        assertEquals(MaskingMetricNames.NAMESPACE, directive.get("Namespace").asText());
        assertEquals("[[\"Environment\"],[\"Environment\",\"Table\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"FilesQuarantined\",\"Unit\":\"Count\"},{\"Name\":\"UnknownColumnsDropped\",\"Unit\":\"Count\"}]",
                directive.get("Metrics").toString());
        assertEquals("prod", line.get(MaskingMetricNames.ENVIRONMENT_DIMENSION).asText());
        assertEquals("orders/orders/members", line.get(MaskingMetricNames.TABLE_DIMENSION).asText());
        assertEquals(1, line.get("FilesQuarantined").asLong());
        assertEquals(2, line.get("UnknownColumnsDropped").asLong());
        assertEquals("corrupt footer", line.get("reason").asText());
        assertEquals("quarantined", line.get("message").asText());
        assertEquals("udong-masking", line.get("service").asText());
        assertEquals("INFO", line.get("level").asText());
    }
}
