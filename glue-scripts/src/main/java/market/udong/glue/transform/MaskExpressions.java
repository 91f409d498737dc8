package market.udong.glue.transform;

import java.util.Arrays;
import market.udong.core.config.TruncateUnit;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.types.ColumnType;
import market.udong.glue.SparkTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ObjectType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Column policies as Catalyst expressions that call the masking functions directly from a query's
 * generated code: Spark's {@code StaticInvoke} and {@code Invoke}, the expressions its own encoders
 * and V2 functions compile to. Unlike a UDF, a call passes Spark's internal values (UTF-8 bytes,
 * day and microsecond counts) as they are, with no conversion to and from Java objects per value,
 * and whole-stage code generation covers the projection.
 *
 * <p>Spark's built-in functions were measured against these (1,000,000 cached rows, JVM CPU; see
 * docs/benchmarks.md): {@code sha2} composed into HMAC costs twice the direct call (four SHA-256
 * compressions instead of two, hex round trips) and would print key-derived pads into every plan;
 * {@code regexp_replace} for {@code mask_phone} costs about 18 times the byte-level call;
 * {@code trunc} costs the same as calling {@link ColumnMasks#truncateEpochDay}, which is therefore
 * called, so no rule is written twice. Null in gives null out without a call, as the core functions do.
 */
final class MaskExpressions {
    private MaskExpressions() {
    }

    /** {@code hash}: a string, the hex HMAC of the column's text form (or raw bytes for binary). */
    static Column hash(Column column, ColumnType.Kind kind, HmacHex hasher) {
        String method = switch (kind) {
            case STRING -> "text";
            case BINARY -> "binary";
            case BOOLEAN -> "ofBoolean";
            case INT -> "ofInt";
            case BIGINT -> "ofLong";
            case FLOAT -> "ofFloat";
            case DOUBLE -> "ofDouble";
            case DECIMAL -> "ofDecimal";
            case DATE -> "ofDate";
            case TIMESTAMP -> "ofTimestamp";
            case TIMESTAMP_NTZ -> "ofTimestampNtz";
        };
        Expression target = Literal.create(hasher, new ObjectType(HmacHex.class));
        return new Column(new Invoke(target, method, DataTypes.StringType, seq(column.expr()), noInputTypes(),
                true, false, true));
    }

    /** {@code mask_email} on a string column. */
    static Column maskEmail(Column column) {
        return staticCall(Utf8Masks.class, "maskEmail", DataTypes.StringType, column.expr());
    }

    /** {@code mask_phone} on a string column. */
    static Column maskPhone(Column column) {
        return staticCall(Utf8Masks.class, "maskPhone", DataTypes.StringType, column.expr());
    }

    /**
     * {@code truncate(unit)} on a date, timestamp or wall-clock timestamp column: the core function
     * on Spark's day count, or on its microsecond count, which for both timestamp kinds is the UTC
     * reading that {@link ColumnMasks#truncateMicros} takes.
     */
    static Column truncate(Column column, ColumnType input, TruncateUnit unit) {
        Expression unitLiteral = Literal.create(unit, new ObjectType(TruncateUnit.class));
        DataType type = SparkTypes.of(input);
        return switch (input.kind()) {
            case DATE -> staticCall(ColumnMasks.class, "truncateEpochDay", type, column.expr(), unitLiteral);
            case TIMESTAMP, TIMESTAMP_NTZ -> staticCall(ColumnMasks.class, "truncateMicros", type, column.expr(),
                    unitLiteral);
            default -> throw new IllegalArgumentException("truncate applies to dates and timestamps, not " + input);
        };
    }

    private static Column staticCall(Class<?> owner, String method, DataType result, Expression... arguments) {
        return new Column(new StaticInvoke(owner, result, method, seq(arguments), noInputTypes(), true, false, true));
    }

    private static Seq<Expression> seq(Expression... expressions) {
        return JavaConverters.asScalaBuffer(Arrays.asList(expressions)).toSeq();
    }

    private static Seq<AbstractDataType> noInputTypes() {
        return JavaConverters.asScalaBuffer(java.util.List.<AbstractDataType>of()).toSeq();
    }
}
