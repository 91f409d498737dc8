package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final Path CONFIG = Path.of("..", "config");

    @Test
    void projectConfig_loadsForEveryEnvironment() {
        for (String env : ConfigLoader.knownEnvironments(CONFIG)) {
            PlatformConfig config = new ConfigLoader().load(CONFIG, env);
            assertEquals(env, config.environment().name());
            assertFalse(config.sources().isEmpty());
        }
        assertEquals(java.util.List.of("dev", "prod", "staging"), ConfigLoader.knownEnvironments(CONFIG));
    }

    @Test
    void sourcePrimary_isResolvedPerEnvironment() {
        SourceConfig devOrders = new ConfigLoader().load(CONFIG, "dev").source("orders").orElseThrow();
        SourceConfig prodOrders = new ConfigLoader().load(CONFIG, "prod").source("orders").orElseThrow();
        assertNull(devOrders.primary(), "dev has no imported primary: it creates one");
        assertEquals("orders-prod", prodOrders.primary().instanceIdentifier());
        assertEquals(1, devOrders.replicas().count());
        assertEquals(2, prodOrders.replicas().count());
        assertEquals("db.r6g.large", prodOrders.replicas().instanceClass());
    }

    @Test
    void columnRules_parseShortAndLongForms() {
        TableConfig members = new ConfigLoader().load(CONFIG, "dev").source("orders").orElseThrow().tables().get(0);
        assertEquals(ColumnPolicy.HASH, members.columns().get("email").policy());
        assertEquals("email_hash", members.columns().get("email").rename());
        assertEquals(TruncateUnit.YEAR, members.columns().get("birth_date").truncateUnit());
        assertEquals(ColumnPolicy.DROP, members.columns().get("address").policy());
        assertEquals("member_id", members.columns().keySet().iterator().next(), "column order is kept");
    }

    @Test
    void lifecycle_isReadPerZone() {
        EnvironmentConfig prod = new ConfigLoader().load(CONFIG, "prod").environment();
        assertTrue(prod.retainsData());
        assertEquals(3, prod.lake().lifecycleOf(LakeZone.RAW).transitions().size());
        assertEquals(EnvironmentConfig.StorageClass.DEEP_ARCHIVE, prod.lake().lifecycleOf(LakeZone.RAW).transitions().get(2).storageClass());
    }

    @Test
    void lakeTables_loadWithColumnsInFileOrder_andSpillExpiresByDefault() {
        PlatformConfig dev = new ConfigLoader().load(CONFIG, "dev");
        LakeTableConfig flights = dev.lakeTables().get(0);
        assertEquals("flight_history.flights", flights.qualifiedName());
        assertEquals("flight_id", flights.columns().keySet().iterator().next());
        assertEquals("string", flights.columns().get("code"));
        assertEquals(java.time.LocalDate.of(2020, 1, 1), flights.firstPartition());
        assertEquals(java.util.List.of(flights), dev.lakeTablesOf("flight_history"));
        assertEquals(1, dev.environment().lake().lifecycleOf(LakeZone.ATHENA_SPILL).expirationDays());
    }
}
