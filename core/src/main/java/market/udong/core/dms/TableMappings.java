package market.udong.core.dms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;

/**
 * The DMS table-mapping document of one source, generated from its {@code ingestion: dms}
 * tables so a table's policy is written once, in its source file.
 *
 * <p>What DMS does and what it leaves to the masking Lambda:
 * <ul>
 *   <li>one {@code selection} rule per table, with a {@code source} filter when the table has a
 *       {@code rowFilter} (DMS operators {@code eq}, {@code gte}, {@code lte}, {@code between},
 *       {@code null}, {@code notnull});</li>
 *   <li>one {@code remove-column} transformation per {@code drop} column, so dropped values never
 *       leave the database;</li>
 *   <li><b>no</b> rename rules. Every other column, renamed or not, reaches the raw zone under its
 *       source name: the masking Lambda looks each column's policy up by source name (as it does
 *       for snapshot exports, which cannot rename) and applies {@code rename} itself through
 *       {@link market.udong.core.masking.MaskingPlan}. Renaming in DMS would hide a hashed or
 *       masked column from its policy and make it an unknown column. One rename, in one place,
 *       on every path.</li>
 * </ul>
 *
 * <p>Rule ids count from 1 in config order (per table: its selection rule, then its
 * remove-column rules in column order); rule names are the action and the id, e.g.
 * {@code include-1}, {@code remove-column-2}. The same config always gives the same document.
 */
public final class TableMappings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Rule> rules;

    private TableMappings(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The mappings of {@code source}'s {@code ingestion: dms} tables.
     *
     * @throws IllegalArgumentException when the source has no such table (DMS refuses a task
     *                                  that selects nothing)
     */
    public static TableMappings of(SourceConfig source) {
        List<TableConfig> tables = source.tablesUsing(Ingestion.DMS);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no ingestion: dms table to map");
        }
        List<Rule> rules = new ArrayList<>();
        for (TableConfig table : tables) {
            String schema = schemaName(source.engine(), table);
            rules.add(Rule.selection(rules.size() + 1, new ObjectLocator(schema, table.name(), null),
                    table.rowFilter() == null ? null : List.of(Filter.of(table.rowFilter()))));
            for (Map.Entry<String, ColumnRule> column : table.columns().entrySet()) {
                if (column.getValue().policy() == ColumnPolicy.DROP) {
                    rules.add(Rule.removeColumn(rules.size() + 1, new ObjectLocator(schema, table.name(), column.getKey())));
                }
            }
        }
        return new TableMappings(rules);
    }

    /**
     * The DMS schema name of a table: the database for MySQL-compatible engines, the schema for
     * PostgreSQL (whose database is named by the source endpoint instead, see {@link #sourceDatabase}).
     */
    public static String schemaName(Engine engine, TableConfig table) {
        String database = table.database();
        return engine.isMysqlCompatible() ? database : database.substring(database.indexOf('.') + 1);
    }

    /**
     * The database a PostgreSQL source endpoint must name ({@code DatabaseName}): the one database
     * that holds every {@code ingestion: dms} table of the source (config checks there is one).
     * Empty for MySQL-compatible engines, whose endpoints reach every database.
     */
    public static Optional<String> sourceDatabase(SourceConfig source) {
        if (source.engine().isMysqlCompatible()) {
            return Optional.empty();
        }
        return source.tablesUsing(Ingestion.DMS).stream()
                .map(t -> t.database().substring(0, t.database().indexOf('.')))
                .findFirst();
    }

    /** The rules, in document order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The document DMS takes as a replication task's {@code TableMappings}: {@code {"rules":[...]}}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("rules", rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise DMS table mappings", e);
        }
    }

    /**
     * One table-mapping rule.
     *
     * @param ruleType      {@code selection} or {@code transformation}
     * @param ruleId        unique number, as DMS spells it (a string of digits)
     * @param ruleName      unique name
     * @param ruleTarget    {@code column} for column transformations; null for selections
     * @param objectLocator schema, table and (for column rules) column the rule applies to
     * @param ruleAction    {@code include} or {@code remove-column}
     * @param filters       source filters of a selection rule; null for none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"rule-type", "rule-id", "rule-name", "rule-target", "object-locator", "rule-action", "filters"})
    public record Rule(
            @JsonProperty("rule-type") String ruleType,
            @JsonProperty("rule-id") String ruleId,
            @JsonProperty("rule-name") String ruleName,
            @JsonProperty("rule-target") String ruleTarget,
            @JsonProperty("object-locator") ObjectLocator objectLocator,
            @JsonProperty("rule-action") String ruleAction,
            @JsonProperty("filters") List<Filter> filters) {

        static Rule selection(int id, ObjectLocator locator, List<Filter> filters) {
            return new Rule("selection", Integer.toString(id), "include-" + id, null, locator, "include", filters);
        }

        static Rule removeColumn(int id, ObjectLocator locator) {
            return new Rule("transformation", Integer.toString(id), "remove-column-" + id, "column", locator,
                    "remove-column", null);
        }
    }

    /**
     * What a rule applies to. DMS matches these names case-sensitively.
     *
     * @param schemaName MySQL database or PostgreSQL schema
     * @param tableName  table
     * @param columnName column, for column rules; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"schema-name", "table-name", "column-name"})
    public record ObjectLocator(
            @JsonProperty("schema-name") String schemaName,
            @JsonProperty("table-name") String tableName,
            @JsonProperty("column-name") String columnName) {
    }

    /**
     * A source filter: rows whose column meets the condition are replicated.
     *
     * @param filterType       always {@code source}
     * @param columnName       source column
     * @param filterConditions one condition (config allows one per table)
     */
    @JsonPropertyOrder({"filter-type", "column-name", "filter-conditions"})
    public record Filter(
            @JsonProperty("filter-type") String filterType,
            @JsonProperty("column-name") String columnName,
            @JsonProperty("filter-conditions") List<FilterCondition> filterConditions) {

        static Filter of(TableConfig.RowFilter rowFilter) {
            FilterCondition condition = switch (rowFilter.operator()) {
                case "eq", "gte", "lte" -> new FilterCondition(rowFilter.operator(), rowFilter.value(), null, null);
                case "between" -> new FilterCondition("between", null, rowFilter.value(), rowFilter.end());
                case "null", "notnull" -> new FilterCondition(rowFilter.operator(), null, null, null);
                default -> throw new IllegalArgumentException("row filter operator '" + rowFilter.operator()
                        + "' has no DMS equivalent; allowed: eq, gte, lte, between, null, notnull");
            };
            return new Filter("source", rowFilter.column(), List.of(condition));
        }
    }

    /**
     * One filter condition, spelled as DMS reads it.
     *
     * @param filterOperator {@code eq}, {@code gte}, {@code lte}, {@code between}, {@code null} or {@code notnull}
     * @param value          the value of eq, gte and lte
     * @param startValue     the lower bound of between (inclusive)
     * @param endValue       the upper bound of between (inclusive)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"filter-operator", "value", "start-value", "end-value"})
    public record FilterCondition(
            @JsonProperty("filter-operator") String filterOperator,
            @JsonProperty("value") String value,
            @JsonProperty("start-value") String startValue,
            @JsonProperty("end-value") String endValue) {
    }
}
