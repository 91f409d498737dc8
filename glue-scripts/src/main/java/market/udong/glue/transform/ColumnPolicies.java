package market.udong.glue.transform;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import market.udong.core.config.ColumnRule;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.ColumnType;
import market.udong.core.masking.MaskingPlan;
import market.udong.glue.SparkTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a table's column policies (shared/DESIGN.md section 5) to a dataset: one output column
 * per plan step, in plan order, renamed and retyped as configured. Columns the plan drops or does
 * not know never reach the output. Every value change is {@code core}'s {@link ColumnTransform}
 * (the masking Lambda's code), run as a Spark UDF. Policies without a type override take shorter
 * roads to the same values, each calling the {@link ColumnMasks} function that
 * {@link ColumnTransform} calls, so they cannot differ: {@code keep} passes the column through,
 * {@code nullify} writes a typed null, {@code redact} a constant, {@code hash} digests Spark's
 * UTF-8 bytes of text, the text masks take strings, and {@code truncate} works on Spark's day and
 * microsecond counts; none of them builds a java object per value beyond what the function needs.
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
        ColumnMasks masks = ColumnMasks.fromSecretString(hmacSecret);
        StructType schema = in.schema();
        List<Column> out = new ArrayList<>();
        for (MaskingPlan.Step step : plan.steps()) {
            ColumnType input = SparkTypes.columnType(schema.apply(step.source()).dataType());
            ColumnRule rule = step.rule();
            // Built here, on the driver, so a policy that does not fit fails before any row is read.
            ColumnTransform transform = ColumnTransform.of(step.source(), rule, input, masks);
            Column c = in.col(step.source());
            Column result = transform.isIdentity() ? c
                    : rule.type() == null ? direct(c, input, rule, hmacSecret) : null;
            if (result == null) {
                result = MaskUdfs.transform(step.source(), rule, input, transform.outputType(), hmacSecret).apply(c);
            }
            out.add(result.as(step.output()));
        }
        return in.select(out.toArray(Column[]::new));
    }

    /** The shorter road for a policy without type override, or null where there is none. */
    private static Column direct(Column c, ColumnType input, ColumnRule rule, String hmacSecret) {
        ColumnType.Kind kind = input.kind();
        return switch (rule.policy()) {
            case NULLIFY -> lit(null).cast(SparkTypes.of(input));
            case REDACT -> when(c.isNull(), lit(null).cast(DataTypes.StringType)).otherwise(lit(ColumnMasks.REDACTED));
            // Spark holds text as UTF-8 bytes, the bytes hash(String) digests; the hex digest comes
            // back as ASCII bytes, which are already the string's UTF-8 form.
            case HASH -> kind == ColumnType.Kind.STRING || kind == ColumnType.Kind.BINARY
                    ? MaskUdfs.hashHex(hmacSecret).apply(c.cast(DataTypes.BinaryType)).cast(DataTypes.StringType)
                    : null;
            case MASK_EMAIL -> MaskUdfs.maskEmail().apply(c);
            case MASK_PHONE -> MaskUdfs.maskPhone().apply(c);
            case TRUNCATE -> switch (kind) {
                case DATE -> call_function("date_from_unix_date",
                        MaskUdfs.truncateEpochDay(rule.truncateUnit()).apply(call_function("unix_date", c)));
                case TIMESTAMP -> call_function("timestamp_micros",
                        MaskUdfs.truncateMicros(rule.truncateUnit()).apply(call_function("unix_micros", c)));
                default -> null;
            };
            default -> null;
        };
    }
}
