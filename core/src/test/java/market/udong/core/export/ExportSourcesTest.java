package market.udong.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import org.junit.jupiter.api.Test;

class ExportSourcesTest {

    private static final Path CONFIG = Path.of("..", "config");

    @Test
    void projectConfig_listsSnapshotTablesOfEachSource_withItsImportedInstance() {
        // GIVEN the project's prod config (orders.members and flight_meta.airport are snapshot tables)
        PlatformConfig prod = new ConfigLoader().load(CONFIG, "prod");

        // WHEN the export sources are built
        ExportSources sources = ExportSources.of(prod.sources(), Map.of());

        // THEN each source exports only its snapshot tables, from its imported primary
        ExportSource orders = sources.source("orders").orElseThrow();
        assertEquals("orders-prod", orders.instanceIdentifier());
        assertEquals(List.of("orders.members"), orders.exportOnly());
        assertEquals(List.of("flight_meta.airport"), sources.source("flight-meta").orElseThrow().exportOnly());
    }

    @Test
    void createdPrimaries_takeTheIdentifierInfraPasses_andAreRequired() {
        // GIVEN dev, where infra creates the primaries
        PlatformConfig dev = new ConfigLoader().load(CONFIG, "dev");

        // WHEN / THEN infra's identifiers are used, and a missing one is a clear error
        ExportSources sources = ExportSources.of(dev.sources(), Map.of("orders", "udong-dev-orders", "flight-meta", "udong-dev-flight-meta"));
        assertEquals("udong-dev-orders", sources.source("orders").orElseThrow().instanceIdentifier());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportSources.of(dev.sources(), Map.of("orders", "udong-dev-orders")));
        assertTrue(e.getMessage().contains("'flight-meta'"), e.getMessage());
    }

    @Test
    void json_roundTrips_andKeepsAuroraOnItsCluster() {
        // GIVEN an Aurora PostgreSQL source and a MySQL source
        SourceConfig aurora = new SourceConfig("ledger", Engine.AURORA_POSTGRES,
                new SourceConfig.Primary(null, "ledger-cluster", "ledger.example", null, "sg-0a1b2c3d", "arn:x"), null, null,
                List.of(table("ledger.public", "entries", Ingestion.SNAPSHOT), table("ledger.public", "accounts", Ingestion.SNAPSHOT),
                        table("ledger.public", "audit", Ingestion.DMS)));
        SourceConfig mysql = new SourceConfig("shop", Engine.MYSQL,
                new SourceConfig.Primary("shop-db", null, "shop.example", null, "sg-0a1b2c3d", "arn:x"), null, null,
                List.of(table("shop", "orders", Ingestion.SNAPSHOT)));

        // WHEN written and read back
        ExportSources written = ExportSources.of(List.of(aurora, mysql), Map.of());
        String json = written.toJson();
        ExportSources read = ExportSources.fromJson(json);

        // THEN nothing is lost, Aurora names its cluster, and ExportOnly uses db.schema.table, sorted
        assertEquals(written, read);
        ExportSource ledger = read.source("ledger").orElseThrow();
        assertEquals("ledger-cluster", ledger.clusterIdentifier());
        assertEquals(null, ledger.instanceIdentifier());
        assertEquals(List.of("ledger.public.accounts", "ledger.public.entries"), ledger.exportOnly());
        assertTrue(json.startsWith("{\"ledger\":{\"engine\":\"aurora-postgres\",\"cluster\":\"ledger-cluster\""), json);
    }

    @Test
    void snapshotOwner_isFoundByIdentifierAndKind_ignoringCase() {
        // GIVEN a MySQL source on instance shop-db
        ExportSources sources = ExportSources.of(List.of(new SourceConfig("shop", Engine.MYSQL,
                new SourceConfig.Primary("Shop-DB", null, "shop.example", null, "sg-0a1b2c3d", "arn:x"), null, null,
                List.of(table("shop", "orders", Ingestion.SNAPSHOT)))), Map.of());

        // WHEN / THEN RDS's lower-case identifier matches; a cluster of the same name does not
        assertEquals("shop", sources.sourceOfSnapshot(false, "shop-db").orElseThrow());
        assertTrue(sources.sourceOfSnapshot(true, "shop-db").isEmpty());
        assertTrue(sources.sourceOfSnapshot(false, "shop-db-2").isEmpty());
    }

    @Test
    void toJson_refusesAListThatCannotFitALambdaEnvironment() {
        // GIVEN a source with 200 snapshot tables
        List<TableConfig> tables = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tables.add(table("warehouse", "table_number_" + i, Ingestion.SNAPSHOT));
        }
        ExportSources sources = ExportSources.of(List.of(new SourceConfig("big", Engine.MYSQL,
                new SourceConfig.Primary("big-db", null, "big.example", null, "sg-0a1b2c3d", "arn:x"), null, null, tables)), Map.of());

        // WHEN / THEN the size and the way out are named
        IllegalStateException e = assertThrows(IllegalStateException.class, sources::toJson);
        assertTrue(e.getMessage().contains("200 snapshot tables") && e.getMessage().contains("4 KB"), e.getMessage());
    }

    @Test
    void fromJson_refusesMissingOrMalformedValues() {
        assertThrows(IllegalArgumentException.class, () -> ExportSources.fromJson(null));
        assertThrows(IllegalArgumentException.class, () -> ExportSources.fromJson("{\"shop\":{\"engine\":\"mysql\"}}"));
        assertThrows(IllegalArgumentException.class, () -> ExportSources.fromJson(
                "{\"shop\":{\"engine\":\"aurora-mysql\",\"instance\":\"x\",\"exportOnly\":[\"a.b\"]}}"));
        assertThrows(IllegalArgumentException.class, () -> ExportSources.fromJson("[]"));
    }

    private static TableConfig table(String database, String name, Ingestion ingestion) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("id", ColumnRule.of(ColumnPolicy.KEEP));
        return new TableConfig(database, name, ingestion, null, columns, null, null, null);
    }
}
