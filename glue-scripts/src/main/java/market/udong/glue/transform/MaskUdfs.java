package market.udong.glue.transform;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.sql.Timestamp;
import market.udong.core.config.ColumnRule;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.types.ColumnType;
import market.udong.glue.SparkTypes;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * The Spark UDF for columns with a type override: the column's whole {@link ColumnTransform} (the
 * masking Lambda's code), so a value converted here equals the value the Lambda writes, bit for
 * bit. The HMAC key's secret string travels inside the UDF to the executors, where each task
 * builds its masks once.
 */
final class MaskUdfs {
    private MaskUdfs() {
    }

    /** One column's {@link ColumnTransform}: policy, then type override. */
    static UserDefinedFunction transform(String column, ColumnRule rule, ColumnType input, ColumnType output,
                                         String hmacSecret) {
        Transform t = new Transform(column, rule.policySpec(), rule.type(), input.kind().name(), input.precision(),
                input.scale(), hmacSecret);
        return udf((UDF1<Object, Object>) t::apply, SparkTypes.of(output));
    }

    /** A serializable HMAC key whose {@link ColumnMasks} is built once per deserialized copy (per task). */
    static final class Masks implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String secret;
        private transient volatile ColumnMasks masks;

        Masks(String secret) {
            this.secret = secret;
        }

        ColumnMasks get() {
            ColumnMasks m = masks;
            if (m == null) {
                m = ColumnMasks.fromSecretString(secret);
                masks = m;
            }
            return m;
        }
    }

    /** A serializable recipe for a {@link ColumnTransform}, built once per task. */
    static final class Transform implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String column;
        private final String policySpec;
        private final String typeOverride;
        private final String inputKind;
        private final int precision;
        private final int scale;
        private final Masks masks;
        private transient volatile ColumnTransform transform;

        Transform(String column, String policySpec, String typeOverride, String inputKind, int precision, int scale,
                  String secret) {
            this.column = column;
            this.policySpec = policySpec;
            this.typeOverride = typeOverride;
            this.inputKind = inputKind;
            this.precision = precision;
            this.scale = scale;
            this.masks = secret == null ? null : new Masks(secret);
        }

        Object apply(Object value) {
            if (value == null) {
                return null;
            }
            ColumnTransform t = transform;
            if (t == null) {
                t = ColumnTransform.of(column, ColumnRule.parse(policySpec, null, typeOverride),
                        new ColumnType(ColumnType.Kind.valueOf(inputKind), precision, scale),
                        masks == null ? null : masks.get());
                transform = t;
            }
            return t.apply(javaTime(value));
        }

        /** Spark hands dates and instants as java.sql classes unless java8API is on; core expects java.time. */
        private static Object javaTime(Object value) {
            if (value instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            if (value instanceof Timestamp t) {
                return t.toInstant();
            }
            if (value instanceof scala.math.BigDecimal d) {
                return d.bigDecimal();
            }
            return value;
        }
    }
}
