package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableConfigJsonTest {

    @Test
    void everyProjectTable_roundTripsThroughJson() {
        // GIVEN every table of every source in the project's config
        List<TableConfig> tables = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev").sources().stream()
                .flatMap(s -> s.tables().stream()).toList();
        assertFalse(tables.isEmpty());
        for (TableConfig table : tables) {
            // WHEN written and read back
            String json = TableConfigJson.write(table);
            // THEN nothing is lost, and the JSON is one line (safe as a Glue job argument)
            assertEquals(table, TableConfigJson.read(json), json);
            assertFalse(json.contains("\n"), json);
        }
    }

    @Test
    void columnRules_keepTheirYamlSpelling() {
        TableConfig members = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev").source("orders").orElseThrow()
                .tables().get(0);
        String json = TableConfigJson.write(members);
        assertTrue(json.contains("\"birth_date\":\"truncate(year)\""), json);
        assertTrue(json.contains("\"email\":{\"policy\":\"hash\",\"rename\":\"email_hash\"}"), json);
    }

    @Test
    void retypedColumn_keepsItsType_throughJson() {
        // GIVEN a column whose output type is overridden, without a rename
        TableConfig table = new TableConfig("shop", "items", Ingestion.GLUE, null,
                java.util.Map.of("price", new ColumnRule(ColumnPolicy.KEEP, null, null, "decimal(10,2)")), null, null, null);

        // WHEN written and read back
        String json = TableConfigJson.write(table);

        // THEN the long form carries the type, and the rule survives unchanged
        assertTrue(json.contains("\"price\":{\"policy\":\"keep\",\"type\":\"decimal(10,2)\"}"), json);
        assertEquals(table, TableConfigJson.read(json));
    }

    @Test
    void read_rejectsTextThatIsNotATable() {
        assertThrows(IllegalArgumentException.class, () -> TableConfigJson.read("{\"name\":\"orders\"}"));
        assertThrows(IllegalArgumentException.class, () -> TableConfigJson.read("not json"));
    }
}
