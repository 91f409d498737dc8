package market.udong.glue.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import market.udong.glue.AwsClients;
import market.udong.glue.LocalGlueCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlueCatalogUpdaterTest {

    private LocalGlueCatalog stub;
    private AwsClients aws;

    @BeforeEach
    void start() throws Exception {
        stub = LocalGlueCatalog.start();
        aws = new AwsClients("ap-northeast-2", Optional.of(stub.endpoint()));
    }

    @AfterEach
    void stop() {
        aws.close();
        stub.close();
    }

    private static CatalogTable table(String... columns) {
        return new CatalogTable("orders", "order_items", "s3://curated/orders/orders/order_items",
                java.util.Arrays.stream(columns).map(c -> new CatalogTable.Column(c, "bigint")).toList(),
                new CatalogTable.Column("dt", "string"));
    }

    @Test
    void update_registersPartitionsInBatchesOf100_andToleratesExistingOnes() {
        GlueCatalogUpdater updater = new GlueCatalogUpdater(aws.glue());
        List<String> days = IntStream.range(0, 250).mapToObj(i -> java.time.LocalDate.of(2026, 1, 1).plusDays(i).toString())
                .toList();

        updater.update(table("order_item_id"), days.subList(0, 10));
        updater.update(table("order_item_id"), days);

        assertEquals(250, stub.partitions("orders", "order_items").size());
        assertEquals(List.of(10, 100, 100, 50), stub.requests("BatchCreatePartition").stream()
                .map(r -> r.body().path("PartitionInputList").size()).toList());
        assertEquals(1, stub.requests("CreateTable").size());
        assertEquals("s3://curated/orders/orders/order_items/dt=2026-01-01/", stub.requests("BatchCreatePartition").get(0)
                .body().path("PartitionInputList").path(0).path("StorageDescriptor").path("Location").asText());
    }

    @Test
    void update_changesTheTable_onlyWhenItsColumnsChange() {
        GlueCatalogUpdater updater = new GlueCatalogUpdater(aws.glue());

        updater.update(table("order_item_id"), List.of());
        updater.update(table("order_item_id"), List.of());
        updater.update(table("order_item_id", "product_id"), List.of());

        assertEquals(1, stub.requests("CreateTable").size());
        assertEquals(1, stub.requests("UpdateTable").size());
        assertEquals("product_id", stub.table("orders", "order_items").path("StorageDescriptor").path("Columns")
                .path(1).path("Name").asText());
        assertEquals("parquet", stub.table("orders", "order_items").path("Parameters").path("classification").asText());
    }
}
