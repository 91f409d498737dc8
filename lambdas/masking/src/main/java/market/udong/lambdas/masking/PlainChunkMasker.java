package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import market.udong.lambdas.masking.ChunkPages.PageParts;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Rewrites a column chunk into PLAIN-encoded pages working on the pages' bytes, instead of
 * parquet-java's per-value column reader and writer: each input page (PLAIN values, or indices
 * into a PLAIN dictionary, as writers produce before and after falling back from a dictionary)
 * becomes one output page with the same definition levels and the masked values.
 *
 * <ul>
 * <li>No dictionary is attempted: a chunk that reaches this path was not (entirely)
 *     dictionary-encoded, so its values are mostly distinct.</li>
 * <li>Values reached through a dictionary are masked once per entry.</li>
 * <li>Byte arrays hashed as their bytes ({@link BytesMask}) skip the value objects altogether.</li>
 * <li>Statistics and column-index bounds are computed from each output page's values; the
 *     input's statistics are never carried over.</li>
 * </ul>
 */
final class PlainChunkMasker {

    private PlainChunkMasker() {
    }

    /** Masks the bytes of one non-null byte-array value, appending the result to a PLAIN page. */
    interface BytesMask {
        void append(byte[] in, int offset, int length, PlainPage out);
    }

    /**
     * Whether the chunk fits: every page PLAIN or dictionary-encoded (definition levels RLE or
     * V2), the dictionary PLAIN, and neither side boolean (bit-packed when PLAIN).
     */
    static boolean fits(ChunkPages chunk, PrimitiveType inType, PrimitiveType outType) {
        DictionaryPage dictionary = chunk.dictionary();
        return inType.getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN
                && outType.getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN
                && chunk.allPagesSplittable(Encoding.PLAIN)
                && (dictionary == null || dictionary.getEncoding() == Encoding.PLAIN
                        || dictionary.getEncoding() == PageBytes.V1_DICTIONARY);
    }

    /**
     * @param bytesMask the byte-level form of {@code mask}, or null; used when both sides are byte arrays
     */
    static void mask(ChunkPages chunk, ColumnDescriptor in, PrimitiveType outType, ValueMask mask, BytesMask bytesMask,
                     PageWriter out) throws IOException {
        PrimitiveTypeName inPhysical = in.getPrimitiveType().getPrimitiveTypeName();
        if (inPhysical != PrimitiveTypeName.BINARY || outType.getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
            bytesMask = null;
        }
        DictionaryPage dictionaryPage = chunk.dictionary();
        MaskedDictionary dictionary = dictionaryPage == null ? null : bytesMask != null
                ? new MaskedDictionary(dictionaryPage, bytesMask)
                : new MaskedDictionary(new DictionaryEntry(dictionaryPage.getEncoding().initDictionary(in, dictionaryPage)),
                        mask, outType);
        PlainValues values = new PlainValues(in.getPrimitiveType());
        PlainSink sink = new PlainSink(outType);
        for (DataPage page : chunk.pages()) {
            PageParts p = chunk.split(page);
            int n = p.nonNullCount();
            byte[] levels = p.definitionLevels();
            PlainPage output = new PlainPage(levels.length + n * (4 + 64) + 64);
            output.append(levels, 0, levels.length);
            int valuesStart = output.size;
            byte[] data = p.data();
            if (n == 0) {
                // An all-null page: no values to read.
            } else if (p.valuesEncoding().usesDictionary()) {
                if (dictionary == null) {
                    throw new IOException("a dictionary-encoded page without a dictionary page");
                }
                if (p.valuesOffset() >= data.length) {
                    throw new IOException("a dictionary-encoded page has no indices");
                }
                int[] ids = new int[n];
                HybridRle.decode(data, p.valuesOffset() + 1, data.length, data[p.valuesOffset()] & 0xFF, ids, n);
                maskIndexed(ids, dictionary, output);
            } else if (bytesMask != null) {
                maskPlainBytes(data, p.valuesOffset(), n, bytesMask, output);
            } else {
                values.reset(data, p.valuesOffset());
                sink.page = output;
                maskPlain(values, n, mask, sink);
            }
            PageStatistics stats = PageStatistics.of(outType, output.array, valuesStart, output.size, n);
            out.writePage(BytesInput.from(output.array, 0, output.size), p.valueCount(), p.valueCount(),
                    stats.statistics(p.nullCount()), stats.sizes(), GeospatialStatistics.newBuilder(outType).build(),
                    PageBytes.NO_LEVELS, Encoding.RLE, Encoding.PLAIN);
        }
    }

    // The per-value loops are small methods of their own, so the JIT compiles them after a few pages.

    /** Masks {@code n} PLAIN byte-array values from {@code data[pos]} on. */
    private static void maskPlainBytes(byte[] data, int pos, int n, BytesMask mask, PlainPage out) throws IOException {
        for (int i = 0; i < n; i++) {
            if (pos + 4 > data.length) {
                throw new IOException("PLAIN values end after " + i + " of " + n);
            }
            int length = ChunkPages.readIntLittleEndian(data, pos);
            if (length < 0 || length > data.length - pos - 4) {
                throw new IOException("a PLAIN value overruns its page");
            }
            mask.append(data, pos + 4, length, out);
            pos += 4 + length;
        }
    }

    private static void maskPlain(PlainValues values, int n, ValueMask mask, PlainSink sink) throws IOException {
        for (int i = 0; i < n; i++) {
            values.next();
            if (!mask.apply(values, sink)) {
                throw new IllegalStateException("a mask that yields nulls cannot write values in place");
            }
        }
    }

    private static void maskIndexed(int[] ids, MaskedDictionary dictionary, PlainPage out) throws IOException {
        for (int id : ids) {
            dictionary.append(id, out);
        }
    }

    /** A growing PLAIN page. */
    static final class PlainPage {
        byte[] array;
        int size;

        PlainPage(int capacity) {
            array = new byte[capacity];
        }

        /** Starts a byte-array value of {@code length} bytes; returns where its bytes go in {@link #array}. */
        int beginValue(int length) {
            ensure(4 + length);
            ChunkPages.writeIntLittleEndian(array, size, length);
            int at = size + 4;
            size = at + length;
            return at;
        }

        void append(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, array, size, length);
            size += length;
        }

        void appendLittleEndian(long value, int bytes) {
            ensure(bytes);
            for (int i = 0; i < bytes; i++) {
                array[size++] = (byte) (value >>> (8 * i));
            }
        }

        private void ensure(int more) {
            if (size + more > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
            }
        }
    }

    /** The values of a PLAIN page, one at a time ({@link #next}), as a {@link ParquetTypes.ValueSource}. */
    private static final class PlainValues implements ParquetTypes.ValueSource {
        private final PrimitiveTypeName type;
        private final int width;
        private byte[] data;
        private int pos;
        private int at;
        private int length;

        PlainValues(PrimitiveType type) {
            this.type = type.getPrimitiveTypeName();
            this.width = switch (this.type) {
                case INT32, FLOAT -> 4;
                case INT64, DOUBLE -> 8;
                case INT96 -> 12;
                case FIXED_LEN_BYTE_ARRAY -> type.getTypeLength();
                default -> -1;
            };
        }

        void reset(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        void next() throws IOException {
            if (width >= 0) {
                at = pos;
                length = width;
            } else {
                if (pos + 4 > data.length) {
                    throw new IOException("PLAIN values end early");
                }
                length = ChunkPages.readIntLittleEndian(data, pos);
                at = pos + 4;
            }
            if (length < 0 || at + length > data.length) {
                throw new IOException("a PLAIN value overruns its page");
            }
            pos = at + length;
        }

        @Override
        public boolean getBoolean() {
            throw new UnsupportedOperationException("booleans are not read here");
        }

        @Override
        public int getInteger() {
            return ChunkPages.readIntLittleEndian(data, at);
        }

        @Override
        public long getLong() {
            return (ChunkPages.readIntLittleEndian(data, at) & 0xFFFFFFFFL)
                    | (long) ChunkPages.readIntLittleEndian(data, at + 4) << 32;
        }

        @Override
        public float getFloat() {
            return Float.intBitsToFloat(getInteger());
        }

        @Override
        public double getDouble() {
            return Double.longBitsToDouble(getLong());
        }

        @Override
        public Binary getBinary() {
            return Binary.fromConstantByteArray(data, at, length);
        }
    }

    /** Appends values PLAIN-encoded as {@code type} to {@link #page}. */
    private static final class PlainSink implements ParquetTypes.ValueSink {
        private final PrimitiveType type;
        PlainPage page;

        PlainSink(PrimitiveType type) {
            this.type = type;
        }

        @Override
        public void write(boolean value) {
            throw new UnsupportedOperationException("booleans are not written here");
        }

        @Override
        public void write(int value) {
            page.appendLittleEndian(value, 4);
        }

        @Override
        public void write(long value) {
            page.appendLittleEndian(value, 8);
        }

        @Override
        public void write(float value) {
            write(Float.floatToRawIntBits(value));
        }

        @Override
        public void write(double value) {
            write(Double.doubleToRawLongBits(value));
        }

        @Override
        public void write(Binary value) {
            byte[] bytes = value.getBytesUnsafe();
            if (type.getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                System.arraycopy(bytes, 0, page.array, page.beginValue(bytes.length), bytes.length);
            } else {
                if (bytes.length != type.getTypeLength()) {
                    throw new IllegalStateException(bytes.length + " bytes for a " + type);
                }
                page.append(bytes, 0, bytes.length);
            }
        }
    }

    /** A dictionary whose entries are masked on first use; each masked entry is kept PLAIN-encoded. */
    private static final class MaskedDictionary {
        private final byte[][] masked;
        // Byte arrays masked as bytes:
        private final byte[] bytes;
        private final int[] offsets;
        private final int[] lengths;
        private final BytesMask bytesMask;
        // Any other value:
        private final DictionaryEntry entry;
        private final ValueMask mask;
        private final PlainSink sink;

        MaskedDictionary(DictionaryPage page, BytesMask bytesMask) throws IOException {
            this.bytesMask = bytesMask;
            this.entry = null;
            this.mask = null;
            this.sink = null;
            bytes = PageBytes.toArray(page.getBytes());
            int size = page.getDictionarySize();
            offsets = new int[size];
            lengths = new int[size];
            masked = new byte[size][];
            int pos = 0;
            for (int i = 0; i < size; i++) {
                if (pos + 4 > bytes.length) {
                    throw new IOException("dictionary page ends after " + i + " of " + size + " entries");
                }
                int length = ChunkPages.readIntLittleEndian(bytes, pos);
                if (length < 0 || length > bytes.length - pos - 4) {
                    throw new IOException("dictionary entry overruns its page");
                }
                offsets[i] = pos + 4;
                lengths[i] = length;
                pos += 4 + length;
            }
        }

        MaskedDictionary(DictionaryEntry entry, ValueMask mask, PrimitiveType outType) {
            this.entry = entry;
            this.mask = mask;
            this.sink = new PlainSink(outType);
            this.masked = new byte[entry.size()][];
            this.bytes = null;
            this.offsets = null;
            this.lengths = null;
            this.bytesMask = null;
        }

        /** Appends the masked entry {@code id}. */
        void append(int id, PlainPage out) throws IOException {
            if (id < 0 || id >= masked.length) {
                throw new IOException("dictionary index " + id + " is out of range");
            }
            if (masked[id] != null) {
                out.append(masked[id], 0, masked[id].length);
                return;
            }
            int start = out.size;
            if (bytesMask != null) {
                bytesMask.append(bytes, offsets[id], lengths[id], out);
            } else {
                entry.id = id;
                sink.page = out;
                if (!mask.apply(entry, sink)) {
                    throw new IllegalStateException("a mask that yields nulls cannot write values in place");
                }
            }
            masked[id] = Arrays.copyOfRange(out.array, start, out.size);
        }
    }

    /** Statistics of one output page, from its PLAIN values. */
    private record PageStatistics(PrimitiveType type, byte[] min, byte[] max, Statistics<?> numeric, long byteArrayBytes) {

        static PageStatistics of(PrimitiveType type, byte[] page, int from, int to, int count) {
            if (type.getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                return byteArrays(type, page, from, to, count);
            }
            Statistics<?> stats = Statistics.createStats(type);
            int width = switch (type.getPrimitiveTypeName()) {
                case INT32, FLOAT -> 4;
                case INT64, DOUBLE -> 8;
                default -> type.getTypeLength();
            };
            for (int at = from; at < to; at += width) {
                switch (type.getPrimitiveTypeName()) {
                    case INT32 -> stats.updateStats(ChunkPages.readIntLittleEndian(page, at));
                    case FLOAT -> stats.updateStats(Float.intBitsToFloat(ChunkPages.readIntLittleEndian(page, at)));
                    case INT64 -> stats.updateStats(longAt(page, at));
                    case DOUBLE -> stats.updateStats(Double.longBitsToDouble(longAt(page, at)));
                    default -> stats.updateStats(Binary.fromConstantByteArray(page, at, width));
                }
            }
            return new PageStatistics(type, null, null, stats, 0);
        }

        /** Smallest and largest value in unsigned lexicographic order, the order of STRING and BINARY. */
        private static PageStatistics byteArrays(PrimitiveType type, byte[] page, int from, int to, int count) {
            int minAt = -1;
            int minEnd = -1;
            int maxAt = -1;
            int maxEnd = -1;
            for (int pos = from; pos < to; ) {
                int at = pos + 4;
                int end = at + ChunkPages.readIntLittleEndian(page, pos);
                if (minAt < 0 || Arrays.compareUnsigned(page, at, end, page, minAt, minEnd) < 0) {
                    minAt = at;
                    minEnd = end;
                }
                if (maxAt < 0 || Arrays.compareUnsigned(page, at, end, page, maxAt, maxEnd) > 0) {
                    maxAt = at;
                    maxEnd = end;
                }
                pos = end;
            }
            return minAt < 0 ? new PageStatistics(type, null, null, null, 0)
                    : new PageStatistics(type, Arrays.copyOfRange(page, minAt, minEnd), Arrays.copyOfRange(page, maxAt, maxEnd),
                            null, to - from - 4L * count);
        }

        private static long longAt(byte[] page, int at) {
            return (ChunkPages.readIntLittleEndian(page, at) & 0xFFFFFFFFL)
                    | (long) ChunkPages.readIntLittleEndian(page, at + 4) << 32;
        }

        Statistics<?> statistics(long nulls) {
            if (numeric != null) {
                numeric.incrementNumNulls(nulls);
                return numeric;
            }
            Statistics.Builder b = Statistics.getBuilderForReading(type).withNumNulls(nulls);
            if (min != null) {
                b.withMin(min).withMax(max);
            }
            return b.build();
        }

        SizeStatistics sizes() {
            return type.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                    ? new SizeStatistics(type, byteArrayBytes, List.of(), List.of())
                    : SizeStatistics.newBuilder(type, 0, 1).build();
        }
    }
}
