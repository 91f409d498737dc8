package market.udong.glue.transform;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import market.udong.core.naming.CatalogNames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Adds the {@code dt} date partition column ({@link CatalogNames#DATE_PARTITION_KEY}) that names
 * each row's {@code dt=YYYY-MM-DD/} folder: the date of the table's partition column on the UTC
 * calendar, or the load date for tables without one. It reads the curated (already masked)
 * value, so a folder name never reveals more than the column it comes from.
 */
public final class DatePartition {
    private DatePartition() {
    }

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * @param column   output column whose date partitions the rows; empty to use {@code loadDate}
     * @param loadDate the run's date, for tables without a partition column
     * @throws IllegalArgumentException when the column is missing, not a date or timestamp, or
     *                                  the rows already have a {@code dt} column
     */
    public static Dataset<Row> add(Dataset<Row> in, Optional<String> column, LocalDate loadDate) {
        String key = CatalogNames.DATE_PARTITION_KEY;
        if (Arrays.asList(in.columns()).contains(key)) {
            throw new IllegalArgumentException("the table has a column named '" + key
                    + "', which is the curated zone's partition key; rename it in the source config");
        }
        return in.withColumn(key, column.map(c -> dateOf(in, c)).orElse(lit(loadDate)));
    }

    private static Column dateOf(Dataset<Row> in, String column) {
        if (!Arrays.asList(in.columns()).contains(column)) {
            throw new IllegalArgumentException("partition column '" + column + "' is not among the output columns "
                    + Arrays.toString(in.columns()) + "; it must be kept (or truncated), not dropped");
        }
        DataType type = in.schema().apply(column).dataType();
        Column c = in.col(column);
        if (type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampNTZType)) {
            return to_date(c);
        }
        if (type.equals(DataTypes.TimestampType)) {
            // The UTC day, whatever the session's time zone.
            return call_function("date_from_unix_date",
                    floor(call_function("unix_micros", c).divide(lit(MICROS_PER_DAY))).cast(DataTypes.IntegerType));
        }
        throw new IllegalArgumentException("partition column '" + column + "' is " + type.simpleString()
                + "; it must be a date or timestamp");
    }
}
