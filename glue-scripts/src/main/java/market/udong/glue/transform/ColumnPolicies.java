package market.udong.glue.transform;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import market.udong.core.config.ColumnRule;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.types.ColumnType;
import market.udong.core.types.LakeTimestamps;
import market.udong.glue.SparkTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a table's column policies (shared/DESIGN.md section 5) to a dataset: one output column
 * per plan step, in plan order, renamed and retyped as configured. Columns the plan drops or does
 * not know never reach the output.
 *
 * <p>Every value change is {@code core}'s: policies without a type override compile to Catalyst
 * expressions ({@link MaskExpressions}) that call the {@link ColumnMasks} functions, or byte-level
 * forms proven equal to them, from the query's generated code; {@code keep} passes the column
 * through, {@code nullify} writes a typed null and {@code redact} a constant. A type override
 * runs the column's whole {@link ColumnTransform} (the masking Lambda's code) as a Spark UDF.
 */
public final class ColumnPolicies {
    private ColumnPolicies() {
    }

    /**
     * @param in         rows with at least the plan's source columns
     * @param plan       the table's plan for these columns
     * @param hmacSecret the environment's HMAC key as its Secrets Manager string ({@link ColumnMasks#fromSecretString})
     * @throws market.udong.core.masking.PolicyViolation when a policy or type override does not fit its
     *                                                    column's type, e.g. {@code mask_email} on a number
     */
    public static Dataset<Row> apply(Dataset<Row> in, MaskingPlan plan, String hmacSecret) {
        return in.select(columns(in, plan, hmacSecret).toArray(Column[]::new));
    }

    /**
     * The output columns {@link #apply} selects, for a caller that selects more beside them (the
     * events job keeps each record's Kafka coordinates).
     */
    public static List<Column> columns(Dataset<Row> in, MaskingPlan plan, String hmacSecret) {
        ColumnMasks masks = ColumnMasks.fromSecretString(hmacSecret);
        HmacHex hasher = new HmacHex(hmacSecret);
        StructType schema = in.schema();
        List<Column> out = new ArrayList<>();
        for (MaskingPlan.Step step : plan.steps()) {
            ColumnType input = SparkTypes.columnType(schema.apply(step.source()).dataType());
            ColumnRule rule = step.rule();
            // Built here, on the driver, so a policy that does not fit fails before any row is read.
            ColumnTransform transform = ColumnTransform.of(step.source(), rule, input, masks);
            Column c = in.col(step.source());
            Column result;
            if (transform.isIdentity()) {
                // The only value change of a keep; every other path's timestamps end by the bound
                // already (core's transform bounds them, truncation and nullify cannot pass it).
                result = bounded(c, input);
            } else if (rule.type() == null) {
                result = policy(c, input, rule, hasher);
            } else {
                result = MaskUdfs.transform(step.source(), rule, input, transform.outputType(), hmacSecret).apply(c);
            }
            out.add(result.as(step.output()));
        }
        return out;
    }

    /**
     * A timestamp column with any value later than the lake's latest written as that
     * ({@link LakeTimestamps}); null stays null. Other columns as they are.
     */
    static Column bounded(Column c, ColumnType type) {
        Column latest = switch (type.kind()) {
            case TIMESTAMP -> lit(LakeTimestamps.LATEST_INSTANT);
            case TIMESTAMP_NTZ -> lit(LakeTimestamps.LATEST_WALL_CLOCK);
            default -> null;
        };
        return latest == null ? c : when(c.gt(latest), latest).otherwise(c);
    }

    /** A policy without type override; {@link ColumnTransform#of} has checked that it fits the input type. */
    private static Column policy(Column c, ColumnType input, ColumnRule rule, HmacHex hasher) {
        return switch (rule.policy()) {
            case NULLIFY -> lit(null).cast(SparkTypes.of(input));
            case REDACT -> when(c.isNull(), lit(null).cast(DataTypes.StringType)).otherwise(lit(ColumnMasks.REDACTED));
            case HASH -> MaskExpressions.hash(c, input.kind(), hasher);
            case MASK_EMAIL -> MaskExpressions.maskEmail(c);
            case MASK_PHONE -> MaskExpressions.maskPhone(c);
            case TRUNCATE -> MaskExpressions.truncate(c, input, rule.truncateUnit());
            case KEEP, DROP -> throw new IllegalStateException(rule.policy() + " has no value change");
        };
    }
}
