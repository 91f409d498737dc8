package market.udong.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MysqlTypesTest {

    @Test
    void integers_widenWhenUnsigned() {
        assertEquals(LakeType.BOOLEAN, MysqlTypes.lakeType("tinyint(1)"));
        assertEquals(LakeType.INT32, MysqlTypes.lakeType("tinyint(4)"));
        assertEquals(LakeType.INT32, MysqlTypes.lakeType("tinyint(3) unsigned"));
        assertEquals(LakeType.INT32, MysqlTypes.lakeType("smallint(6)"));
        assertEquals(LakeType.INT32, MysqlTypes.lakeType("int(11)"));
        assertEquals(LakeType.INT64, MysqlTypes.lakeType("int(10) unsigned"));
        assertEquals(LakeType.INT64, MysqlTypes.lakeType("int unsigned"), "MySQL 8 drops the display width");
        assertEquals(LakeType.INT64, MysqlTypes.lakeType("bigint(20)"));
        assertEquals(LakeType.decimal(20, 0), MysqlTypes.lakeType("bigint(20) unsigned zerofill"));
        assertEquals(LakeType.INT32, MysqlTypes.lakeType("year(4)"));
        assertEquals(LakeType.INT64, MysqlTypes.lakeType("bit(8)"));
    }

    @Test
    void decimalsAndTimes_followDesignSection6() {
        assertEquals(LakeType.decimal(12, 2), MysqlTypes.lakeType("decimal(12,2)"));
        assertEquals(LakeType.decimal(10, 0), MysqlTypes.lakeType("decimal"));
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("decimal(65,4)"), "wider than Parquet readers allow");
        assertEquals(LakeType.TIMESTAMP_LOCAL, MysqlTypes.lakeType("datetime(6)"));
        assertEquals(LakeType.TIMESTAMP_UTC, MysqlTypes.lakeType("timestamp"));
        assertEquals(LakeType.DATE, MysqlTypes.lakeType("date"));
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("time(6)"));
    }

    @Test
    void textAndBinary() {
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("enum('paid','shipped')"));
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("set('a)b','c')"));
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("longtext"));
        assertEquals(LakeType.STRING, MysqlTypes.lakeType("JSON"));
        assertEquals(LakeType.BINARY, MysqlTypes.lakeType("varbinary(16)"));
        assertEquals(LakeType.BINARY, MysqlTypes.lakeType("mediumblob"));
    }

    @Test
    void unknownTypes_areRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MysqlTypes.lakeType("vector(3)"));
        assertEquals(true, e.getMessage().contains("drop"), e.getMessage());
    }

    @Test
    void overrides_parseTheConfigNames() {
        assertEquals(LakeType.decimal(18, 4), LakeType.parseOverride("decimal(18,4)"));
        assertEquals(LakeType.TIMESTAMP_UTC, LakeType.parseOverride("timestamp"));
        assertEquals("decimal(18,4)", LakeType.parseOverride("decimal(18, 4)").catalogType());
        assertThrows(IllegalArgumentException.class, () -> LakeType.parseOverride("varchar"));
    }
}
