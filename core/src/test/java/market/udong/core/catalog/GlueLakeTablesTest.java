package market.udong.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import market.udong.core.testing.LocalGlueCatalog;
import market.udong.core.types.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** The one catalog writer against a local Glue catalog: what every path registers, and that repeats are harmless. */
class GlueLakeTablesTest {

    private LocalGlueCatalog catalog;
    private GlueClient glue;
    private GlueLakeTables tables;

    @BeforeEach
    void start() throws Exception {
        catalog = LocalGlueCatalog.start();
        glue = GlueClient.builder().endpointOverride(catalog.endpoint()).region(Region.AP_NORTHEAST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        tables = new GlueLakeTables(glue, null);
    }

    @AfterEach
    void stop() {
        glue.close();
        catalog.close();
    }

    private static LakeTable orderItems(String writer, LakeTable.Column... columns) {
        return new LakeTable("orders", "order_items", "s3://udong-dev-curated/shop/orders/order_items", List.of(columns), writer);
    }

    private static final LakeTable.Column ID = new LakeTable.Column("Order_Item_Id", ColumnType.BIGINT);
    private static final LakeTable.Column PRICE = new LakeTable.Column("price", ColumnType.decimal(12, 2));
    private static final LakeTable.Column ORDERED_AT = new LakeTable.Column("ordered_at", ColumnType.TIMESTAMP_NTZ);

    @Test
    void theTable_isAnExternalParquetTable_partitionedByDt_withEachColumnsCatalogType() {
        // WHEN a table is registered
        tables.update(orderItems("glue-table-ingest", ID, PRICE, ORDERED_AT), List.of("2026-12-01"));

        // THEN the catalog holds it the way Athena reads curated Parquet
        JsonNode table = catalog.table("orders", "order_items");
        assertEquals("EXTERNAL_TABLE", table.path("TableType").asText());
        assertEquals("parquet", table.path("Parameters").path("classification").asText());
        assertEquals("glue-table-ingest", table.path("Parameters").path(LakeTable.WRITER_PARAMETER).asText());
        assertEquals("dt:string", column(table.path("PartitionKeys").path(0)));
        JsonNode sd = table.path("StorageDescriptor");
        assertEquals("s3://udong-dev-curated/shop/orders/order_items/", sd.path("Location").asText());
        assertEquals(List.of("order_item_id:bigint", "price:decimal(12,2)", "ordered_at:timestamp"),
                java.util.stream.StreamSupport.stream(sd.path("Columns").spliterator(), false).map(GlueLakeTablesTest::column).toList());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", sd.path("InputFormat").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", sd.path("SerdeInfo").path("SerializationLibrary").asText());
        // AND its partition points at the dt folder
        JsonNode partition = catalog.requests("BatchCreatePartition").get(0).body().path("PartitionInputList").path(0);
        assertEquals("s3://udong-dev-curated/shop/orders/order_items/dt=2026-12-01/", partition.path("StorageDescriptor").path("Location").asText());
        assertEquals(sd.path("Columns"), partition.path("StorageDescriptor").path("Columns"));
    }

    @Test
    void update_registersPartitionsInBatchesOf100_andToleratesExistingOnes() {
        List<String> days = IntStream.range(0, 250).mapToObj(i -> LocalDate.of(2026, 1, 1).plusDays(i).toString()).toList();

        assertEquals(GlueLakeTables.TableChange.CREATED, tables.update(orderItems("glue-table-ingest", ID), days.subList(0, 10)));
        assertEquals(GlueLakeTables.TableChange.UNCHANGED, tables.update(orderItems("glue-table-ingest", ID), days));

        assertEquals(250, catalog.partitions("orders", "order_items").size());
        assertEquals(List.of(10, 100, 100, 50), catalog.requests("BatchCreatePartition").stream()
                .map(r -> r.body().path("PartitionInputList").size()).toList());
        assertEquals(1, catalog.requests("CreateTable").size());
    }

    @Test
    void update_changesTheTable_onlyWhenItsColumnsChange() {
        tables.update(orderItems("glue-table-ingest", ID), List.of());
        assertEquals(GlueLakeTables.TableChange.UNCHANGED, tables.update(orderItems("glue-table-ingest", ID), List.of()));
        assertEquals(GlueLakeTables.TableChange.UPDATED, tables.update(orderItems("glue-table-ingest", ID, PRICE), List.of()));

        assertEquals(1, catalog.requests("UpdateTable").size());
        assertEquals("price", catalog.table("orders", "order_items").path("StorageDescriptor").path("Columns").path(1).path("Name").asText());
    }

    @Test
    void registerPartition_createsAMissingTableOnce_andToleratesAPartitionThatExists() {
        // WHEN three files of two days register their partitions on a table nobody created yet
        LakeTable table = orderItems("masking-lambda", ID, PRICE);
        tables.registerPartition(table, "2026-12-01");
        tables.registerPartition(table, "2026-12-01");
        tables.registerPartition(table, "2026-12-02");

        // THEN the table was created once and each day is registered once
        assertEquals(1, catalog.requests("CreateTable").size());
        assertEquals(List.of("2026-12-01", "2026-12-02"), catalog.partitions("orders", "order_items"));
        assertEquals("masking-lambda", catalog.table("orders", "order_items").path("Parameters").path(LakeTable.WRITER_PARAMETER).asText());
    }

    @Test
    void aTableRegisteredByOnePath_hasTheShapeTheOtherPathWants() {
        // GIVEN the masking path registered the table from a masked file's columns
        tables.registerPartition(orderItems("masking-lambda", ID, PRICE, ORDERED_AT), "2026-12-01");

        // WHEN the Glue job updates it with the same columns
        GlueLakeTables.TableChange change = tables.update(orderItems("glue-table-ingest", ID, PRICE, ORDERED_AT), List.of("2026-12-02"));

        // THEN nothing about the table changes: both paths declare it the same way
        assertEquals(GlueLakeTables.TableChange.UNCHANGED, change);
        assertEquals(List.of("2026-12-01", "2026-12-02"), catalog.partitions("orders", "order_items"));
    }

    @Test
    void aLocationWithATrailingSlash_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LakeTable("orders", "t", "s3://b/p/", List.of(), "x"));
        assertEquals("a table location has no trailing slash: s3://b/p/", e.getMessage());
    }

    private static String column(JsonNode c) {
        return c.path("Name").asText() + ":" + c.path("Type").asText();
    }
}
