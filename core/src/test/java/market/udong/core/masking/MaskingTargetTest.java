package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MaskingTargetTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    static MaskingTarget target(String source, String database, String table, String key) {
        return new MaskingTarget("in-bucket", key, source, database, table, DAY, false);
    }

    @Test
    void curatedKey_ofAnRdsExport_isThePartitionPrefix_andThePathBelowTheTableFolder() {
        // GIVEN an RDS export file: <prefix>/<export>/<db>/<db.table>/<partition>/part-....gz.parquet
        MaskingTarget t = target("commerce", "shop", "orders",
                "commerce/2026/11/25/exp-1/shop/shop.orders/1/part-00000-3b1c.gz.parquet");
        // WHEN its curated key is taken THEN it is under <source>/<db>/<table>/dt=<date>/, named <partition>_<file>.parquet
        assertEquals("commerce/shop/orders/dt=2026-11-25/1_part-00000-3b1c.parquet", t.curatedKey());
    }

    @Test
    void curatedKey_lowerCasesTheTable_andMakesTheSchemaPartOfTheDatabaseName() {
        // GIVEN a PostgreSQL export (database.schema) in mixed case WHEN keyed THEN the curated names are lower case with _ for the dot
        MaskingTarget t = target("billing", "Billing.Public", "Invoices",
                "billing/2026/11/25/exp-1/Billing/Billing.Public.Invoices/3/part-00001.gz.parquet");
        assertEquals("billing/billing_public/invoices/dt=2026-11-25/3_part-00001.parquet", t.curatedKey());
    }

    @Test
    void outputName_ofDmsFiles_isThePathBelowTheTableFolder() {
        // GIVEN DMS full-load and dated CDC files WHEN named THEN the name is the path below the table folder, joined by _
        assertEquals("LOAD00000001.parquet",
                target("orders", "shop", "orders", "dms/orders/shop/orders/LOAD00000001.parquet").outputName());
        assertEquals("2026_11_25_20261125-134512345.parquet",
                target("orders", "shop", "orders", "dms/orders/shop/orders/2026/11/25/20261125-134512345.parquet").outputName());
    }

    @Test
    void outputName_findsTheTableFolderWhateverItsCase() {
        // GIVEN table folders in another case than the config WHEN named THEN they are still found
        assertEquals("1_part-00000.parquet",
                target("orders", "shop", "orders", "x/SHOP/SHOP.ORDERS/1/part-00000.gz.parquet").outputName());
        assertEquals("1_part-00000.parquet",
                target("orders", "shop", "Orders", "dms/orders/shop/orders/1/part-00000.parquet").outputName());
    }

    @Test
    void outputName_usesTheLastFolderNamedLikeTheTable() {
        // GIVEN a source named like its table, so the first folder of the key also matches
        MaskingTarget t = target("orders", "shop", "orders", "orders/2026/11/25/exp-1/shop/shop.orders/1/part-00000.gz.parquet");
        // THEN only the path below the table's own folder names the file
        assertEquals("1_part-00000.parquet", t.outputName());
    }

    @Test
    void outputName_findsATableFolderThatIsTheKeysFirstFolder() {
        // GIVEN keys whose first folder is the table (or database.table) WHEN named THEN only what is below it names the file
        assertEquals("1_part-00000.parquet", target("s", "shop", "orders", "orders/1/part-00000.parquet").outputName());
        assertEquals("1_part-00000.parquet", target("s", "shop", "orders", "shop.orders/1/part-00000.parquet").outputName());
    }

    @Test
    void outputName_doesNotTakeTheFileItselfForTheTableFolder() {
        // GIVEN a file named like its table WHEN named THEN the file is not taken for the table folder
        assertEquals("exports_orders.parquet", target("s", "shop", "orders", "exports/orders").outputName());
    }

    @Test
    void outputName_withoutATableFolder_isTheWholeKey() {
        // GIVEN a key with no table folder WHEN named THEN the whole key names the file, so nothing collides
        assertEquals("misc_2026_part-7.parquet", target("s", "shop", "orders", "misc/2026/part-7.snappy.parquet").outputName());
    }

    @Test
    void outputName_endsInParquet_whateverTheCompressionSuffix() {
        // GIVEN each compression suffix, in any case, and none WHEN named THEN the name ends in .parquet once
        String folder = "dms/orders/shop/orders/";
        assertEquals("a.parquet", target("orders", "shop", "orders", folder + "a.gz.parquet").outputName());
        assertEquals("b.parquet", target("orders", "shop", "orders", folder + "b.snappy.parquet").outputName());
        assertEquals("c.parquet", target("orders", "shop", "orders", folder + "c.parquet").outputName());
        assertEquals("D.parquet", target("orders", "shop", "orders", folder + "D.GZ.PARQUET").outputName());
        assertEquals("e.parquet", target("orders", "shop", "orders", folder + "e").outputName());
    }

    @Test
    void curatedTablePrefix_isTheGlueTablesLocation_andQualifiedTableKeepsTheSourceSpelling() {
        // GIVEN a mixed-case database and table WHEN asked THEN the prefix is lower case and the qualified name as the source spells it
        MaskingTarget t = target("commerce", "Shop", "Orders", "commerce/x/shop/shop.orders/1/part-0.gz.parquet");
        assertEquals("commerce/shop/orders/", t.curatedTablePrefix());
        assertEquals("Shop.Orders", t.qualifiedTable());
    }

    @Test
    void everyPartButTheDmsFlag_isRequired() {
        // GIVEN each field null in turn WHEN built THEN it is refused, naming the field
        assertEquals("bucket", assertThrows(NullPointerException.class,
                () -> new MaskingTarget(null, "k", "s", "d", "t", DAY, false)).getMessage());
        assertEquals("key", assertThrows(NullPointerException.class,
                () -> new MaskingTarget("b", null, "s", "d", "t", DAY, false)).getMessage());
        assertEquals("source", assertThrows(NullPointerException.class,
                () -> new MaskingTarget("b", "k", null, "d", "t", DAY, false)).getMessage());
        assertEquals("database", assertThrows(NullPointerException.class,
                () -> new MaskingTarget("b", "k", "s", null, "t", DAY, false)).getMessage());
        assertEquals("table", assertThrows(NullPointerException.class,
                () -> new MaskingTarget("b", "k", "s", "d", null, DAY, false)).getMessage());
        assertEquals("snapshotDate", assertThrows(NullPointerException.class,
                () -> new MaskingTarget("b", "k", "s", "d", "t", null, false)).getMessage());
    }
}
