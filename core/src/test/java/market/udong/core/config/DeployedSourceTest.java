package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.export.ExportSource;
import org.junit.jupiter.api.Test;

class DeployedSourceTest {

    @Test
    void everyProjectSource_roundTripsThroughJson_inEveryEnvironment() {
        for (String env : List.of("dev", "staging", "prod")) {
            PlatformConfig config = new ConfigLoader().load(ConfigLoaderTest.CONFIG, env);
            for (SourceConfig source : config.sources()) {
                // GIVEN a source's deployed config (dev names the primary infra creates)
                DeployedSource written = DeployedSource.of(source, Optional.of("udong-" + env + "-" + source.name()));

                // WHEN written and read back
                String json = written.toJson();
                DeployedSource read = DeployedSource.fromJson(json, "s3://config/sources/" + source.name() + ".json");

                // THEN nothing is lost, every table and policy is there, and the version leads
                assertEquals(written, read, json);
                assertEquals(source.tables(), read.tables());
                assertTrue(json.startsWith("{\"version\":1,\"source\":\"" + source.name() + "\""), json);
            }
        }
    }

    @Test
    void export_listsOnlySnapshotTables_fromTheImportedInstance() {
        // GIVEN prod's orders (members is a snapshot table, orders and order_items are not)
        SourceConfig orders = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "prod").source("orders").orElseThrow();

        // WHEN deployed
        ExportSource export = DeployedSource.of(orders, Optional.empty()).export();

        // THEN only members is exported, from the instance config names
        assertEquals("orders-prod", export.instanceIdentifier());
        assertEquals(List.of("orders.members"), export.exportOnly());
    }

    @Test
    void createdPrimary_isExported_whereConfigNamesNone_andIsRequired() {
        SourceConfig orders = new ConfigLoader().load(ConfigLoaderTest.CONFIG, "dev").source("orders").orElseThrow();
        assertEquals("udong-dev-orders",
                DeployedSource.of(orders, Optional.of("udong-dev-orders")).export().instanceIdentifier());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeployedSource.of(orders, Optional.empty()));
        assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
    }

    @Test
    void aurora_isExportedFromItsCluster_withSchemaQualifiedTables() {
        SourceConfig ledger = new SourceConfig("ledger", Engine.AURORA_POSTGRES,
                new SourceConfig.Primary(null, "ledger-cluster", "ledger.cluster-x.example", null, "sg-0a1b2c3d", "arn:x"),
                null, null, List.of(table("ledger.public", "entries", Ingestion.SNAPSHOT),
                        table("ledger.public", "accounts", Ingestion.SNAPSHOT), table("ledger.public", "audit", Ingestion.DMS)));
        DeployedSource read = DeployedSource.fromJson(DeployedSource.of(ledger, Optional.empty()).toJson(), "test");
        assertEquals("ledger-cluster", read.export().clusterIdentifier());
        assertNull(read.export().instanceIdentifier());
        assertEquals(List.of("ledger.public.accounts", "ledger.public.entries"), read.export().exportOnly());
    }

    @Test
    void sourceWithoutSnapshotTables_hasNoExport_andKeepsItsDmsTimestampColumn() {
        SourceConfig shop = new SourceConfig("shop", Engine.MYSQL, null, null, null,
                List.of(table("shop", "orders", Ingestion.DMS)),
                new SourceConfig.Dms(null, null, null, null, "changed_at", null, null));
        DeployedSource read = DeployedSource.fromJson(DeployedSource.of(shop, Optional.empty()).toJson(), "test");
        assertNull(read.export());
        assertEquals("changed_at", read.dmsTimestampColumn());
    }

    @Test
    void table_isFoundIgnoringCase() {
        DeployedSource shop = DeployedSource.of(new SourceConfig("shop", Engine.MYSQL, null, null, null,
                List.of(table("shop", "orders", Ingestion.DMS))), Optional.empty());
        assertEquals("orders", shop.table("SHOP", "Orders").orElseThrow().name());
        assertTrue(shop.table("shop", "order").isEmpty());
    }

    @Test
    void fromJson_refusesOtherVersionsAndBrokenDocuments_namingWhereTheyCameFrom() {
        String origin = "s3://udong-dev-config/sources/shop.json";
        for (String bad : List.of("not json", "[]", "{\"version\":2,\"source\":\"shop\",\"engine\":\"mysql\"}",
                "{\"version\":1,\"source\":\"shop\",\"engine\":\"mysql\",\"tables\":[{\"name\":\"orders\"}]}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeployedSource.fromJson(bad, origin));
            assertTrue(e.getMessage().contains(origin), e.getMessage());
        }
    }

    static TableConfig table(String database, String name, Ingestion ingestion) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("id", ColumnRule.parse("keep"));
        columns.put("email", ColumnRule.parse("hash", "email_hash", null));
        return new TableConfig(database, name, ingestion, null, columns, null, null, null);
    }
}
