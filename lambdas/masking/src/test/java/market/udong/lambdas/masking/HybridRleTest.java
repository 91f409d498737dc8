package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

class HybridRleTest {

    /** Values of {@code bitWidth} with runs of repeats between random stretches, as dictionary indices look. */
    static int[] values(Random random, int count, int bitWidth) {
        long limit = 1L << bitWidth;
        int[] v = new int[count];
        int i = 0;
        while (i < count) {
            int value = (int) (random.nextLong() & (limit - 1));
            int repeat = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
            for (int r = 0; r < repeat && i < count; r++) {
                v[i++] = value;
            }
        }
        return v;
    }

    @Test
    void encode_isReadByParquetJavasDecoder_forEveryBitWidth() throws Exception {
        Random random = new Random(7);
        for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
            for (int count : new int[] {0, 1, 7, 8, 9, 100, 1003}) {
                // GIVEN values with runs and random stretches
                int[] v = values(random, count, bitWidth);

                // WHEN we encode them
                byte[] encoded = HybridRle.encode(v, count, bitWidth);

                // THEN parquet-java decodes the same values
                RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
                        ByteBufferInputStream.wrap(java.nio.ByteBuffer.wrap(encoded)));
                for (int i = 0; i < count; i++) {
                    assertEquals(v[i], decoder.readInt(), "bit width " + bitWidth + ", value " + i + " of " + count);
                }
            }
        }
    }

    @Test
    void decode_readsParquetJavasEncoding_forEveryBitWidth() throws Exception {
        Random random = new Random(11);
        for (int bitWidth = 1; bitWidth <= 32; bitWidth++) {
            // GIVEN parquet-java's encoding of values with runs
            int[] v = values(random, 2000, bitWidth);
            byte[] encoded;
            try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                    HeapByteBufferAllocator.getInstance())) {
                for (int x : v) {
                    encoder.writeInt(x);
                }
                encoded = encoder.toBytes().toByteArray();
            }

            // WHEN we decode it
            int[] decoded = new int[v.length];
            HybridRle.decode(encoded, 0, encoded.length, bitWidth, decoded, v.length);

            // THEN the values come back
            assertArrayEquals(v, decoded, "bit width " + bitWidth);
        }
    }

    @Test
    void countOnes_countsDefinedValues_inRunsAndBitPackedGroups() throws Exception {
        Random random = new Random(13);
        for (int count : new int[] {1, 8, 13, 64, 1000}) {
            // GIVEN definition levels (0 null, 1 defined) encoded with both kinds of runs
            int[] levels = values(random, count, 1);
            byte[] encoded = HybridRle.encode(levels, count, 1);

            // WHEN / THEN
            assertEquals(Arrays.stream(levels).sum(), HybridRle.countOnes(encoded, 0, encoded.length, count));
        }
    }

    @Test
    void decode_failsWithIOException_whenTheRunsEndEarly() {
        // GIVEN runs for 10 values, read as 20
        byte[] encoded = HybridRle.encode(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10, 4);

        // WHEN / THEN
        assertThrows(IOException.class, () -> HybridRle.decode(encoded, 0, encoded.length, 4, new int[20], 20));
        assertThrows(IOException.class, () -> HybridRle.countOnes(new byte[0], 0, 0, 5));
    }
}
