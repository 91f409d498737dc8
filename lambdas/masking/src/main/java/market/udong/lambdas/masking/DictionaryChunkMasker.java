package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.udong.lambdas.masking.ChunkPages.PageParts;
import market.udong.lambdas.masking.ParquetTypes.ValueSink;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveComparator;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Rewrites a column chunk whose data pages are all dictionary-encoded without masking row by
 * row: each dictionary entry the pages use is masked once ({@link ValueMask}s are
 * deterministic), and the pages' indices are mapped to a new dictionary of the masked values.
 *
 * <ul>
 * <li>The new dictionary holds each masked value once, in the order of its first row, which is
 *     what a row-by-row writer produces. Originals that mask to the same value share one entry
 *     and one index, so the output cannot tell them apart (a dictionary with an entry per
 *     original would keep, through its indices, which rows had the same original value); nor
 *     does the input dictionary's order survive (a writer that sorts its dictionary would
 *     otherwise leak the originals' order).</li>
 * <li>Entries no row uses are not masked and not written.</li>
 * <li>Statistics and column-index bounds come from the masked values of each page; the input's
 *     statistics are never carried over. Definition levels (which rows are null) are copied.</li>
 * <li>Cost: decoding and re-encoding the indices of the non-null values, plus one mask per used
 *     dictionary entry. Memory: one int per non-null value of the chunk.</li>
 * </ul>
 */
final class DictionaryChunkMasker {

    private DictionaryChunkMasker() {
    }

    /**
     * Whether the chunk can be rewritten this way: every data page dictionary-encoded (definition
     * levels RLE or V2), and an output type whose values have a total order (no booleans, no
     * floating point, where NaN has none).
     */
    static boolean fits(ChunkPages chunk, PrimitiveType outType) {
        PrimitiveTypeName out = outType.getPrimitiveTypeName();
        boolean orderedOutput = out == PrimitiveTypeName.INT32 || out == PrimitiveTypeName.INT64
                || out == PrimitiveTypeName.BINARY || out == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        return orderedOutput && chunk.isFullyDictionaryEncoded() && chunk.allPagesSplittable();
    }

    static void mask(ChunkPages chunk, ColumnDescriptor in, PrimitiveType outType, ValueMask mask, PageWriter out)
            throws IOException {
        DictionaryPage dictionaryPage = chunk.dictionary();
        Dictionary dictionary = dictionaryPage.getEncoding().initDictionary(in, dictionaryPage);
        int inSize = dictionary.getMaxId() + 1;
        int[] outId = new int[inSize];
        Arrays.fill(outId, -1);
        MaskedEntries entries = new MaskedEntries(outType);
        DictionaryEntry entry = new DictionaryEntry(dictionary);

        List<PageParts> parts = new ArrayList<>();
        List<int[]> indices = new ArrayList<>();
        for (DataPage page : chunk.pages()) {
            PageParts p = chunk.split(page);
            int[] ids = indices(p);
            for (int i = remapKnown(ids, 0, outId); i < ids.length; i = remapKnown(ids, i + 1, outId)) {
                int original = ids[i];
                if (original < 0 || original >= inSize) {
                    throw new IOException("dictionary index " + original + " of " + in + " is out of range");
                }
                entry.id = original;
                if (!mask.apply(entry, entries)) {
                    throw new IllegalStateException("a mask that yields nulls cannot keep a dictionary");
                }
                outId[original] = entries.commit();
                ids[i] = outId[original];
            }
            parts.add(p);
            indices.add(ids);
        }

        int size = entries.size();
        int bitWidth = size <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(size - 1);
        int[] rank = entries.ranks();
        int[] lengths = entries.lengths();
        boolean byteArrays = outType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
        for (int pageIndex = 0; pageIndex < parts.size(); pageIndex++) {
            PageParts p = parts.get(pageIndex);
            int[] ids = indices.get(pageIndex);
            Statistics.Builder stats = Statistics.getBuilderForReading(outType).withNumNulls(p.nullCount());
            byte[] values = new byte[0];
            if (ids.length > 0) {
                long bounds = bounds(ids, rank);
                stats.withMin(entries.value((int) (bounds >>> 32))).withMax(entries.value((int) bounds));
                byte[] encoded = HybridRle.encode(ids, ids.length, bitWidth);
                values = new byte[1 + encoded.length];
                values[0] = (byte) bitWidth;
                System.arraycopy(encoded, 0, values, 1, encoded.length);
            }
            SizeStatistics sizes = byteArrays
                    ? new SizeStatistics(outType, sumLengths(ids, lengths), List.of(), List.of())
                    : SizeStatistics.newBuilder(outType, 0, 1).build();
            byte[] levels = p.definitionLevels();
            out.writePage(BytesInput.concat(BytesInput.from(levels), BytesInput.from(values)), p.valueCount(),
                    p.valueCount(), stats.build(), sizes,
                    GeospatialStatistics.newBuilder(outType).build(), PageBytes.NO_LEVELS, Encoding.RLE,
                    size == 0 ? Encoding.PLAIN : PageBytes.V1_DICTIONARY);
        }
        if (size > 0) {
            out.writeDictionaryPage(new DictionaryPage(BytesInput.from(entries.plainEncoded()), size,
                    PageBytes.V1_DICTIONARY));
        }
    }

    // The per-value loops are small methods of their own: the JIT compiles them after a few pages,
    // where one large method would run interpreted, then be compiled at length, for most of a file.

    /** The input dictionary indices of a page's non-null values. */
    private static int[] indices(PageParts p) throws IOException {
        int n = p.nonNullCount();
        int[] ids = new int[n];
        if (n > 0) {
            byte[] data = p.data();
            if (p.valuesOffset() >= data.length) {
                throw new IOException("a dictionary-encoded page has no indices");
            }
            HybridRle.decode(data, p.valuesOffset() + 1, data.length, data[p.valuesOffset()] & 0xFF, ids, n);
        }
        return ids;
    }

    /**
     * Replaces input indices by output ones from {@code ids[from]} on, while the entry is already
     * masked; returns the first position whose index is new or out of range, or {@code ids.length}.
     */
    private static int remapKnown(int[] ids, int from, int[] outId) {
        for (int i = from; i < ids.length; i++) {
            int original = ids[i];
            if (original < 0 || original >= outId.length || outId[original] < 0) {
                return i;
            }
            ids[i] = outId[original];
        }
        return ids.length;
    }

    /** The ids of the smallest and the largest value among {@code ids} (non-empty): {@code min << 32 | max}. */
    private static long bounds(int[] ids, int[] rank) {
        int min = ids[0];
        int max = ids[0];
        int minRank = rank[min];
        int maxRank = minRank;
        for (int id : ids) {
            int r = rank[id];
            if (r < minRank) {
                minRank = r;
                min = id;
            } else if (r > maxRank) {
                maxRank = r;
                max = id;
            }
        }
        return (long) min << 32 | max;
    }

    private static long sumLengths(int[] ids, int[] lengths) {
        long sum = 0;
        for (int id : ids) {
            sum += lengths[id];
        }
        return sum;
    }

    /**
     * The distinct masked values, in first-use order, each as its statistics bytes (little-endian
     * numbers, raw bytes for byte arrays): a value is written, then {@link #commit}ted.
     */
    private static final class MaskedEntries implements ValueSink {
        private final PrimitiveType type;
        private final List<byte[]> values = new ArrayList<>();
        private final Map<Binary, Integer> ids = new HashMap<>();
        private byte[] pending;

        MaskedEntries(PrimitiveType type) {
            this.type = type;
        }

        int commit() {
            Integer known = ids.putIfAbsent(Binary.fromConstantByteArray(pending), values.size());
            if (known != null) {
                return known;
            }
            values.add(pending);
            return values.size() - 1;
        }

        int size() {
            return values.size();
        }

        byte[] value(int id) {
            return values.get(id);
        }

        int[] lengths() {
            int[] lengths = new int[values.size()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = values.get(i).length;
            }
            return lengths;
        }

        /** Each entry's position in the output type's order. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        int[] ranks() {
            PrimitiveComparator comparator = type.comparator();
            Object[] typed = new Object[values.size()];
            for (int i = 0; i < typed.length; i++) {
                byte[] v = values.get(i);
                typed[i] = switch (type.getPrimitiveTypeName()) {
                    case INT32 -> ChunkPages.readIntLittleEndian(v, 0);
                    case INT64 -> (ChunkPages.readIntLittleEndian(v, 0) & 0xFFFFFFFFL)
                            | (long) ChunkPages.readIntLittleEndian(v, 4) << 32;
                    default -> Binary.fromConstantByteArray(v);
                };
            }
            Integer[] order = new Integer[typed.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> comparator.compare(typed[a], typed[b]));
            int[] rank = new int[order.length];
            for (int r = 0; r < order.length; r++) {
                rank[order[r]] = r;
            }
            return rank;
        }

        /** The dictionary page's values: PLAIN encoding, in id order. */
        byte[] plainEncoded() {
            boolean lengthPrefixed = type.getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
            int total = 0;
            for (byte[] v : values) {
                total += v.length + (lengthPrefixed ? 4 : 0);
            }
            byte[] out = new byte[total];
            int at = 0;
            for (byte[] v : values) {
                if (lengthPrefixed) {
                    ChunkPages.writeIntLittleEndian(out, at, v.length);
                    at += 4;
                }
                System.arraycopy(v, 0, out, at, v.length);
                at += v.length;
            }
            return out;
        }

        @Override
        public void write(boolean value) {
            throw new UnsupportedOperationException("boolean columns are not dictionary-encoded");
        }

        @Override
        public void write(int value) {
            pending = new byte[4];
            ChunkPages.writeIntLittleEndian(pending, 0, value);
        }

        @Override
        public void write(long value) {
            pending = new byte[8];
            ChunkPages.writeIntLittleEndian(pending, 0, (int) value);
            ChunkPages.writeIntLittleEndian(pending, 4, (int) (value >>> 32));
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
            pending = value.getBytes();
        }
    }
}
