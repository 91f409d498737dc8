package market.udong.lambdas.masking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * CloudWatch metrics as Embedded Metric Format log lines (what Powertools' metrics module
 * writes): one JSON object per file on stdout, which CloudWatch Logs turns into metrics of
 * namespace {@value #NAMESPACE} with dimension {@code Table}. No API call, no extra dependency.
 */
public class MaskingMetrics {

    public static final String NAMESPACE = "Udong/Masking";
    public static final String FILES_MASKED = "FilesMasked";
    public static final String FILES_QUARANTINED = "FilesQuarantined";
    public static final String ROWS_MASKED = "RowsMasked";
    public static final String UNKNOWN_COLUMNS_DROPPED = "UnknownColumnsDropped";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final Clock clock;

    public MaskingMetrics() {
        this(System.out, Clock.systemUTC());
    }

    public MaskingMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Emits counts for one table; {@code extra} holds non-metric properties searchable in Logs Insights. */
    public void emit(String table, Map<String, Long> counts, Map<String, String> extra) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Table");
        ArrayNode metrics = directive.putArray("Metrics");
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            line.put(name, value);
        });
        line.put("Table", table);
        extra.forEach(line::put);
        out.println(line);
    }
}
