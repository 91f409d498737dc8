package market.udong.core.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import org.junit.jupiter.api.Test;

class TableMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void selection_includesEveryDmsTable_andNoOtherPath() throws Exception {
        // GIVEN a source with two dms tables, one snapshot table and one glue table
        SourceConfig source = mysqlSource(List.of(
                table("shop", "orders", Ingestion.DMS, Map.of("id", keep()), null),
                table("shop", "members", Ingestion.SNAPSHOT, Map.of("id", keep()), null),
                table("shop", "order_items", Ingestion.DMS, Map.of("id", keep()), null),
                table("shop", "reviews", Ingestion.GLUE, Map.of("id", keep()), null)));

        // WHEN the mappings are generated
        JsonNode rules = rules(source);

        // THEN exactly the dms tables are selected, each with an include rule on its database
        List<JsonNode> selections = ofType(rules, "selection");
        assertEquals(List.of("orders", "order_items"), selections.stream()
                .map(r -> r.at("/object-locator/table-name").asText()).toList());
        for (JsonNode selection : selections) {
            assertEquals("include", selection.get("rule-action").asText());
            assertEquals("shop", selection.at("/object-locator/schema-name").asText());
            assertFalse(selection.has("filters"), "no row filter was configured");
        }
    }

    @Test
    void removeColumn_isGeneratedForEachDroppedColumn_only() throws Exception {
        // GIVEN a dms table with two dropped columns among kept and masked ones
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("order_id", keep());
        columns.put("shipping_address", ColumnRule.of(ColumnPolicy.DROP));
        columns.put("recipient_phone", ColumnRule.of(ColumnPolicy.MASK_PHONE));
        columns.put("gift_note", ColumnRule.of(ColumnPolicy.DROP));
        columns.put("buyer_email", ColumnRule.of(ColumnPolicy.HASH));
        SourceConfig source = mysqlSource(List.of(table("shop", "orders", Ingestion.DMS, columns, null)));

        // WHEN the mappings are generated
        List<JsonNode> removals = ofType(rules(source), "transformation");

        // THEN one remove-column rule per dropped column, on that column, in column order
        assertEquals(List.of("shipping_address", "gift_note"), removals.stream()
                .map(r -> r.at("/object-locator/column-name").asText()).toList());
        for (JsonNode removal : removals) {
            assertEquals("remove-column", removal.get("rule-action").asText());
            assertEquals("column", removal.get("rule-target").asText());
            assertEquals("shop", removal.at("/object-locator/schema-name").asText());
            assertEquals("orders", removal.at("/object-locator/table-name").asText());
        }
    }

    @Test
    void renamedColumns_keepTheirSourceNameInDms_soMaskingFindsTheirPolicy() throws Exception {
        // GIVEN a hashed column and a kept column that config renames
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("email", ColumnRule.parse("hash", "email_hash", null));
        columns.put("grade", ColumnRule.parse("keep", "member_grade", null));
        columns.put("memo", ColumnRule.of(ColumnPolicy.DROP));
        SourceConfig source = mysqlSource(List.of(table("shop", "members", Ingestion.DMS, columns, null)));

        // WHEN the mappings are generated
        JsonNode rules = rules(source);

        // THEN DMS neither renames nor removes them: the masking Lambda renames after applying the policy
        for (JsonNode rule : rules) {
            assertFalse("rename".equals(rule.get("rule-action").asText()), "DMS must not rename: " + rule);
            String column = rule.at("/object-locator/column-name").asText();
            assertFalse(Set.of("email", "grade").contains(column), "renamed columns must reach raw intact: " + rule);
        }
        assertEquals(List.of("memo"), ofType(rules, "transformation").stream()
                .map(r -> r.at("/object-locator/column-name").asText()).toList());
    }

    @Test
    void rowFilters_useDmsOperatorsAndValueFields() throws Exception {
        // GIVEN one dms table per filter operator config allows
        List<TableConfig> tables = new ArrayList<>();
        tables.add(table("shop", "t_eq", Ingestion.DMS, Map.of("status", keep()), new TableConfig.RowFilter("status", "eq", "PAID", null)));
        tables.add(table("shop", "t_gte", Ingestion.DMS, Map.of("id", keep()), new TableConfig.RowFilter("id", "gte", "100", null)));
        tables.add(table("shop", "t_lte", Ingestion.DMS, Map.of("id", keep()), new TableConfig.RowFilter("id", "lte", "10", null)));
        tables.add(table("shop", "t_between", Ingestion.DMS, Map.of("day", keep()),
                new TableConfig.RowFilter("day", "between", "2024-01-01", "2024-12-31")));
        tables.add(table("shop", "t_null", Ingestion.DMS, Map.of("deleted_at", keep()), new TableConfig.RowFilter("deleted_at", "null", null, null)));
        tables.add(table("shop", "t_notnull", Ingestion.DMS, Map.of("status", keep()), new TableConfig.RowFilter("status", "notnull", null, null)));

        // WHEN the mappings are generated
        List<JsonNode> selections = ofType(rules(mysqlSource(tables)), "selection");

        // THEN each selection carries one source filter spelled as DMS reads it
        assertEquals(6, selections.size());
        assertFilter(selections.get(0), "status", "{\"filter-operator\":\"eq\",\"value\":\"PAID\"}");
        assertFilter(selections.get(1), "id", "{\"filter-operator\":\"gte\",\"value\":\"100\"}");
        assertFilter(selections.get(2), "id", "{\"filter-operator\":\"lte\",\"value\":\"10\"}");
        assertFilter(selections.get(3), "day",
                "{\"filter-operator\":\"between\",\"start-value\":\"2024-01-01\",\"end-value\":\"2024-12-31\"}");
        assertFilter(selections.get(4), "deleted_at", "{\"filter-operator\":\"null\"}");
        assertFilter(selections.get(5), "status", "{\"filter-operator\":\"notnull\"}");
    }

    @Test
    void manyTables_getUniqueSequentialIds_andUniqueNames() throws Exception {
        // GIVEN 300 dms tables, each with one dropped column
        List<TableConfig> tables = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, ColumnRule> columns = new LinkedHashMap<>();
            columns.put("id", keep());
            columns.put("secret_" + i, ColumnRule.of(ColumnPolicy.DROP));
            tables.add(table("db" + (i % 7), "table_" + i, Ingestion.DMS, columns, null));
        }

        // WHEN the mappings are generated
        JsonNode rules = rules(mysqlSource(tables));

        // THEN 600 rules with ids 1..600 in order, unique names, and every table selected once
        assertEquals(600, rules.size());
        Set<String> names = new HashSet<>();
        Set<String> selected = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            assertEquals(Integer.toString(i + 1), rule.get("rule-id").asText());
            assertTrue(names.add(rule.get("rule-name").asText()), "duplicate rule name " + rule);
            if ("selection".equals(rule.get("rule-type").asText())) {
                assertTrue(selected.add(rule.at("/object-locator/schema-name").asText() + "."
                        + rule.at("/object-locator/table-name").asText()));
            }
        }
        assertEquals(300, selected.size());
        assertTrue(selected.contains("db" + (299 % 7) + ".table_299"));
    }

    @Test
    void generation_isDeterministic() {
        // GIVEN the project's orders source, loaded twice
        SourceConfig first = projectOrders();
        SourceConfig second = projectOrders();

        // WHEN both are mapped
        // THEN the documents are byte for byte equal
        assertEquals(TableMappings.of(first).toJson(), TableMappings.of(second).toJson());
    }

    @Test
    void projectOrdersSource_mapsItsDmsTable() throws Exception {
        // GIVEN the project's orders source (orders.orders is its only dms table)
        SourceConfig orders = projectOrders();

        // WHEN the mappings are generated
        JsonNode rules = rules(orders);

        // THEN the table is selected with its notnull filter and its dropped column removed
        List<JsonNode> selections = ofType(rules, "selection");
        assertEquals(1, selections.size());
        assertEquals("orders", selections.get(0).at("/object-locator/table-name").asText());
        assertFilter(selections.get(0), "status", "{\"filter-operator\":\"notnull\"}");
        assertEquals(List.of("shipping_address"), ofType(rules, "transformation").stream()
                .map(r -> r.at("/object-locator/column-name").asText()).toList());
    }

    @Test
    void postgresTables_useTheSchemaAsDmsSchema_andTheDatabaseForTheEndpoint() throws Exception {
        // GIVEN a PostgreSQL source whose dms table lives in orders.sales
        SourceConfig source = new SourceConfig("orders-pg", Engine.POSTGRES, null, null, null,
                List.of(table("orders.sales", "invoices", Ingestion.DMS, Map.of("id", keep()), null)));

        // WHEN the mappings are generated
        JsonNode selection = ofType(rules(source), "selection").get(0);

        // THEN DMS sees schema 'sales' and the endpoint names database 'orders'
        assertEquals("sales", selection.at("/object-locator/schema-name").asText());
        assertEquals("orders", TableMappings.sourceDatabase(source).orElseThrow());
        assertTrue(TableMappings.sourceDatabase(projectOrders()).isEmpty(), "MySQL endpoints name no database");
    }

    @Test
    void sourceWithoutDmsTables_isRefused() {
        // GIVEN a source with only a snapshot table
        SourceConfig source = mysqlSource(List.of(table("shop", "members", Ingestion.SNAPSHOT, Map.of("id", keep()), null)));

        // WHEN / THEN mapping it fails with the source's name
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableMappings.of(source));
        assertTrue(e.getMessage().contains("'shop-db'"), e.getMessage());
    }

    private static void assertFilter(JsonNode selection, String column, String condition) throws Exception {
        JsonNode filters = selection.get("filters");
        assertEquals(1, filters.size(), "one filter per table: " + selection);
        assertEquals("source", filters.get(0).get("filter-type").asText());
        assertEquals(column, filters.get(0).get("column-name").asText());
        assertEquals(1, filters.get(0).get("filter-conditions").size());
        assertEquals(JSON.readTree(condition), filters.get(0).get("filter-conditions").get(0));
    }

    private static JsonNode rules(SourceConfig source) throws Exception {
        JsonNode document = JSON.readTree(TableMappings.of(source).toJson());
        assertEquals(1, document.size(), "the document holds only 'rules'");
        return document.get("rules");
    }

    private static List<JsonNode> ofType(JsonNode rules, String type) {
        return StreamSupport.stream(rules.spliterator(), false)
                .filter(r -> type.equals(r.get("rule-type").asText()))
                .toList();
    }

    private static SourceConfig projectOrders() {
        return new ConfigLoader().load(Path.of("..", "config"), "prod").source("orders").orElseThrow();
    }

    static SourceConfig mysqlSource(List<TableConfig> tables) {
        return new SourceConfig("shop-db", Engine.MYSQL, null, null, null, tables);
    }

    static TableConfig table(String database, String name, Ingestion ingestion, Map<String, ColumnRule> columns,
                             TableConfig.RowFilter rowFilter) {
        return new TableConfig(database, name, ingestion, null, new LinkedHashMap<>(columns), rowFilter, null, null);
    }

    private static ColumnRule keep() {
        return ColumnRule.of(ColumnPolicy.KEEP);
    }
}
