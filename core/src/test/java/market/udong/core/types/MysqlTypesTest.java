package market.udong.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MysqlTypesTest {

    @Test
    void integers_widenWhenUnsigned() {
        assertEquals(ColumnType.BOOLEAN, MysqlTypes.columnType("tinyint(1)"));
        assertEquals(ColumnType.INT, MysqlTypes.columnType("tinyint(4)"));
        assertEquals(ColumnType.INT, MysqlTypes.columnType("tinyint(3) unsigned"));
        assertEquals(ColumnType.INT, MysqlTypes.columnType("smallint(6)"));
        assertEquals(ColumnType.INT, MysqlTypes.columnType("int(11)"));
        assertEquals(ColumnType.BIGINT, MysqlTypes.columnType("int(10) unsigned"));
        assertEquals(ColumnType.BIGINT, MysqlTypes.columnType("int unsigned"), "MySQL 8 drops the display width");
        assertEquals(ColumnType.BIGINT, MysqlTypes.columnType("bigint(20)"));
        assertEquals(ColumnType.decimal(20, 0), MysqlTypes.columnType("bigint(20) unsigned zerofill"));
        assertEquals(ColumnType.INT, MysqlTypes.columnType("year(4)"));
        assertEquals(ColumnType.BIGINT, MysqlTypes.columnType("bit(8)"));
    }

    @Test
    void decimalsAndTimes_followDesignSection6() {
        assertEquals(ColumnType.decimal(12, 2), MysqlTypes.columnType("decimal(12,2)"));
        assertEquals(ColumnType.decimal(10, 0), MysqlTypes.columnType("decimal"));
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("decimal(65,4)"), "wider than Parquet readers allow");
        assertEquals(ColumnType.TIMESTAMP_NTZ, MysqlTypes.columnType("datetime(6)"));
        assertEquals(ColumnType.TIMESTAMP, MysqlTypes.columnType("timestamp"));
        assertEquals(ColumnType.DATE, MysqlTypes.columnType("date"));
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("time(6)"));
    }

    @Test
    void textAndBinary() {
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("enum('paid','shipped')"));
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("set('a)b','c')"));
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("longtext"));
        assertEquals(ColumnType.STRING, MysqlTypes.columnType("JSON"));
        assertEquals(ColumnType.BINARY, MysqlTypes.columnType("varbinary(16)"));
        assertEquals(ColumnType.BINARY, MysqlTypes.columnType("mediumblob"));
    }

    @Test
    void unknownTypes_areRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MysqlTypes.columnType("vector(3)"));
        assertEquals(true, e.getMessage().contains("drop"), e.getMessage());
    }
}
