package market.udong.lambdas.masking;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;

/**
 * Bytes and encodings of the pages the masker copies and writes, in one place.
 */
final class PageBytes {
    private PageBytes() {
    }

    /**
     * Repetition levels of a flat column: there are none, declared {@code BIT_PACKED} as
     * parquet-java's V1 page writer declares them (the name is deprecated, the wire value is not).
     */
    @SuppressWarnings("deprecation")
    static final Encoding NO_LEVELS = Encoding.BIT_PACKED;

    /**
     * Dictionary pages and dictionary-indexed data pages of V1 files: {@code PLAIN_DICTIONARY}, as
     * parquet-java's V1 writer writes them and every reader of V1 files expects ({@code
     * RLE_DICTIONARY} is the V2 name of the same indices; the deprecation is of the name).
     */
    @SuppressWarnings("deprecation")
    static final Encoding V1_DICTIONARY = Encoding.PLAIN_DICTIONARY;

    /** The bytes of {@code in} in an array of exactly their size, copied once. */
    static byte[] toArray(BytesInput in) throws IOException {
        long size = in.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("a page part of " + size + " bytes is larger than an array holds");
        }
        Exact out = new Exact((int) size);
        in.writeAllTo(out);
        if (out.size != out.bytes.length) {
            throw new IOException("a page part said " + size + " bytes and gave " + out.size);
        }
        return out.bytes;
    }

    private static final class Exact extends OutputStream {
        final byte[] bytes;
        int size;

        Exact(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) throws IOException {
            if (size >= bytes.length) {
                throw new IOException("a page part gave more bytes than it said");
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > bytes.length - size) {
                throw new IOException("a page part gave more bytes than it said");
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }
    }
}
