package market.udong.lambdas.masking;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.naming.LambdaEnv;
import market.udong.lambdas.logging.StructuredLog;

/**
 * What the masking function tells CloudWatch: one structured log line per file, carrying its
 * counts in embedded metric format, which CloudWatch turns into metrics of namespace
 * {@value MaskingMetricNames#NAMESPACE} under the dimension sets {@code [Environment]} and
 * {@code [Environment, Table]} ({@link MaskingMetricNames}); and plain lines for what an operator
 * should read. No API call, no extra dependency: the functions' one {@link StructuredLog}.
 */
public class MaskingMetrics {

    /** The {@code service} field of the masking function's lines. */
    public static final String SERVICE = "udong-masking";

    private final StructuredLog log;
    private final String environment;

    /** Runtime constructor: stdout, the system clock, the environment name from {@link LambdaEnv#ENVIRONMENT}. */
    public MaskingMetrics() {
        this(new StructuredLog(SERVICE, System.out, Clock.systemUTC()),
                Objects.requireNonNullElse(System.getenv(LambdaEnv.ENVIRONMENT), "local"));
    }

    public MaskingMetrics(StructuredLog log, String environment) {
        this.log = log;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The log the lines go to (the handler marks each invocation on it). */
    public StructuredLog log() {
        return log;
    }

    /** Emits counts for one table; {@code fields} are searchable in Logs Insights. */
    public void emit(String message, String table, Map<String, Long> counts, Map<String, ?> fields) {
        // Alarms watch the environment-wide series; the per-table one says where to look.
        log.write(StructuredLog.Level.INFO, message, fields, new StructuredLog.Metrics(MaskingMetricNames.NAMESPACE,
                List.of(List.of(MaskingMetricNames.ENVIRONMENT_DIMENSION),
                        List.of(MaskingMetricNames.ENVIRONMENT_DIMENSION, MaskingMetricNames.TABLE_DIMENSION)),
                Map.of(MaskingMetricNames.ENVIRONMENT_DIMENSION, environment, MaskingMetricNames.TABLE_DIMENSION, table),
                counts));
    }

    public void info(String message, Map<String, ?> fields) {
        log.info(message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log.warn(message, fields);
    }
}
