package market.udong.core.masking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.UnknownColumnAction;

/**
 * The column policies of every ingested table, in the compact JSON the masking Lambda reads at
 * start-up. Infra writes it with {@link #toJson()} from the loaded config (into the file named by
 * {@code LambdaEnv.MASKING_POLICIES_FILE}, shipped in a Lambda layer); the Lambda reads it with
 * {@link #fromJson(String)}. Only what masking needs travels: database, table, onUnknownColumn,
 * partitionColumn and each column's rule, in source order.
 *
 * <pre>
 * {"version":1,"sources":{"orders":[{"database":"orders","name":"members","onUnknownColumn":"drop",
 *   "columns":{"member_id":"keep","email":{"policy":"hash","rename":"email_hash"}}}]}}
 * </pre>
 *
 * @param sources source name → its tables
 */
public record MaskingPolicies(Map<String, List<TableConfig>> sources) {

    /** Format version written by {@link #toJson()}; readers reject others. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public MaskingPolicies {
        Map<String, List<TableConfig>> copy = new LinkedHashMap<>();
        sources.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        sources = java.util.Collections.unmodifiableMap(copy);
    }

    /** The policies of all tables of these sources (every ingestion path: export, DMS and Glue). */
    public static MaskingPolicies of(List<SourceConfig> sources) {
        Map<String, List<TableConfig>> map = new LinkedHashMap<>();
        for (SourceConfig s : sources) {
            map.put(s.name(), s.tables());
        }
        return new MaskingPolicies(map);
    }

    /**
     * The table of a source that a file belongs to. {@code database} may be the MySQL database or,
     * for PostgreSQL, {@code database.schema}; names compare case-insensitively, as the catalog does.
     */
    public Optional<TableConfig> table(String source, String database, String table) {
        List<TableConfig> tables = sources.get(source);
        if (tables == null) {
            return Optional.empty();
        }
        return tables.stream()
                .filter(t -> t.database().equalsIgnoreCase(database) && t.name().equalsIgnoreCase(table))
                .findFirst();
    }

    /** Serializes to the compact JSON described on the class. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode sourcesNode = root.putObject("sources");
        sources.forEach((name, tables) -> {
            ArrayNode array = sourcesNode.putArray(name);
            for (TableConfig t : tables) {
                ObjectNode table = array.addObject();
                table.put("database", t.database());
                table.put("name", t.name());
                table.put("onUnknownColumn", t.onUnknownColumn().id());
                if (t.partitionColumn() != null) {
                    table.put("partitionColumn", t.partitionColumn());
                }
                ObjectNode columns = table.putObject("columns");
                t.columns().forEach((column, rule) -> {
                    if (rule.rename() == null && rule.type() == null) {
                        columns.put(column, rule.policySpec());
                    } else {
                        ObjectNode r = columns.putObject(column);
                        r.put("policy", rule.policySpec());
                        if (rule.rename() != null) {
                            r.put("rename", rule.rename());
                        }
                        if (rule.type() != null) {
                            r.put("type", rule.type());
                        }
                    }
                });
            }
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException naming the path of the first bad entry
     */
    public static MaskingPolicies fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("masking policies are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("masking policies: version must be " + VERSION
                    + ", found " + (root == null ? "nothing" : root.path("version")));
        }
        Map<String, List<TableConfig>> sources = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("sources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> source = it.next();
            List<TableConfig> tables = new ArrayList<>();
            int i = 0;
            for (JsonNode t : source.getValue()) {
                String where = "sources." + source.getKey() + "[" + i++ + "]";
                Map<String, ColumnRule> columns = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> cols = t.path("columns").fields();
                while (cols.hasNext()) {
                    Map.Entry<String, JsonNode> c = cols.next();
                    JsonNode r = c.getValue();
                    try {
                        columns.put(c.getKey(), r.isTextual() ? ColumnRule.parse(r.asText())
                                : ColumnRule.parse(r.path("policy").asText(null), r.path("rename").asText(null),
                                        r.path("type").asText(null)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("masking policies: " + where + ".columns." + c.getKey()
                                + ": " + e.getMessage());
                    }
                }
                String database = t.path("database").asText(null);
                String name = t.path("name").asText(null);
                if (database == null || name == null) {
                    throw new IllegalArgumentException("masking policies: " + where + " needs database and name");
                }
                tables.add(new TableConfig(database, name, null,
                        UnknownColumnAction.of(t.path("onUnknownColumn").asText("drop").toLowerCase(Locale.ROOT)),
                        columns, null, null, t.path("partitionColumn").asText(null)));
            }
            sources.put(source.getKey(), tables);
        }
        return new MaskingPolicies(sources);
    }
}
