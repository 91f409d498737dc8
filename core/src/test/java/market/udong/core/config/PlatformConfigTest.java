package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups across the loaded config that stacks use to find what feeds a curated database. */
class PlatformConfigTest {

    private final PlatformConfig dev = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev");

    @Test
    void sourcesOfDatabase_areTheSourcesWithTablesInIt() {
        SourceConfig orders = dev.source("orders").orElseThrow();
        SourceConfig meta = dev.source("flight-meta").orElseThrow();

        assertEquals(List.of(orders), dev.sourcesOfDatabase("orders"));
        assertEquals(List.of(meta), dev.sourcesOfDatabase("flight_meta"));
        assertEquals(List.of(), dev.sourcesOfDatabase("flight_history"), "a lake table's database has no source");
    }

    @Test
    void lakeTablesOf_areTheDeclaredTablesOfThatDatabaseOnly() {
        assertEquals(List.of("flight_history.flights"),
                dev.lakeTablesOf("flight_history").stream().map(LakeTableConfig::qualifiedName).toList());
        assertEquals(List.of(), dev.lakeTablesOf("orders"));
    }

    @Test
    void source_isFoundByName_orNotAtAll() {
        assertEquals("orders", dev.source("orders").orElseThrow().name());
        assertEquals(java.util.Optional.empty(), dev.source("order"));
    }
}
