package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
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
    void run_isReadByParquetJavasDecoder() throws Exception {
        // GIVEN the definition levels of a page whose values are all defined
        byte[] run = HybridRle.run(20_000, 1, 1);
        // THEN they decode as 20,000 ones, in a few bytes
        assertEquals(20_000, HybridRle.countOnes(run, 0, run.length, 20_000));
        assertTrue(run.length < 8, run.length + " bytes");
    }

    @Test
    void decode_readsParquetJavasEncoding_forEveryBitWidth() throws Exception {
        Random random = new Random(11);
        for (int bitWidth = 1; bitWidth <= 32; bitWidth++) {
            // GIVEN parquet-java's encoding (through HybridRle.encode) of values with runs
            int[] v = values(random, 2000, bitWidth);
            byte[] encoded = HybridRle.encode(v, v.length, bitWidth);

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
        // AND a run header cut in the middle ends too (parquet-java alone would read it forever)
        assertThrows(IOException.class, () -> HybridRle.countOnes(new byte[] {(byte) 0x80}, 0, 1, 5));
    }
}
