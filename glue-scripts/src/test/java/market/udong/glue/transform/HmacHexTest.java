package market.udong.glue.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.udong.core.masking.ColumnMasks;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class HmacHexTest {

    private static final String SECRET = "test-hmac-key-0123456789abcdef0123456789";

    @Test
    void text_equalsCoreHash_whenThreadsShareOneInstance() throws Exception {
        // GIVEN one instance, as a plan shared by several threads would hold it
        HmacHex hmac = new HmacHex(SECRET);
        ColumnMasks masks = ColumnMasks.fromSecretString(SECRET);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    // WHEN every thread hashes its own values at the same time
                    for (int i = 0; i < 20_000; i++) {
                        String value = "member" + thread + "-" + i + "@udong.market";
                        String hashed = hmac.text(UTF8String.fromString(value)).toString();
                        // THEN every digest is core's for that value, never another thread's
                        assertEquals(masks.hash(value), hashed, value);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertEquals(threads * 20_000, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void text_readsASliceOfALargerBuffer_inPlace() {
        // GIVEN a string that is a slice of a larger byte array (as Spark's rows hold them)
        byte[] row = "xxxx한글 이메일@udong.marketyyyy".getBytes(StandardCharsets.UTF_8);
        int length = "한글 이메일@udong.market".getBytes(StandardCharsets.UTF_8).length;
        UTF8String slice = UTF8String.fromBytes(row, 4, length);

        // WHEN hashed THEN only the slice's bytes count
        assertEquals(ColumnMasks.fromSecretString(SECRET).hash("한글 이메일@udong.market"),
                new HmacHex(SECRET).text(slice).toString());
        assertFalse(new HmacHex(SECRET).toString().contains(SECRET));
    }
}
