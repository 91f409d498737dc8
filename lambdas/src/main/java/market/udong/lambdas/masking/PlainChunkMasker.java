package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import market.udong.lambdas.masking.ChunkPages.PageParts;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Rewrites a byte-array column chunk into PLAIN-encoded byte-array pages, working on the pages'
 * bytes instead of parquet-java's per-value reader and writer: each input page (PLAIN, or
 * dictionary indices into a PLAIN dictionary, as writers produce after falling back from a
 * dictionary) becomes one output page with the same definition levels and the masked values.
 *
 * <ul>
 * <li>Meant for masks whose output has about the input's cardinality ({@code hash}): no
 *     dictionary is attempted.</li>
 * <li>Values reached through a dictionary are masked once per entry.</li>
 * <li>Statistics and column-index bounds are computed from the masked values of each page
 *     (unsigned lexicographic order, the order of STRING and BINARY); the input's statistics
 *     are never carried over.</li>
 * </ul>
 */
final class PlainChunkMasker {

    private PlainChunkMasker() {
    }

    /** Masks one non-null byte-array value, appending it to a PLAIN page. */
    interface BytesMask {
        void append(byte[] in, int offset, int length, PlainPage out);
    }

    /** Whether the chunk and the column's types fit: byte arrays in and out, pages PLAIN or dictionary-encoded. */
    static boolean fits(ChunkPages chunk, PrimitiveType inType, PrimitiveType outType) {
        return inType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && outType.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && chunk.allPagesSplittable(Encoding.PLAIN)
                && (chunk.dictionary() == null || chunk.dictionary().getEncoding() == Encoding.PLAIN
                        || chunk.dictionary().getEncoding() == Encoding.PLAIN_DICTIONARY);
    }

    static void mask(ChunkPages chunk, PrimitiveType outType, BytesMask mask, PageWriter out) throws IOException {
        Entries dictionary = chunk.dictionary() == null ? null : new Entries(chunk.dictionary());
        for (DataPage page : chunk.pages()) {
            PageParts p = chunk.split(page);
            int n = p.nonNullCount();
            byte[] levels = p.definitionLevels();
            PlainPage output = new PlainPage(levels.length + n * (4 + 64) + 64);
            output.append(levels, 0, levels.length);
            int valuesStart = output.size;
            byte[] data = p.data();
            if (n == 0) {
                // No values to read: an all-null page.
            } else if (p.valuesEncoding().usesDictionary()) {
                if (dictionary == null) {
                    throw new IOException("a dictionary-encoded page without a dictionary page");
                }
                if (p.valuesOffset() >= data.length) {
                    throw new IOException("a dictionary-encoded page has no indices");
                }
                int[] ids = new int[n];
                HybridRle.decode(data, p.valuesOffset() + 1, data.length, data[p.valuesOffset()] & 0xFF, ids, n);
                maskIndexed(ids, dictionary, mask, output);
            } else {
                maskPlain(data, p.valuesOffset(), n, mask, output);
            }
            Statistics.Builder stats = Statistics.getBuilderForReading(outType).withNumNulls(p.nullCount());
            if (n > 0) {
                stats.withMin(Arrays.copyOfRange(output.array, output.minAt, output.minEnd))
                        .withMax(Arrays.copyOfRange(output.array, output.maxAt, output.maxEnd));
            }
            long unencodedBytes = output.size - valuesStart - 4L * n;
            out.writePage(BytesInput.from(output.array, 0, output.size), p.valueCount(), p.valueCount(), stats.build(),
                    new SizeStatistics(outType, unencodedBytes, List.of(), List.of()), GeospatialStatistics.newBuilder(outType).build(),
                    Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN);
        }
    }

    // The per-value loops are small methods of their own, so the JIT compiles them after a few pages.

    /** Masks {@code n} PLAIN values starting at {@code data[pos]}. */
    private static void maskPlain(byte[] data, int pos, int n, BytesMask mask, PlainPage out) throws IOException {
        for (int i = 0; i < n; i++) {
            if (pos + 4 > data.length) {
                throw new IOException("PLAIN values end after " + i + " of " + n);
            }
            int length = ChunkPages.readIntLittleEndian(data, pos);
            if (length < 0 || length > data.length - pos - 4) {
                throw new IOException("a PLAIN value overruns its page");
            }
            int start = out.size;
            mask.append(data, pos + 4, length, out);
            out.bound(start + 4);
            pos += 4 + length;
        }
    }

    private static void maskIndexed(int[] ids, Entries dictionary, BytesMask mask, PlainPage out) throws IOException {
        for (int id : ids) {
            int start = out.size;
            dictionary.append(id, mask, out);
            out.bound(start + 4);
        }
    }

    /** A growing PLAIN byte-array page: 4-byte little-endian length, then the bytes, per value. */
    static final class PlainPage {
        byte[] array;
        int size;
        /** Where the smallest and the largest value so far lie in {@link #array}; -1 before the first. */
        int minAt = -1;
        int minEnd;
        int maxAt = -1;
        int maxEnd;

        PlainPage(int capacity) {
            array = new byte[capacity];
        }

        /** Starts a value of {@code length} bytes; returns where its bytes go in {@link #array}. */
        int beginValue(int length) {
            ensure(4 + length);
            ChunkPages.writeIntLittleEndian(array, size, length);
            int at = size + 4;
            size = at + length;
            return at;
        }

        /** Takes the value at {@code array[at, size)} into the page's bounds (unsigned lexicographic order). */
        void bound(int at) {
            if (minAt < 0 || Arrays.compareUnsigned(array, at, size, array, minAt, minEnd) < 0) {
                minAt = at;
                minEnd = size;
            }
            if (maxAt < 0 || Arrays.compareUnsigned(array, at, size, array, maxAt, maxEnd) > 0) {
                maxAt = at;
                maxEnd = size;
            }
        }

        void append(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, array, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
            }
        }
    }

    /** The entries of a PLAIN byte-array dictionary page, each masked on first use. */
    private static final class Entries {
        private final byte[] bytes;
        private final int[] offsets;
        private final int[] lengths;
        private final byte[][] masked;

        Entries(DictionaryPage page) throws IOException {
            bytes = page.getBytes().toByteArray();
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
                if (length < 0 || pos + 4 + length > bytes.length) {
                    throw new IOException("dictionary entry overruns its page");
                }
                offsets[i] = pos + 4;
                lengths[i] = length;
                pos += 4 + length;
            }
        }

        /** Appends the masked entry {@code id} (length prefix included). */
        void append(int id, BytesMask mask, PlainPage out) throws IOException {
            if (id < 0 || id >= masked.length) {
                throw new IOException("dictionary index " + id + " is out of range");
            }
            if (masked[id] == null) {
                int start = out.size;
                mask.append(bytes, offsets[id], lengths[id], out);
                masked[id] = Arrays.copyOfRange(out.array, start, out.size);
            } else {
                out.append(masked[id], 0, masked[id].length);
            }
        }
    }
}
