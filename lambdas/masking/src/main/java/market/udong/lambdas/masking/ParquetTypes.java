package market.udong.lambdas.masking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.PolicyViolation;
import market.udong.core.types.ColumnType;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Parquet's physical and logical types on one side, {@link ColumnType} (shared/DESIGN.md
 * section 6) on the other: how an input column's values are read as Java values, which input
 * columns may be copied as they are, and how an output column is declared and written.
 */
final class ParquetTypes {

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int JULIAN_EPOCH_DAY = 2_440_588;

    private ParquetTypes() {
    }

    /** A non-null physical value to read: the current value of a column reader, or a dictionary entry. */
    interface ValueSource {
        boolean getBoolean();

        int getInteger();

        long getLong();

        float getFloat();

        double getDouble();

        Binary getBinary();

        /** The current value of {@code reader}, which must be at a non-null value when read. */
        static ValueSource of(ColumnReader reader) {
            return new ValueSource() {
                @Override
                public boolean getBoolean() {
                    return reader.getBoolean();
                }

                @Override
                public int getInteger() {
                    return reader.getInteger();
                }

                @Override
                public long getLong() {
                    return reader.getLong();
                }

                @Override
                public float getFloat() {
                    return reader.getFloat();
                }

                @Override
                public double getDouble() {
                    return reader.getDouble();
                }

                @Override
                public Binary getBinary() {
                    return reader.getBinary();
                }
            };
        }
    }

    /** Where a non-null physical value goes: a column writer, a dictionary being built. */
    interface ValueSink {
        void write(boolean value);

        void write(int value);

        void write(long value);

        void write(float value);

        void write(double value);

        void write(Binary value);

        /** Writes each value to {@code writer} as a defined (non-null) value of a flat optional column. */
        static ValueSink of(ColumnWriter writer, int definitionLevel) {
            return new ValueSink() {
                @Override
                public void write(boolean value) {
                    writer.write(value, 0, definitionLevel);
                }

                @Override
                public void write(int value) {
                    writer.write(value, 0, definitionLevel);
                }

                @Override
                public void write(long value) {
                    writer.write(value, 0, definitionLevel);
                }

                @Override
                public void write(float value) {
                    writer.write(value, 0, definitionLevel);
                }

                @Override
                public void write(double value) {
                    writer.write(value, 0, definitionLevel);
                }

                @Override
                public void write(Binary value) {
                    writer.write(value, 0, definitionLevel);
                }
            };
        }
    }

    /** Reads a non-null physical value as the column type's Java value. */
    interface ValueReader {
        Object read(ValueSource source);
    }

    /** Writes a non-null Java value of the column type as its physical value. */
    interface ValueWriter {
        void write(ValueSink sink, Object value);
    }

    /**
     * The column type an input column is read as.
     *
     * @throws PolicyViolation for types the curated zone has no mapping for (nested, INTERVAL, ...)
     */
    static ColumnType inputType(PrimitiveType t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        String column = t.getName();
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return ColumnType.decimal(d.getPrecision(), d.getScale());
        }
        switch (t.getPrimitiveTypeName()) {
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            case INT32:
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
                    return ColumnType.BIGINT;
                }
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return ColumnType.DATE;
                }
                if (a instanceof TimeLogicalTypeAnnotation) {
                    return ColumnType.STRING;
                }
                return ColumnType.INT;
            case INT64:
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return ColumnType.decimal(20, 0);
                }
                if (a instanceof TimestampLogicalTypeAnnotation ts) {
                    return ts.isAdjustedToUTC() ? ColumnType.TIMESTAMP : ColumnType.TIMESTAMP_NTZ;
                }
                if (a instanceof TimeLogicalTypeAnnotation) {
                    return ColumnType.STRING;
                }
                return ColumnType.BIGINT;
            case INT96:
                return ColumnType.TIMESTAMP;
            case FLOAT:
                return ColumnType.FLOAT;
            case DOUBLE:
                return ColumnType.DOUBLE;
            case BINARY:
                return isText(a) ? ColumnType.STRING : ColumnType.BINARY;
            case FIXED_LEN_BYTE_ARRAY:
                if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return ColumnType.STRING;
                }
                if (a == null) {
                    return ColumnType.BINARY;
                }
                throw new PolicyViolation("column '" + column + "': Parquet type " + t + " has no curated mapping");
            default:
                throw new PolicyViolation("column '" + column + "': Parquet type " + t + " has no curated mapping");
        }
    }

    private static boolean isText(LogicalTypeAnnotation a) {
        return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    /**
     * The output declaration of an input column copied chunk by chunk (pages untouched), or
     * null when its encoding breaks DESIGN section 6 and the values must be rewritten (INT96,
     * unsigned 32/64-bit, TIME, millisecond or nanosecond timestamps, fixed-length binary).
     * Only the name (rename) and the annotation of text and small unsigned integers change:
     * neither changes a page's bytes.
     */
    static PrimitiveType copyableAs(PrimitiveType t, String outputName) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        LogicalTypeAnnotation out = a;
        switch (t.getPrimitiveTypeName()) {
            case BOOLEAN, FLOAT, DOUBLE:
                out = null;
                break;
            case INT32:
                if (a instanceof IntLogicalTypeAnnotation i) {
                    if (!i.isSigned() && i.getBitWidth() == 32) {
                        return null;
                    }
                    out = null;
                } else if (a instanceof TimeLogicalTypeAnnotation) {
                    return null;
                } else if (a != null && !(a instanceof DecimalLogicalTypeAnnotation)
                        && !(a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation)) {
                    return null;
                }
                break;
            case INT64:
                if (a instanceof IntLogicalTypeAnnotation i) {
                    if (!i.isSigned()) {
                        return null;
                    }
                    out = null;
                } else if (a instanceof TimestampLogicalTypeAnnotation ts) {
                    if (ts.getUnit() != TimeUnit.MICROS) {
                        return null;
                    }
                } else if (a != null && !(a instanceof DecimalLogicalTypeAnnotation)) {
                    return null;
                }
                break;
            case BINARY:
                if (isText(a)) {
                    out = LogicalTypeAnnotation.stringType();
                } else if (!(a instanceof DecimalLogicalTypeAnnotation)) {
                    out = null;
                }
                break;
            case FIXED_LEN_BYTE_ARRAY:
                if (!(a instanceof DecimalLogicalTypeAnnotation)) {
                    return null;
                }
                break;
            default:
                return null;
        }
        return Types.primitive(t.getPrimitiveTypeName(), t.getRepetition())
                .length(t.getTypeLength())
                .as(out)
                .named(outputName);
    }

    /** How an input column's values are read; see {@link #inputType}. */
    static ValueReader reader(PrimitiveType t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return switch (t.getPrimitiveTypeName()) {
                case INT32 -> r -> BigDecimal.valueOf(r.getInteger(), scale);
                case INT64 -> r -> BigDecimal.valueOf(r.getLong(), scale);
                default -> r -> new BigDecimal(new BigInteger(r.getBinary().getBytesUnsafe()), scale);
            };
        }
        switch (t.getPrimitiveTypeName()) {
            case BOOLEAN:
                return ValueSource::getBoolean;
            case INT32:
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
                    return r -> Integer.toUnsignedLong(r.getInteger());
                }
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return r -> LocalDate.ofEpochDay(r.getInteger());
                }
                if (a instanceof TimeLogicalTypeAnnotation) {
                    return r -> timeText(r.getInteger() * 1_000_000L);
                }
                return ValueSource::getInteger;
            case INT64:
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return r -> ColumnTransform.unsignedLong(r.getLong());
                }
                if (a instanceof TimestampLogicalTypeAnnotation ts) {
                    long perMicro = ts.getUnit() == TimeUnit.NANOS ? 1000 : 1;
                    long microsPer = ts.getUnit() == TimeUnit.MILLIS ? 1000 : 1;
                    boolean utc = ts.isAdjustedToUTC();
                    return r -> {
                        long micros = Math.floorDiv(r.getLong(), perMicro) * microsPer;
                        return utc ? instant(micros) : localDateTime(micros);
                    };
                }
                if (a instanceof TimeLogicalTypeAnnotation tm) {
                    long nanosPer = tm.getUnit() == TimeUnit.MICROS ? 1000 : tm.getUnit() == TimeUnit.MILLIS ? 1_000_000 : 1;
                    return r -> timeText(r.getLong() * nanosPer);
                }
                return ValueSource::getLong;
            case INT96:
                return r -> {
                    ByteBuffer b = r.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    long nanosOfDay = b.getLong();
                    int julianDay = b.getInt();
                    long micros = (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanosOfDay / 1000;
                    return instant(micros);
                };
            case FLOAT:
                return ValueSource::getFloat;
            case DOUBLE:
                return ValueSource::getDouble;
            case BINARY:
                if (isText(a)) {
                    return r -> r.getBinary().toStringUsingUTF8();
                }
                return r -> r.getBinary().getBytes();
            case FIXED_LEN_BYTE_ARRAY:
                if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return r -> {
                        ByteBuffer b = r.getBinary().toByteBuffer();
                        return new java.util.UUID(b.getLong(), b.getLong()).toString();
                    };
                }
                return r -> r.getBinary().getBytes();
            default:
                throw new PolicyViolation("column '" + t.getName() + "': Parquet type " + t + " has no curated mapping");
        }
    }

    /** The Parquet declaration of an output column of type {@code type} (always optional). */
    static PrimitiveType outputType(ColumnType type, String name) {
        Types.PrimitiveBuilder<PrimitiveType> b = switch (type.kind()) {
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
            case BINARY -> Types.optional(PrimitiveTypeName.BINARY);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN);
            case INT -> Types.optional(PrimitiveTypeName.INT32);
            case BIGINT -> Types.optional(PrimitiveTypeName.INT64);
            case FLOAT -> Types.optional(PrimitiveTypeName.FLOAT);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType());
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
            case TIMESTAMP_NTZ -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS));
            case DECIMAL -> {
                LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
                if (type.precision() <= 9) {
                    yield Types.optional(PrimitiveTypeName.INT32).as(dec);
                } else if (type.precision() <= 18) {
                    yield Types.optional(PrimitiveTypeName.INT64).as(dec);
                }
                yield Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(type.precision())).as(dec);
            }
        };
        return b.named(name);
    }

    /** How values of an output column declared by {@link #outputType} are written. */
    static ValueWriter writer(ColumnType type) {
        return switch (type.kind()) {
            case STRING -> (w, v) -> w.write(Binary.fromString((String) v));
            case BINARY -> (w, v) -> w.write(Binary.fromConstantByteArray((byte[]) v));
            case BOOLEAN -> (w, v) -> w.write((boolean) (Boolean) v);
            case INT -> (w, v) -> w.write((int) (Integer) v);
            case BIGINT -> (w, v) -> w.write((long) (Long) v);
            case FLOAT -> (w, v) -> w.write((float) (Float) v);
            case DOUBLE -> (w, v) -> w.write((double) (Double) v);
            case DATE -> (w, v) -> w.write((int) ((LocalDate) v).toEpochDay());
            case TIMESTAMP -> (w, v) -> w.write(micros((Instant) v));
            case TIMESTAMP_NTZ -> (w, v) -> w.write(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
            case DECIMAL -> {
                int precision = type.precision();
                int bytes = decimalBytes(precision);
                yield (w, v) -> {
                    BigInteger unscaled = ((BigDecimal) v).unscaledValue();
                    if (precision <= 9) {
                        w.write(unscaled.intValueExact());
                    } else if (precision <= 18) {
                        w.write(unscaled.longValueExact());
                    } else {
                        w.write(Binary.fromConstantByteArray(fixedBytes(unscaled, bytes)));
                    }
                };
            }
        };
    }

    /** Smallest byte count whose two's complement holds every unscaled value of the precision. */
    static int decimalBytes(int precision) {
        int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;
        return (bits + 7) / 8;
    }

    private static byte[] fixedBytes(BigInteger unscaled, int length) {
        byte[] raw = unscaled.toByteArray();
        byte[] out = new byte[length];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        int offset = length - raw.length;
        for (int i = 0; i < length; i++) {
            out[i] = i < offset ? pad : raw[i - offset];
        }
        return out;
    }

    static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static LocalDateTime localDateTime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** DESIGN section 6: TIME becomes {@code HH:mm:ss[.ffffff]}. */
    static String timeText(long nanosOfDay) {
        LocalTime t = LocalTime.ofNanoOfDay(nanosOfDay);
        String hms = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? hms : hms + String.format(java.util.Locale.ROOT, ".%06d", micros);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the column is flat (not inside a group, not repeated): the only shape we map. */
    static boolean isFlat(org.apache.parquet.column.ColumnDescriptor c) {
        return c.getPath().length == 1 && c.getMaxRepetitionLevel() == 0
                && c.getPrimitiveType().getRepetition() != Repetition.REPEATED;
    }
}
