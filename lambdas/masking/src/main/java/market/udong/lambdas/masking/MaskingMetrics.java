package market.udong.lambdas.masking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.naming.LambdaEnv;

/**
 * CloudWatch metrics as Embedded Metric Format log lines (what Powertools' metrics module
 * writes): one JSON object per file on stdout, which CloudWatch Logs turns into metrics of
 * namespace {@value MaskingMetricNames#NAMESPACE} under the dimension sets {@code [Environment]} and
 * {@code [Environment, Table]} ({@link MaskingMetricNames}). No API call, no extra dependency.
 */
public class MaskingMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final Clock clock;
    private final String environment;

    /** Runtime constructor: stdout, the system clock, the environment name from {@link LambdaEnv#ENVIRONMENT}. */
    public MaskingMetrics() {
        this(System.out, Clock.systemUTC());
    }

    /** Writes to {@code out}; the environment name comes from {@link LambdaEnv#ENVIRONMENT} ("local" without it). */
    public MaskingMetrics(PrintStream out, Clock clock) {
        this(out, clock, Objects.requireNonNullElse(System.getenv(LambdaEnv.ENVIRONMENT), "local"));
    }

    public MaskingMetrics(PrintStream out, Clock clock, String environment) {
        this.out = out;
        this.clock = clock;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Emits counts for one table; {@code extra} holds non-metric properties searchable in Logs Insights. */
    public void emit(String table, Map<String, Long> counts, Map<String, String> extra) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", MaskingMetricNames.NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        // Alarms watch the environment-wide series; the per-table one says where to look.
        dimensions.addArray().add(MaskingMetricNames.ENVIRONMENT_DIMENSION);
        dimensions.addArray().add(MaskingMetricNames.ENVIRONMENT_DIMENSION).add(MaskingMetricNames.TABLE_DIMENSION);
        ArrayNode metrics = directive.putArray("Metrics");
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            line.put(name, value);
        });
        line.put(MaskingMetricNames.ENVIRONMENT_DIMENSION, environment);
        line.put(MaskingMetricNames.TABLE_DIMENSION, table);
        extra.forEach(line::put);
        out.println(line);
    }
}
