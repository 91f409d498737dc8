package market.udong.glue.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import market.udong.glue.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatePartitionTest {

    private static final LocalDate LOAD_DATE = LocalDate.of(2026, 11, 26);

    private final SparkSession spark = LocalSpark.session();

    @BeforeEach
    void seoulSessionWithJavaTime() {
        // The job's setting for UDF values; a session zone other than UTC shows dt does not depend on it.
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        spark.conf().set("spark.sql.session.timeZone", "Asia/Seoul");
    }

    private Dataset<Row> orders() {
        StructType schema = new StructType()
                .add("order_id", DataTypes.LongType)
                .add("paid_at", DataTypes.TimestampType)
                .add("ordered_at", DataTypes.TimestampNTZType)
                .add("ship_date", DataTypes.DateType)
                .add("status", DataTypes.StringType);
        // 23:30 UTC is already the next day in Seoul, the session's zone here.
        return spark.createDataFrame(List.of(RowFactory.create(1L, Instant.parse("2026-11-24T23:30:00Z"),
                LocalDateTime.of(2026, 11, 24, 23, 30), LocalDate.of(2026, 11, 23), "paid")), schema);
    }

    @Test
    void add_usesTheUtcDateOfAnInstant_evenInASeoulSession() {
        Row row = DatePartition.add(orders(), Optional.of("paid_at"), LOAD_DATE).first();
        assertEquals(LocalDate.of(2026, 11, 24), row.getAs("dt"));
    }

    @Test
    void add_usesTheWallClockDate_ofDatetimeAndDateColumns() {
        assertEquals(LocalDate.of(2026, 11, 24),
                DatePartition.add(orders(), Optional.of("ordered_at"), LOAD_DATE).first().getAs("dt"));
        assertEquals(LocalDate.of(2026, 11, 23),
                DatePartition.add(orders(), Optional.of("ship_date"), LOAD_DATE).first().getAs("dt"));
    }

    @Test
    void add_usesTheLoadDate_withoutAPartitionColumn() {
        Row row = DatePartition.add(orders(), Optional.empty(), LOAD_DATE).first();
        assertEquals(LOAD_DATE, row.getAs("dt"));
    }

    @Test
    void add_rejectsTextAndMissingColumns() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> DatePartition.add(orders(), Optional.of("status"), LOAD_DATE));
        assertTrue(text.getMessage().contains("date or timestamp"), text.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DatePartition.add(orders(), Optional.of("created_at"), LOAD_DATE));
        assertTrue(missing.getMessage().contains("not among the output columns"), missing.getMessage());
    }
}
