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
import market.udong.core.masking.ColumnValueException;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.masking.PolicyViolation;
import market.udong.core.types.ColumnType;
import market.udong.core.types.LakeTimestamps;
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
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
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
 * <li>Every other column is masked and re-encoded with SNAPPY; its statistics and indexes are
 *     computed from the masked values, so no original value survives in headers or footers.
 *     Per chunk, the cheapest of three ways that fits: a chunk whose pages are all
 *     dictionary-encoded keeps a dictionary, each used entry masked once
 *     ({@link DictionaryChunkMasker}); other chunks of PLAIN and dictionary pages are masked
 *     page by page into PLAIN pages ({@link PlainChunkMasker}; hashed byte arrays never become
 *     value objects); the rest (booleans, {@code nullify}, DELTA and other encodings) goes value
 *     by value through parquet-java's column reader and writer.</li>
 * <li>Memory: one row group's masked columns (compressed input, one chunk's uncompressed pages,
 *     compressed output) at a time; copied columns stream through an 8 KiB buffer.</li>
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
        } catch (ColumnValueException e) {
            // A value that cannot take the configured type: the policy does not fit this data.
            throw new PolicyViolation(e.getMessage());
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
            List<Column> columns = plan(schema, plan, masks, reader.getRowGroups());

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
                PageReadStore pages = rewritten.isEmpty() ? null : reader.readRowGroup(g);
                for (Column c : columns) {
                    if (c.copied) {
                        writer.appendColumnChunk(c.outDescriptor, raw, renamed(chunkOf(block, c.inDescriptor), c.outType),
                                null, null, null);
                    } else {
                        rewrite(c, ChunkPages.read(pages, c.inDescriptor), createdBy, writer);
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

    private static List<Column> plan(MessageType schema, MaskingPlan plan, ColumnMasks masks, List<BlockMetaData> blocks) {
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
            if (transform.isIdentity() && !endsByTheLakesLatest(inType, inDescriptor, blocks)) {
                // A kept timestamp column that may hold a value past 9999-12-31 23:59:59.999 is
                // rewritten with its values bounded (LakeTimestamps); the others are copied.
                transform = transform.bounded();
            }
            PrimitiveType copyAs = transform.isIdentity() ? ParquetTypes.copyableAs(inType, step.output()) : null;
            if (copyAs != null) {
                columns.add(new Column(step, inType, inDescriptor, copyAs, transform, null, null));
            } else {
                PrimitiveType outType = ParquetTypes.outputType(transform.outputType(), step.output());
                ColumnMasks.Hasher hasher = masks == null ? null : masks.hasher();
                ValueMask valueMask = valueMask(step, inType, transform, hasher);
                columns.add(new Column(step, inType, inDescriptor, outType, transform, valueMask,
                        bytesMask(step, inType, transform, hasher)));
            }
        }
        if (columns.isEmpty()) {
            throw new PolicyViolation("no column of the file is kept by the policy; nothing would reach the curated zone");
        }
        return columns;
    }

    private static void rewrite(Column c, ChunkPages chunk, String createdBy, ParquetFileWriter writer)
            throws IOException {
        MessageType one = new MessageType("column", c.outType);
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(d -> ParquetCodecs.INSTANCE.getCompressor(CODEC))
                .withSchema(one)
                .withAllocator(HeapByteBufferAllocator.getInstance())
                .withColumnIndexTruncateLength(COLUMN_INDEX_TRUNCATE)
                .build();
        try {
            boolean nullifies = c.step.rule().policy() == ColumnPolicy.NULLIFY;
            if (!nullifies && DictionaryChunkMasker.fits(chunk, c.outType)) {
                DictionaryChunkMasker.mask(chunk, c.inDescriptor, c.outType, c.valueMask, pages.getPageWriter(c.outDescriptor));
            } else if (!nullifies && PlainChunkMasker.fits(chunk, c.inType, c.outType)) {
                PlainChunkMasker.mask(chunk, c.inDescriptor, c.outType, c.valueMask, c.bytesMask,
                        pages.getPageWriter(c.outDescriptor));
            } else {
                rewriteRows(c, chunk, createdBy, pages, one);
            }
            pages.flushToFileWriter(writer);
        } finally {
            pages.close();
        }
    }

    /** Value by value, through parquet-java's column reader and writer: any encoding, any type. */
    private static void rewriteRows(Column c, ChunkPages chunk, String createdBy, ColumnChunkPageWriteStore pages,
                                    MessageType outSchema) {
        MessageType inSchema = new MessageType("column", c.inType);
        ColumnReader in = new ColumnReadStoreImpl(chunk, new SkippingConverter(inSchema), inSchema, createdBy)
                .getColumnReader(c.inDescriptor);
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageSize(PAGE_SIZE)
                .withDictionaryPageSize(PAGE_SIZE)
                // A pseudonym column has the input's cardinality: a dictionary would only be built to be dropped.
                .withDictionaryEncoding(c.step.rule().policy() != ColumnPolicy.HASH)
                .build();
        ColumnWriteStoreV1 store = new ColumnWriteStoreV1(outSchema, pages, properties);
        ColumnWriter out = store.getColumnWriter(c.outDescriptor);
        int maxDefinition = c.inDescriptor.getMaxDefinitionLevel();
        ParquetTypes.ValueSource source = ParquetTypes.ValueSource.of(in);
        ParquetTypes.ValueSink sink = ParquetTypes.ValueSink.of(out, c.outDescriptor.getMaxDefinitionLevel());
        for (long r = 0, rows = chunk.getRowCount(); r < rows; r++) {
            if (in.getCurrentDefinitionLevel() != maxDefinition || !c.valueMask.apply(source, sink)) {
                out.writeNull(0, 0);
            }
            in.consume();
            store.endRecord();
        }
        store.flush();
        store.close();
    }

    /** Whether the column is hashed as the bytes it holds: text or binary, no type override. */
    private static boolean hashesBytes(MaskingPlan.Step step, PrimitiveType inType, ColumnTransform t) {
        return step.rule().policy() == ColumnPolicy.HASH && step.rule().type() == null
                && inType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && (t.inputType().kind() == ColumnType.Kind.STRING || t.inputType().kind() == ColumnType.Kind.BINARY);
    }

    private static ValueMask valueMask(MaskingPlan.Step step, PrimitiveType inType, ColumnTransform t,
                                       ColumnMasks.Hasher hasher) {
        if (hashesBytes(step, inType, t)) {
            // The encoded UTF-8 bytes hashed straight to hex bytes, as hash(String) would.
            return (in, out) -> {
                java.nio.ByteBuffer v = in.getBinary().toByteBuffer();
                byte[] hex = new byte[ColumnMasks.Hasher.HEX_LENGTH];
                if (v.hasArray()) {
                    hasher.hashHex(v.array(), v.arrayOffset() + v.position(), v.remaining(), hex, 0);
                } else {
                    byte[] bytes = new byte[v.remaining()];
                    v.get(bytes);
                    hasher.hashHex(bytes, 0, bytes.length, hex, 0);
                }
                out.write(Binary.fromConstantByteArray(hex));
                return true;
            };
        }
        if (step.rule().policy() == ColumnPolicy.NULLIFY) {
            return (in, out) -> false;
        }
        ParquetTypes.ValueReader read = ParquetTypes.reader(inType);
        ParquetTypes.ValueWriter write = ParquetTypes.writer(t.outputType());
        if (step.rule().policy() == ColumnPolicy.MASK_PHONE && step.rule().type() == null
                && t.inputType().kind() == ColumnType.Kind.STRING && inType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
            // ASCII values (the usual phone number) are masked in their bytes; others take the String path,
            // where Character.isDigit also knows non-ASCII digits.
            return (in, out) -> {
                Binary v = in.getBinary();
                byte[] masked = ColumnMasks.maskPhoneAscii(v.getBytesUnsafe(), 0, v.length());
                out.write(masked != null ? Binary.fromConstantByteArray(masked)
                        : Binary.fromString(ColumnMasks.maskPhone(v.toStringUsingUTF8())));
                return true;
            };
        }
        return (in, out) -> {
            Object v = t.apply(read.read(in));
            if (v == null) {
                return false;
            }
            write.write(out, v);
            return true;
        };
    }

    /** The column's mask on the bytes of byte-array values, for {@link PlainChunkMasker}; null unless hashed as bytes. */
    private static PlainChunkMasker.BytesMask bytesMask(MaskingPlan.Step step, PrimitiveType inType, ColumnTransform t,
                                                        ColumnMasks.Hasher hasher) {
        if (!hashesBytes(step, inType, t)) {
            return null;
        }
        return (in, offset, length, out) ->
                hasher.hashHex(in, offset, length, out.array, out.beginValue(ColumnMasks.Hasher.HEX_LENGTH));
    }

    /**
     * True unless the column is a timestamp whose row-group statistics do not show that every
     * value ends by {@link LakeTimestamps#LATEST_MICROS} (a larger maximum, or no statistics).
     */
    static boolean endsByTheLakesLatest(PrimitiveType type, ColumnDescriptor column, List<BlockMetaData> blocks) {
        if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return false;
        }
        if (type.getPrimitiveTypeName() != PrimitiveTypeName.INT64
                || !(type.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation ts)) {
            return true;
        }
        long latest = switch (ts.getUnit()) {
            case MILLIS -> LakeTimestamps.LATEST_MICROS / 1000;
            case MICROS -> LakeTimestamps.LATEST_MICROS;
            case NANOS -> Long.MAX_VALUE; // int64 nanoseconds end in 2262
        };
        for (BlockMetaData block : blocks) {
            ColumnChunkMetaData chunk = chunkOf(block, column);
            Statistics<?> stats = chunk.getStatistics();
            if (chunk.getValueCount() == 0
                    || stats != null && stats.isNumNullsSet() && stats.getNumNulls() == chunk.getValueCount()) {
                continue; // no values, or only nulls
            }
            if (stats == null || !stats.hasNonNullValue() || !(stats.genericGetMax() instanceof Long max) || max > latest) {
                return false;
            }
        }
        return true;
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
        /** True when the chunk is copied as it is; the masks are null then. */
        final boolean copied;
        final ValueMask valueMask;
        /** Null unless the column is hashed as bytes. */
        final PlainChunkMasker.BytesMask bytesMask;

        Column(MaskingPlan.Step step, PrimitiveType inType, ColumnDescriptor inDescriptor, PrimitiveType outType,
               ColumnTransform transform, ValueMask valueMask, PlainChunkMasker.BytesMask bytesMask) {
            this.step = step;
            this.inType = inType;
            this.inDescriptor = inDescriptor;
            this.outType = outType;
            this.outDescriptor = new MessageType("column", outType).getColumnDescription(new String[] {outType.getName()});
            this.transform = transform;
            this.copied = valueMask == null;
            this.valueMask = valueMask;
            this.bytesMask = bytesMask;
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
