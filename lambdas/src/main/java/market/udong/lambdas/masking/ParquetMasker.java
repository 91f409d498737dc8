package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.masking.ColumnType;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.masking.PolicyViolation;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.impl.ColumnWriteStoreV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Masks one Parquet file into another, row group by row group, following a table's column
 * policies ({@link MaskingPlan}, {@link ColumnTransform}).
 *
 * <ul>
 * <li>Columns kept as they are (and whose encoding already meets shared/DESIGN.md section 6) are
 *     copied chunk by chunk, compressed pages untouched, as parquet-java's rewriter does; a
 *     rename or a text annotation (ENUM, JSON → STRING) only changes the footer.</li>
 * <li>Every other column is decoded, transformed and re-encoded with SNAPPY; its statistics
 *     and indexes are computed from the masked values, so no original value survives in
 *     headers or footers.</li>
 * <li>Memory: one row group's masked columns (compressed input and output) at a time; copied
 *     columns stream through an 8 KiB buffer.</li>
 * </ul>
 *
 * Thread-safe; one instance serves every file.
 */
public final class ParquetMasker {

    /** Codec of re-encoded columns. */
    public static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;
    private static final int PAGE_SIZE = 1 << 20;
    private static final int COLUMN_INDEX_TRUNCATE = 64;

    private final ParquetReadOptions readOptions = HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE);

    /**
     * Masks {@code in} into {@code out}.
     *
     * @param masks the environment's hashing key; may be null when no column is hashed
     * @throws PolicyViolation when the file's schema breaks the table's policy (unclassified columns with
     *                         {@code onUnknownColumn: fail}, nested columns, a policy that does not fit a type)
     * @throws IOException     when the input is not readable Parquet
     */
    public MaskingReport mask(InputFile in, OutputFile out, TableConfig table, ColumnMasks masks) throws IOException {
        try {
            return maskOrThrow(in, out, table, masks);
        } catch (PolicyViolation | IOException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("column '")) {
                // A value that cannot take the configured type: the policy does not fit this data.
                throw new PolicyViolation(e.getMessage());
            }
            throw new IOException("not readable as Parquet: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // parquet-java reports corrupt footers and pages with unchecked exceptions.
            throw new IOException("not readable as Parquet: " + e.getMessage(), e);
        }
    }

    private MaskingReport maskOrThrow(InputFile in, OutputFile out, TableConfig table, ColumnMasks masks)
            throws IOException {
        try (ParquetFileReader reader = new ParquetFileReader(in, readOptions);
             SeekableInputStream raw = in.newStream()) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (Type field : schema.getFields()) {
                if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                    throw new PolicyViolation("column '" + field.getName() + "' is nested or repeated;"
                            + " only flat tables (RDS export, DMS) are supported");
                }
            }
            List<String> names = schema.getFields().stream().map(Type::getName).toList();
            MaskingPlan plan = MaskingPlan.of(table, names);
            List<Column> columns = plan(schema, plan, masks);

            MessageType outSchema = new MessageType("schema", columns.stream().map(c -> (Type) c.outType).toList());
            List<PrimitiveType> rewritten = columns.stream().filter(c -> !c.copied).map(c -> c.inType).toList();
            MessageType rewriteSchema = new MessageType("rewrite", rewritten.stream().map(t -> (Type) t).toList());
            reader.setRequestedSchema(rewriteSchema);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();

            ParquetFileWriter writer = new ParquetFileWriter(out, outSchema, ParquetFileWriter.Mode.OVERWRITE,
                    128L * 1024 * 1024, 0, COLUMN_INDEX_TRUNCATE, Integer.MAX_VALUE, false);
            writer.start();
            long rows = 0;
            int groups = 0;
            List<BlockMetaData> blocks = reader.getRowGroups();
            for (int g = 0; g < blocks.size(); g++) {
                BlockMetaData block = blocks.get(g);
                if (block.getRowCount() == 0) {
                    continue;
                }
                writer.startBlock(block.getRowCount());
                ColumnReadStoreImpl readStore = null;
                if (!rewritten.isEmpty()) {
                    PageReadStore pages = reader.readRowGroup(g);
                    readStore = new ColumnReadStoreImpl(pages, new SkippingConverter(rewriteSchema), rewriteSchema, createdBy);
                }
                for (Column c : columns) {
                    if (c.copied) {
                        writer.appendColumnChunk(c.outDescriptor, raw, renamed(chunkOf(block, c.inDescriptor), c.outType),
                                null, null, null);
                    } else {
                        rewrite(c, readStore.getColumnReader(c.inDescriptor), block.getRowCount(), writer, masks);
                    }
                }
                writer.endBlock();
                rows += block.getRowCount();
                groups++;
            }
            writer.end(Map.of());
            List<MaskingReport.OutputColumn> report = columns.stream()
                    .map(c -> new MaskingReport.OutputColumn(c.step.source(), c.step.output(), c.transform.outputType(),
                            c.step.rule().policy().hidesValues(), c.copied))
                    .toList();
            if (rows != reader.getRecordCount()) {
                throw new IOException("read " + rows + " rows but the footer counts " + reader.getRecordCount());
            }
            return new MaskingReport(rows, rows, groups, report, plan.dropped(), plan.unknown());
        }
    }

    private static List<Column> plan(MessageType schema, MaskingPlan plan, ColumnMasks masks) {
        List<Column> columns = new ArrayList<>();
        Set<String> outputNames = new HashSet<>();
        for (MaskingPlan.Step step : plan.steps()) {
            if (!outputNames.add(step.output().toLowerCase(java.util.Locale.ROOT))) {
                throw new PolicyViolation("two columns would be written as '" + step.output() + "'; fix the renames");
            }
            PrimitiveType inType = schema.getType(step.source()).asPrimitiveType();
            ColumnDescriptor inDescriptor = schema.getColumnDescription(new String[] {step.source()});
            ColumnType inputType = ParquetTypes.inputType(inType);
            ColumnTransform transform = ColumnTransform.of(step.source(), step.rule(), inputType, masks);
            PrimitiveType copyAs = transform.isIdentity() ? ParquetTypes.copyableAs(inType, step.output()) : null;
            if (copyAs != null) {
                columns.add(new Column(step, inType, inDescriptor, copyAs, transform, true));
            } else {
                columns.add(new Column(step, inType, inDescriptor,
                        ParquetTypes.outputType(transform.outputType(), step.output()), transform, false));
            }
        }
        if (columns.isEmpty()) {
            throw new PolicyViolation("no column of the file is kept by the policy; nothing would reach the curated zone");
        }
        return columns;
    }

    private static void rewrite(Column c, ColumnReader in, long rowCount, ParquetFileWriter writer, ColumnMasks masks)
            throws IOException {
        MessageType one = new MessageType("column", c.outType);
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(d -> ParquetCodecs.INSTANCE.getCompressor(CODEC))
                .withSchema(one)
                .withAllocator(HeapByteBufferAllocator.getInstance())
                .withColumnIndexTruncateLength(COLUMN_INDEX_TRUNCATE)
                .build();
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageSize(PAGE_SIZE)
                .withDictionaryPageSize(PAGE_SIZE)
                // A pseudonym column has the input's cardinality: a dictionary would only be built to be dropped.
                .withDictionaryEncoding(c.step.rule().policy() != ColumnPolicy.HASH)
                .build();
        ColumnWriteStoreV1 store = new ColumnWriteStoreV1(one, pages, properties);
        ColumnWriter out = store.getColumnWriter(c.outDescriptor);
        int maxDefinition = c.inDescriptor.getMaxDefinitionLevel();
        int outDefinition = c.outDescriptor.getMaxDefinitionLevel();
        RowWriter rowWriter = rowWriter(c, out, outDefinition, masks);
        for (long r = 0; r < rowCount; r++) {
            if (in.getCurrentDefinitionLevel() == maxDefinition) {
                rowWriter.write(in);
            } else {
                out.writeNull(0, 0);
            }
            in.consume();
            store.endRecord();
        }
        store.flush();
        pages.flushToFileWriter(writer);
        store.close();
        pages.close();
    }

    /** Writes the current non-null input value of a row. */
    private interface RowWriter {
        void write(ColumnReader in);
    }

    private static RowWriter rowWriter(Column c, ColumnWriter out, int outDefinition, ColumnMasks masks) {
        ColumnTransform t = c.transform;
        boolean textIn = c.inType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && t.inputType().kind() == ColumnType.Kind.STRING;
        if (c.step.rule().policy() == ColumnPolicy.HASH && c.step.rule().type() == null && textIn) {
            // Hot path: hash the encoded UTF-8 bytes straight to hex bytes, as hash(String) would.
            return in -> {
                Binary v = in.getBinary();
                byte[] bytes = v.getBytesUnsafe();
                out.write(Binary.fromConstantByteArray(masks.hashHex(bytes, 0, bytes.length)), 0, outDefinition);
            };
        }
        if (c.step.rule().policy() == ColumnPolicy.MASK_PHONE && c.step.rule().type() == null && textIn) {
            // ASCII values (the usual phone number) are masked in their bytes; others take the String path,
            // where Character.isDigit also knows non-ASCII digits.
            return in -> {
                Binary v = in.getBinary();
                byte[] masked = maskAsciiPhone(v.getBytesUnsafe(), v.length());
                out.write(masked != null ? Binary.fromConstantByteArray(masked)
                        : Binary.fromString(market.udong.core.masking.ColumnMasks.maskPhone(v.toStringUsingUTF8())),
                        0, outDefinition);
            };
        }
        if (c.step.rule().policy() == ColumnPolicy.NULLIFY) {
            return in -> out.writeNull(0, 0);
        }
        ParquetTypes.ValueReader read = ParquetTypes.reader(c.inType);
        ParquetTypes.ValueWriter write = ParquetTypes.writer(t.outputType());
        return in -> {
            Object v = t.apply(read.read(in));
            if (v == null) {
                out.writeNull(0, 0);
            } else {
                write.write(out, v, outDefinition);
            }
        };
    }

    /** {@link ColumnMasks#maskPhone} on ASCII bytes; null when a byte is not ASCII. */
    static byte[] maskAsciiPhone(byte[] value, int length) {
        int digits = 0;
        for (int i = 0; i < length; i++) {
            byte b = value[i];
            if (b < 0) {
                return null;
            }
            if (b >= '0' && b <= '9') {
                digits++;
            }
        }
        byte[] out = java.util.Arrays.copyOf(value, length);
        int seen = 0;
        for (int i = 0; i < length; i++) {
            if (out[i] >= '0' && out[i] <= '9' && ++seen <= digits - 4) {
                out[i] = '*';
            }
        }
        return out;
    }

    private static ColumnChunkMetaData chunkOf(BlockMetaData block, ColumnDescriptor column) {
        ColumnPath path = ColumnPath.get(column.getPath());
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().equals(path)) {
                return chunk;
            }
        }
        throw new IllegalStateException("row group has no chunk for column " + path);
    }

    /** The chunk's metadata under the output name and annotation; offsets still point into the input. */
    private static ColumnChunkMetaData renamed(ColumnChunkMetaData chunk, PrimitiveType outType) {
        Statistics.Builder stats = Statistics.getBuilderForReading(outType);
        Statistics<?> in = chunk.getStatistics();
        if (in != null && !in.isEmpty()) {
            if (in.hasNonNullValue()) {
                stats.withMin(in.getMinBytes()).withMax(in.getMaxBytes());
            }
            if (in.isNumNullsSet()) {
                stats.withNumNulls(in.getNumNulls());
            }
        }
        return ColumnChunkMetaData.get(ColumnPath.get(outType.getName()), outType, chunk.getCodec(),
                chunk.getEncodingStats(), chunk.getEncodings(), stats.build(), chunk.getFirstDataPageOffset(),
                chunk.getDictionaryPageOffset(), chunk.getValueCount(), chunk.getTotalSize(),
                chunk.getTotalUncompressedSize());
    }

    /** One output column and how it is made. */
    private static final class Column {
        final MaskingPlan.Step step;
        final PrimitiveType inType;
        final ColumnDescriptor inDescriptor;
        final PrimitiveType outType;
        final ColumnDescriptor outDescriptor;
        final ColumnTransform transform;
        final boolean copied;

        Column(MaskingPlan.Step step, PrimitiveType inType, ColumnDescriptor inDescriptor, PrimitiveType outType,
               ColumnTransform transform, boolean copied) {
            this.step = step;
            this.inType = inType;
            this.inDescriptor = inDescriptor;
            this.outType = outType;
            this.outDescriptor = new MessageType("column", outType).getColumnDescription(new String[] {outType.getName()});
            this.transform = transform;
            this.copied = copied;
        }
    }

    /** Converters are required by the column readers' API but values are pulled, not pushed. */
    private static final class SkippingConverter extends GroupConverter {
        private final List<Converter> children = new ArrayList<>();

        SkippingConverter(MessageType schema) {
            for (int i = 0; i < schema.getFieldCount(); i++) {
                children.add(new PrimitiveConverter() {
                });
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children.get(fieldIndex);
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
