package market.udong.lambdas.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line on standard output, which CloudWatch Logs keeps as one event and Logs
 * Insights queries by field. Keys follow Powertools for AWS Lambda's logging ({@code timestamp},
 * {@code level}, {@code service}, {@code message}, {@code function_request_id},
 * {@code cold_start}) so queries written for it work here.
 *
 * <p>A line may also carry CloudWatch metrics in embedded metric format: CloudWatch extracts
 * them from the log line, so a function publishes metrics with no SDK call and no extra
 * permission. Every function logs and publishes metrics through this one class.
 *
 * <p>Not thread-safe across invocations: Lambda runs one invocation at a time per instance.
 */
public final class StructuredLog {

    /** Severity of a line. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    /**
     * Metrics to publish with a line, in embedded metric format.
     *
     * @param namespace     CloudWatch namespace
     * @param dimensionSets the dimension sets each metric is published under (e.g. {@code [[Environment],
     *                      [Environment, Table]]})
     * @param dimensions    every dimension's value
     * @param counts        metric names and their values, in unit Count
     */
    public record Metrics(String namespace, List<List<String>> dimensionSets, Map<String, String> dimensions,
                          Map<String, Long> counts) {
        public Metrics {
            dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
            dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /** A count of one under a single dimension. */
        public static Metrics count(String namespace, String name, String dimensionName, String dimensionValue) {
            return new Metrics(namespace, List.of(List.of(dimensionName)), Map.of(dimensionName, dimensionValue),
                    Map.of(name, 1L));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private String requestId;
    private boolean coldStart = true;
    private boolean invoked;

    /**
     * @param service name written in every line's {@code service} field
     * @param out     where lines go; the runtime passes {@code System.out}
     * @param clock   source of timestamps
     */
    public StructuredLog(String service, PrintStream out, Clock clock) {
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /** Marks the start of an invocation; lines after it carry its request id. */
    public void startInvocation(String awsRequestId) {
        coldStart = !invoked;
        invoked = true;
        requestId = awsRequestId;
    }

    public void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields, null);
    }

    public void error(String message, Map<String, ?> fields) {
        write(Level.ERROR, message, fields, null);
    }

    /**
     * Writes one line. Null field values are left out.
     *
     * @param metrics metrics to publish with the line; null for none
     */
    public void write(Level level, String message, Map<String, ?> fields, Metrics metrics) {
        long now = clock.millis();
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", java.time.Instant.ofEpochMilli(now).toString());
        line.put("level", level.name());
        line.put("service", service);
        line.put("message", message);
        if (requestId != null) {
            line.put("function_request_id", requestId);
        }
        line.put("cold_start", coldStart);
        fields.forEach((key, value) -> {
            if (value != null) {
                line.set(key, JSON.valueToTree(value));
            }
        });
        if (metrics != null) {
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", now);
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", metrics.namespace());
            ArrayNode sets = directive.putArray("Dimensions");
            for (List<String> set : metrics.dimensionSets()) {
                ArrayNode names = sets.addArray();
                set.forEach(names::add);
            }
            ArrayNode declared = directive.putArray("Metrics");
            metrics.counts().forEach((name, value) -> {
                declared.addObject().put("Name", name).put("Unit", "Count");
                line.put(name, value);
            });
            metrics.dimensions().forEach(line::put);
        }
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"message\":\"unloggable line\"}");
        }
    }
}
