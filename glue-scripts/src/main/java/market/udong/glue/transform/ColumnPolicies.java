package market.udong.glue.transform;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.types.LakeType;
import market.udong.glue.source.JdbcSource;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a table's column policies (shared/DESIGN.md section 5) to a dataset: one output column
 * per plan step, in plan order, renamed and retyped as configured. Columns the plan drops or does
 * not know never reach the output. Values are changed only through the {@code core} masking
 * functions, so every path produces the same curated values.
 */
public final class ColumnPolicies {
    private ColumnPolicies() {
    }

    private static final Set<ColumnPolicy> TEXT_RESULT = Set.of(
            ColumnPolicy.HASH, ColumnPolicy.MASK_EMAIL, ColumnPolicy.MASK_PHONE, ColumnPolicy.REDACT);

    /**
     * @param in      rows with at least the plan's source columns
     * @param plan    the table's plan for these columns
     * @param hmacKey the environment's key for {@code hash}
     * @throws IllegalArgumentException when a policy does not fit its column's type, e.g. {@code mask_email}
     *                                  on a number or {@code truncate} on text
     */
    public static Dataset<Row> apply(Dataset<Row> in, MaskingPlan plan, byte[] hmacKey) {
        StructType schema = in.schema();
        List<Column> out = new ArrayList<>();
        for (MaskingPlan.Step step : plan.steps()) {
            DataType type = schema.apply(step.source()).dataType();
            Column c = policy(in.col(step.source()), type, step.source(), step.rule(), hmacKey);
            if (step.rule().type() != null) {
                c = c.cast(overrideType(step.source(), step.rule()));
            }
            out.add(c.as(step.output()));
        }
        return in.select(out.toArray(Column[]::new));
    }

    private static Column policy(Column c, DataType type, String column, ColumnRule rule, byte[] key) {
        return switch (rule.policy()) {
            case KEEP -> c;
            case HASH -> hash(c, type, key);
            case MASK_EMAIL -> MaskUdfs.maskEmail().apply(text(c, type, column, rule));
            case MASK_PHONE -> MaskUdfs.maskPhone().apply(text(c, type, column, rule));
            case REDACT -> when(c.isNull(), lit(null).cast(DataTypes.StringType)).otherwise(lit(ColumnMasks.REDACTED));
            case NULLIFY -> lit(null).cast(type);
            case TRUNCATE -> truncate(c, type, column, rule);
            case DROP -> throw new IllegalStateException("dropped column " + column + " has no plan step");
        };
    }

    private static Column hash(Column c, DataType type, byte[] key) {
        if (type.equals(DataTypes.StringType)) {
            // Spark holds text as UTF-8 bytes, which is what hash(String) digests: casting to binary
            // hands the UDF those bytes without decoding them to a String and encoding them again.
            return MaskUdfs.hashBytes(key).apply(c.cast(DataTypes.BinaryType));
        }
        if (type.equals(DataTypes.BinaryType)) {
            return MaskUdfs.hashBytes(key).apply(c);
        }
        return MaskUdfs.hashValue(key).apply(c);
    }

    private static Column text(Column c, DataType type, String column, ColumnRule rule) {
        if (!type.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("column '" + column + "' is " + type.simpleString() + " but "
                    + rule.policySpec() + " applies to text columns only; use hash, redact or nullify");
        }
        return c;
    }

    private static Column truncate(Column c, DataType type, String column, ColumnRule rule) {
        if (type.equals(DataTypes.DateType)) {
            return call_function("date_from_unix_date",
                    MaskUdfs.truncateEpochDay(rule.truncateUnit()).apply(call_function("unix_date", c)));
        }
        if (type.equals(DataTypes.TimestampType)) {
            return call_function("timestamp_micros",
                    MaskUdfs.truncateMicros(rule.truncateUnit()).apply(call_function("unix_micros", c)));
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return MaskUdfs.truncateLocalDateTime(rule.truncateUnit()).apply(c);
        }
        throw new IllegalArgumentException("column '" + column + "' is " + type.simpleString() + " but "
                + rule.policySpec() + " applies to dates and timestamps only");
    }

    private static DataType overrideType(String column, ColumnRule rule) {
        LakeType type = LakeType.parseOverride(rule.type());
        if (TEXT_RESULT.contains(rule.policy()) && type.kind() != LakeType.Kind.STRING) {
            throw new IllegalArgumentException("column '" + column + "' cannot be both " + rule.policySpec()
                    + " (which writes text) and typed " + rule.type());
        }
        return JdbcSource.sparkType(type);
    }
}
