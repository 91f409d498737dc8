package market.udong.glue;

import market.udong.core.types.ColumnType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The Spark type of each curated column type ({@link ColumnType}), both ways. */
public final class SparkTypes {
    private SparkTypes() {
    }

    /** The Spark type that writes the column type to Parquet (DESIGN section 6). */
    public static DataType of(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> DataTypes.BooleanType;
            case INT -> DataTypes.IntegerType;
            case BIGINT -> DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
            case STRING -> DataTypes.StringType;
            case BINARY -> DataTypes.BinaryType;
        };
    }

    /** @throws IllegalArgumentException for Spark types the curated zone does not use (byte, short, arrays, ...) */
    public static ColumnType columnType(DataType type) {
        if (type instanceof DecimalType d) {
            return ColumnType.decimal(d.precision(), d.scale());
        }
        if (type.equals(DataTypes.BooleanType)) {
            return ColumnType.BOOLEAN;
        } else if (type.equals(DataTypes.IntegerType)) {
            return ColumnType.INT;
        } else if (type.equals(DataTypes.LongType)) {
            return ColumnType.BIGINT;
        } else if (type.equals(DataTypes.FloatType)) {
            return ColumnType.FLOAT;
        } else if (type.equals(DataTypes.DoubleType)) {
            return ColumnType.DOUBLE;
        } else if (type.equals(DataTypes.DateType)) {
            return ColumnType.DATE;
        } else if (type.equals(DataTypes.TimestampType)) {
            return ColumnType.TIMESTAMP;
        } else if (type.equals(DataTypes.TimestampNTZType)) {
            return ColumnType.TIMESTAMP_NTZ;
        } else if (type.equals(DataTypes.StringType)) {
            return ColumnType.STRING;
        } else if (type.equals(DataTypes.BinaryType)) {
            return ColumnType.BINARY;
        }
        throw new IllegalArgumentException("Spark type " + type.simpleString() + " has no curated column type");
    }
}
