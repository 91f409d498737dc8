package market.udong.lambdas.masking;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;

/**
 * Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary indices) on byte
 * arrays, through parquet-column's own decoder and encoder. The decoder reads from a stream that
 * fails at its end: parquet-java's varint reader takes the end of a stream (-1) for a byte with its
 * continuation bit set and would never return on a page whose runs end early.
 */
final class HybridRle {

    private HybridRle() {
    }

    /**
     * Counts the ones among the first {@code count} values of bit width 1 in {@code b[from, to)}:
     * the defined values of a flat optional column's page.
     *
     * @throws IOException when the runs end before {@code count} values
     */
    static int countOnes(byte[] b, int from, int to, int count) throws IOException {
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(1, new Bounded(b, from, to));
        int ones = 0;
        try {
            for (int i = 0; i < count; i++) {
                ones += decoder.readInt();
            }
        } catch (RuntimeException e) {
            throw new IOException("corrupt definition levels: " + e.getMessage(), e);
        }
        return ones;
    }

    /**
     * Decodes {@code count} values of {@code bitWidth} (0 to 32) from {@code b[from, to)} into
     * {@code out[0, count)}.
     *
     * @throws IOException when the runs end before {@code count} values
     */
    static void decode(byte[] b, int from, int to, int bitWidth, int[] out, int count) throws IOException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IOException("bit width " + bitWidth + " is out of range");
        }
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth, new Bounded(b, from, to));
        try {
            for (int i = 0; i < count; i++) {
                out[i] = decoder.readInt();
            }
        } catch (RuntimeException e) {
            throw new IOException("corrupt encoded values: " + e.getMessage(), e);
        }
    }

    /** One RLE run: {@code count} times {@code value}. */
    static byte[] run(int count, int value, int bitWidth) {
        int[] values = new int[count];
        java.util.Arrays.fill(values, value);
        return encode(values, count, bitWidth);
    }

    /** Encodes {@code values[0, count)} of {@code bitWidth} (0 to 32) as parquet-java does. */
    static byte[] encode(int[] values, int count, int bitWidth) {
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth,
                Math.max(64, count * bitWidth / 8 + 16), 1 << 20, HeapByteBufferAllocator.getInstance())) {
            for (int i = 0; i < count; i++) {
                encoder.writeInt(values[i]);
            }
            return PageBytes.toArray(encoder.toBytes());
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory cannot fail", e);
        }
    }

    /** {@code b[from, to)} as a stream that throws at its end instead of returning -1. */
    private static final class Bounded extends InputStream {
        private final byte[] b;
        private final int to;
        private int pos;

        Bounded(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.to = to;
        }

        @Override
        public int read() throws IOException {
            if (pos >= to) {
                throw new EOFException("the encoded runs end early");
            }
            return b[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (pos >= to) {
                return len == 0 ? 0 : -1;
            }
            int n = Math.min(len, to - pos);
            System.arraycopy(b, pos, into, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return to - pos;
        }
    }
}
