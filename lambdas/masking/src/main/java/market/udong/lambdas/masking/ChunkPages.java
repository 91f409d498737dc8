package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;

/**
 * The decompressed pages of one input column chunk (a flat column), held so the masker can
 * look at every page's encoding before choosing how to rewrite the chunk, and then either
 * work on the pages' bytes or replay them to a parquet-java column reader.
 *
 * <p>Memory: one column chunk's uncompressed pages.
 */
final class ChunkPages implements PageReadStore, PageReader {

    private final ColumnDescriptor column;
    private final DictionaryPage dictionary;
    private final List<DataPage> pages;
    private final long valueCount;
    private final long rowCount;
    private int next;

    private ChunkPages(ColumnDescriptor column, DictionaryPage dictionary, List<DataPage> pages, long valueCount,
                       long rowCount) {
        this.column = column;
        this.dictionary = dictionary;
        this.pages = pages;
        this.valueCount = valueCount;
        this.rowCount = rowCount;
    }

    /** Reads (and decompresses) every page of {@code column}'s chunk in {@code rowGroup}. */
    static ChunkPages read(PageReadStore rowGroup, ColumnDescriptor column) {
        PageReader reader = rowGroup.getPageReader(column);
        DictionaryPage dictionary = reader.readDictionaryPage();
        List<DataPage> pages = new ArrayList<>();
        for (DataPage page = reader.readPage(); page != null; page = reader.readPage()) {
            pages.add(page);
        }
        return new ChunkPages(column, dictionary, pages, reader.getTotalValueCount(), rowGroup.getRowCount());
    }

    /** The chunk's dictionary page, or null. */
    DictionaryPage dictionary() {
        return dictionary;
    }

    List<DataPage> pages() {
        return pages;
    }

    /** Whether every data page holds dictionary indices (and the chunk has a dictionary). */
    boolean isFullyDictionaryEncoded() {
        if (dictionary == null) {
            return false;
        }
        for (DataPage page : pages) {
            if (!valuesEncoding(page).usesDictionary()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every page can be split by {@link #split}: definition levels RLE-encoded (V1) or a V2
     * page, and values in one of {@code encodings} or dictionary indices.
     */
    boolean allPagesSplittable(Encoding... encodings) {
        for (DataPage page : pages) {
            if (page instanceof DataPageV1 v1 && column.getMaxDefinitionLevel() > 0 && v1.getDlEncoding() != Encoding.RLE) {
                return false;
            }
            Encoding values = valuesEncoding(page);
            boolean listed = values.usesDictionary();
            for (Encoding e : encodings) {
                listed |= values == e;
            }
            if (!listed) {
                return false;
            }
        }
        return true;
    }

    static Encoding valuesEncoding(DataPage page) {
        return page instanceof DataPageV1 v1 ? v1.getValueEncoding() : ((DataPageV2) page).getDataEncoding();
    }

    /**
     * One data page cut into its parts: the definition levels as an output V1 page carries them
     * (4-byte length, then RLE with bit width 1; all-defined levels are made up for a required input
     * column, since every output column is optional), and the values section.
     */
    record PageParts(int valueCount, int nullCount, byte[] definitionLevels, byte[] data, int valuesOffset,
                     Encoding valuesEncoding) {
        int nonNullCount() {
            return valueCount - nullCount;
        }
    }

    /** Cuts a page of this (flat) column into its parts; see {@link #allPagesSplittable}. */
    PageParts split(DataPage page) throws IOException {
        int values = page.getValueCount();
        boolean optional = column.getMaxDefinitionLevel() > 0;
        if (page instanceof DataPageV1 v1) {
            byte[] bytes = PageBytes.toArray(v1.getBytes());
            if (!optional) {
                return new PageParts(values, 0, allDefined(values), bytes, 0, v1.getValueEncoding());
            }
            int length = readIntLittleEndian(bytes, 0);
            if (length < 0 || 4 + length > bytes.length) {
                throw new IOException("page of column " + column + ": definition levels overrun the page");
            }
            int defined = HybridRle.countOnes(bytes, 4, 4 + length, values);
            byte[] levels = java.util.Arrays.copyOfRange(bytes, 0, 4 + length);
            return new PageParts(values, values - defined, levels, bytes, 4 + length, v1.getValueEncoding());
        }
        DataPageV2 v2 = (DataPageV2) page;
        byte[] data = PageBytes.toArray(v2.getData());
        if (!optional) {
            return new PageParts(values, 0, allDefined(values), data, 0, v2.getDataEncoding());
        }
        byte[] raw = PageBytes.toArray(v2.getDefinitionLevels());
        byte[] levels = new byte[4 + raw.length];
        writeIntLittleEndian(levels, 0, raw.length);
        System.arraycopy(raw, 0, levels, 4, raw.length);
        return new PageParts(values, v2.getNullCount(), levels, data, 0, v2.getDataEncoding());
    }

    /** V1 definition levels (length-prefixed RLE, bit width 1) of {@code count} defined values. */
    private static byte[] allDefined(int count) {
        byte[] run = HybridRle.run(count, 1, 1);
        byte[] levels = new byte[4 + run.length];
        writeIntLittleEndian(levels, 0, run.length);
        System.arraycopy(run, 0, levels, 4, run.length);
        return levels;
    }

    static int readIntLittleEndian(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static void writeIntLittleEndian(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    // PageReadStore / PageReader: replays the held pages to a parquet-java column reader, once.

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        if (!descriptor.equals(column)) {
            throw new IllegalArgumentException("holds pages of " + column + ", not " + descriptor);
        }
        return this;
    }

    @Override
    public long getRowCount() {
        return rowCount;
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return valueCount;
    }

    @Override
    public DataPage readPage() {
        return next < pages.size() ? pages.get(next++) : null;
    }
}
