package market.udong.lambdas.masking;

import java.io.IOException;
import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary indices), on
 * byte arrays: runs are a varint header, then either one repeated value ({@code header >>> 1}
 * times, in {@code ceil(bitWidth / 8)} little-endian bytes) or {@code header >>> 1} groups of
 * eight values bit-packed least significant bit first.
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
        int pos = from;
        int seen = 0;
        int ones = 0;
        while (seen < count) {
            if (pos >= to) {
                throw new IOException("definition levels end after " + seen + " of " + count + " values");
            }
            int header = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= to || shift > 28) {
                    throw new IOException("corrupt run header in definition levels");
                }
                int x = b[pos++];
                header |= (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if ((header & 1) == 0) {
                int take = Math.min(header >>> 1, count - seen);
                if (pos >= to) {
                    throw new IOException("definition levels end inside a run");
                }
                if ((b[pos++] & 1) == 1) {
                    ones += take;
                }
                seen += take;
            } else {
                int groups = header >>> 1;
                int take = (int) Math.min((long) groups * 8, count - seen);
                int fullBytes = take / 8;
                if (pos + fullBytes + (take % 8 == 0 ? 0 : 1) > to) {
                    throw new IOException("definition levels end inside a bit-packed run");
                }
                for (int i = 0; i < fullBytes; i++) {
                    ones += Integer.bitCount(b[pos + i] & 0xFF);
                }
                if (take % 8 != 0) {
                    ones += Integer.bitCount(b[pos + fullBytes] & ((1 << (take % 8)) - 1));
                }
                pos = (int) Math.min((long) pos + groups, to);
                seen += take;
            }
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
        int valueBytes = (bitWidth + 7) / 8;
        long mask = (1L << bitWidth) - 1;
        int pos = from;
        int n = 0;
        while (n < count) {
            if (pos >= to) {
                throw new IOException("encoded values end after " + n + " of " + count);
            }
            int header = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= to || shift > 28) {
                    throw new IOException("corrupt run header");
                }
                int x = b[pos++];
                header |= (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if ((header & 1) == 0) {
                if (pos + valueBytes > to) {
                    throw new IOException("encoded values end inside a run");
                }
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (b[pos++] & 0xFF) << (8 * i);
                }
                int take = Math.min(header >>> 1, count - n);
                Arrays.fill(out, n, n + take, value);
                n += take;
            } else {
                int groups = header >>> 1;
                int take = (int) Math.min((long) groups * 8, count - n);
                int end = (int) Math.min(pos + (long) groups * bitWidth, to);
                long buffer = 0;
                int bits = 0;
                for (int i = 0; i < take; i++) {
                    while (bits < bitWidth) {
                        // Writers may leave off the padding bytes of the last group.
                        buffer |= (long) (pos < to ? b[pos] & 0xFF : 0) << bits;
                        pos++;
                        bits += 8;
                    }
                    out[n++] = (int) (buffer & mask);
                    buffer >>>= bitWidth;
                    bits -= bitWidth;
                }
                pos = end;
            }
        }
    }

    /** One RLE run: {@code count} times {@code value}. */
    static byte[] run(int count, int value, int bitWidth) {
        Encoder e = new Encoder(bitWidth, 8);
        e.rleRun(count, value);
        return e.toByteArray();
    }

    /**
     * Encodes {@code values[0, count)}: runs of eight or more equal values as RLE runs, the rest
     * bit-packed in groups of eight (the last group padded with zeros).
     */
    static byte[] encode(int[] values, int count, int bitWidth) {
        Encoder e = new Encoder(bitWidth, count * bitWidth / 8 + 16);
        int pos = 0;
        int packedFrom = -1;
        while (pos < count) {
            int v = values[pos];
            int repeat = 1;
            while (pos + repeat < count && values[pos + repeat] == v) {
                repeat++;
            }
            if (repeat >= 8) {
                if (packedFrom >= 0) {
                    e.bitPacked(values, packedFrom, pos, count);
                    packedFrom = -1;
                }
                e.rleRun(repeat, v);
                pos += repeat;
            } else {
                if (packedFrom < 0) {
                    packedFrom = pos;
                }
                pos += 8;
            }
        }
        if (packedFrom >= 0) {
            e.bitPacked(values, packedFrom, pos, count);
        }
        return e.toByteArray();
    }

    private static final class Encoder {
        private final int bitWidth;
        private byte[] out;
        private int size;

        Encoder(int bitWidth, int capacity) {
            this.bitWidth = bitWidth;
            this.out = new byte[Math.max(capacity, 16)];
        }

        void rleRun(int count, int value) {
            varint(count << 1);
            ensure((bitWidth + 7) / 8);
            for (int i = 0; i < (bitWidth + 7) / 8; i++) {
                out[size++] = (byte) (value >>> (8 * i));
            }
        }

        /** Values {@code [from, to)} ({@code to - from} a multiple of 8), zeros past {@code count}. */
        void bitPacked(int[] values, int from, int to, int count) {
            int groups = (to - from) / 8;
            varint(groups << 1 | 1);
            ensure(groups * bitWidth);
            long buffer = 0;
            int bits = 0;
            for (int i = from; i < to; i++) {
                buffer |= (i < count ? values[i] & 0xFFFFFFFFL : 0L) << bits;
                bits += bitWidth;
                while (bits >= 8) {
                    out[size++] = (byte) buffer;
                    buffer >>>= 8;
                    bits -= 8;
                }
            }
        }

        private void varint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                out[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[size++] = (byte) v;
        }

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(out, size);
        }
    }
}
