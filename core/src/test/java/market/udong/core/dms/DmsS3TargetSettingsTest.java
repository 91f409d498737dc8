package market.udong.core.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.MigrationType;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import org.junit.jupiter.api.Test;

class DmsS3TargetSettingsTest {

    @Test
    void settings_comeFromConfigAndNaming() {
        // GIVEN a source whose dms section sets the timestamp column and CDC batching
        SourceConfig source = new SourceConfig("shop-db", Engine.MYSQL, null, null, null, List.of(),
                new SourceConfig.Dms(null, null, null, null, "changed_at", 120, 64_000));

        // WHEN its S3 target settings are built
        DmsS3TargetSettings settings = DmsS3TargetSettings.of(source);

        // THEN config values are carried and the fixed ones match the lake's formats
        assertEquals("dms/shop-db", settings.bucketFolder());
        assertEquals("changed_at", settings.timestampColumnName());
        assertEquals(120, settings.cdcMaxBatchInterval());
        assertEquals(64_000, settings.cdcMinFileSize());
        assertEquals("parquet", settings.dataFormat());
        assertEquals("parquet-2-0", settings.parquetVersion());
        assertTrue(settings.datePartitionEnabled());
        assertTrue(settings.includeOpForFullLoad(), "full-load and CDC files must share the Op column");
        assertFalse(settings.cdcInsertsOnly() || settings.cdcInsertsAndUpdates(), "deletes must reach the lake");
        assertFalse(settings.parquetTimestampInMillisecond(), "timestamps stay in microseconds");
        assertEquals("SSE_KMS", settings.encryptionMode());
    }

    @Test
    void projectConfig_resolvesDmsSettingsPerEnvironment() {
        // GIVEN the project's orders source, which overrides dms settings for prod
        SourceConfig staging = new ConfigLoader().load(Path.of("..", "config"), "staging").source("orders").orElseThrow();
        SourceConfig prod = new ConfigLoader().load(Path.of("..", "config"), "prod").source("orders").orElseThrow();

        // WHEN / THEN prod gets its own class, storage and Multi-AZ, staging the base values and defaults
        assertEquals("dms.t3.medium", staging.dms().instanceClass());
        assertFalse(staging.dms().multiAz());
        assertEquals(50, staging.dms().allocatedStorageGb());
        assertEquals("dms.r6i.large", prod.dms().instanceClass());
        assertTrue(prod.dms().multiAz());
        assertEquals(100, prod.dms().allocatedStorageGb());
        assertEquals(MigrationType.FULL_LOAD_AND_CDC, prod.dms().migrationType());
        assertEquals(SourceConfig.Dms.DEFAULT_TIMESTAMP_COLUMN, DmsS3TargetSettings.of(prod).timestampColumnName());
    }

    @Test
    void tableOf_findsTheConfiguredTableOfARawKey() {
        // GIVEN a MySQL and a PostgreSQL source with one dms table each
        TableConfig orders = TableMappingsTest.table("shop", "orders", Ingestion.DMS,
                Map.of("id", ColumnRule.of(ColumnPolicy.KEEP)), null);
        SourceConfig mysql = TableMappingsTest.mysqlSource(List.of(orders));
        TableConfig invoices = TableMappingsTest.table("billing.sales", "invoices", Ingestion.DMS,
                Map.of("id", ColumnRule.of(ColumnPolicy.KEEP)), null);
        SourceConfig postgres = new SourceConfig("billing", Engine.POSTGRES, null, null, null, List.of(invoices));

        // WHEN / THEN full-load and dated CDC keys resolve to the table; foreign keys do not
        assertEquals(orders, DmsS3TargetSettings.tableOf(mysql, "dms/shop-db/shop/orders/LOAD00000001.parquet").orElseThrow());
        assertEquals(orders, DmsS3TargetSettings.tableOf(mysql, "dms/shop-db/shop/orders/2024/03/01/20240301-101500123.parquet").orElseThrow());
        assertEquals(invoices, DmsS3TargetSettings.tableOf(postgres, "dms/billing/sales/invoices/LOAD00000001.parquet").orElseThrow());
        assertTrue(DmsS3TargetSettings.tableOf(mysql, "dms/shop-db/shop/members/LOAD00000001.parquet").isEmpty());
        assertTrue(DmsS3TargetSettings.tableOf(mysql, "dms/shop-db-2/shop/orders/LOAD00000001.parquet").isEmpty());
        assertTrue(DmsS3TargetSettings.tableOf(mysql, "dms/shop-db/shop/orders").isEmpty());
    }
}
