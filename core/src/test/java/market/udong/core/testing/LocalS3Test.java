package market.udong.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalS3Test {

    @Test
    void localS3_storesAndListsObjects_onLoopbackOnly() throws Exception {
        // GIVEN a started server and a bucket
        try (LocalS3 s3 = LocalS3.start()) {
            s3.createBucket("udong-test-raw");
            byte[] body = "안녕 udon".getBytes(StandardCharsets.UTF_8);

            // WHEN an object is put with the SDK client and read back
            s3.put("udong-test-raw", "a/b/dt=2026-11-25/part-0.parquet", body);

            // THEN it round-trips, lists under its prefix, and the server binds 127.0.0.1
            assertArrayEquals(body, s3.get("udong-test-raw", "a/b/dt=2026-11-25/part-0.parquet"));
            assertEquals(List.of("a/b/dt=2026-11-25/part-0.parquet"), s3.keys("udong-test-raw", "a/"));
            assertTrue(InetAddress.getByName(s3.endpoint().getHost()).isLoopbackAddress());
        }
    }

    @Test
    void duckDb_readsParquetItWrote(@TempDir Path dir) {
        // GIVEN a Parquet file written by DuckDB itself
        Path file = dir.resolve("t.parquet");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT range AS id, 'x' || range AS name FROM range(5)) TO '" + file + "' (FORMAT parquet)");

            // WHEN it is read back THEN count and schema are what was written
            assertEquals(5, db.count(file));
            assertEquals("BIGINT", db.columnTypes(file).get("id"));
            assertEquals("INT64", db.parquetSchema(file).get("id").get(0));
        }
        assertTrue(Files.exists(file));
    }
}
