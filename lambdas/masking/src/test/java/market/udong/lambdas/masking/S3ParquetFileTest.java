package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import market.udong.core.testing.LocalS3;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link S3ParquetFile} against S3Proxy: the bytes it returns, the requests it makes, a replaced object. */
class S3ParquetFileTest {

    static final String BUCKET = "udong-test-input";
    static final int READ_AHEAD = 256 * 1024;
    static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void stream_returnsTheObjectsBytes_forSmallReadsSeeksLargeReadsAndVectoredRanges() throws Exception {
        // GIVEN a 3 MB object
        byte[] object = randomBytes(3_000_000, 1);
        s3.put(BUCKET, "reads.bin", object);
        S3Calls calls = new S3Calls();
        try (S3Client client = calls.client(s3)) {
            // WHEN it is opened and read in the ways parquet-java reads
            S3ParquetFile file = S3ParquetFile.open(client, BUCKET, "reads.bin", READ_AHEAD);
            assertEquals(List.of("bytes=-" + S3ParquetFile.TAIL_BYTES), calls.getRanges(), "open is one suffix GET");
            assertEquals(object.length, file.getLength());
            try (SeekableInputStream in = file.newStream()) {
                // the footer: the last 8 bytes, then what precedes them, both inside the tail
                in.seek(object.length - 8);
                byte[] last8 = new byte[8];
                in.readFully(last8);
                assertArrayEquals(Arrays.copyOfRange(object, object.length - 8, object.length), last8);
                in.seek(object.length - 40_000);
                byte[] footer = new byte[40_000 - 8];
                in.readFully(footer);
                assertArrayEquals(Arrays.copyOfRange(object, object.length - 40_000, object.length - 8), footer);
                assertEquals(1, calls.count("GetObject"), "the tail served the footer");

                // a chunk copied through 8 KiB reads: one GET per read-ahead window, not per read
                in.seek(100_000);
                byte[] copied = new byte[600_000];
                byte[] step = new byte[8192];
                for (int done = 0; done < copied.length; ) {
                    int n = in.read(step, 0, Math.min(step.length, copied.length - done));
                    System.arraycopy(step, 0, copied, done, n);
                    done += n;
                }
                assertArrayEquals(Arrays.copyOfRange(object, 100_000, 700_000), copied);
                assertEquals(1 + (int) Math.ceil(600_000.0 / READ_AHEAD), calls.count("GetObject"));

                // a jump back to re-read a page header keeps the window; the window then serves the reader again
                long before = calls.count("GetObject");
                in.seek(10_000);
                byte[] header = new byte[20];
                in.readFully(header);
                assertArrayEquals(Arrays.copyOfRange(object, 10_000, 10_020), header);
                in.seek(650_000);
                byte[] again = new byte[1000];
                in.readFully(again);
                assertArrayEquals(Arrays.copyOfRange(object, 650_000, 651_000), again);
                assertEquals(before + 1, calls.count("GetObject"));

                // a read as large as the read-ahead goes straight into the caller's buffer, in one GET
                before = calls.count("GetObject");
                in.seek(1_000_000);
                ByteBuffer large = ByteBuffer.allocate(READ_AHEAD + 1000);
                in.readFully(large);
                assertArrayEquals(Arrays.copyOfRange(object, 1_000_000, 1_000_000 + READ_AHEAD + 1000), large.array());
                assertEquals(before + 1, calls.count("GetObject"));

                // vectored ranges (one run of masked columns each): one GET per range; one reaching into the tail
                before = calls.count("GetObject");
                List<ParquetFileRange> ranges = List.of(new ParquetFileRange(2_500_000, 300_000),
                        new ParquetFileRange(1_500_000, 5), new ParquetFileRange(object.length - 70_000, 70_000));
                in.readVectored(ranges, new HeapByteBufferAllocator());
                for (ParquetFileRange r : ranges) {
                    ByteBuffer got = r.getDataReadFuture().get();
                    byte[] bytes = new byte[got.remaining()];
                    got.get(bytes);
                    assertArrayEquals(Arrays.copyOfRange(object, (int) r.getOffset(), (int) r.getOffset() + r.getLength()), bytes,
                            r.toString());
                }
                assertEquals(before + 3, calls.count("GetObject"));
            }
            // THEN every GET after the first is pinned to the first one's ETag
            assertEquals(file.requests(), calls.count("GetObject"));
            assertTrue(calls.calls().stream().skip(1)
                    .allMatch(c -> file.eTag().equals(((software.amazon.awssdk.services.s3.model.GetObjectRequest) c.request()).ifMatch())));
        }
    }

    @Test
    void read_failsWithInputChanged_whenTheObjectIsReplacedAfterOpen() throws Exception {
        // GIVEN an opened object, which is then replaced
        s3.put(BUCKET, "replaced.bin", randomBytes(500_000, 2));
        try (S3Client client = s3.client()) {
            S3ParquetFile file = S3ParquetFile.open(client, BUCKET, "replaced.bin", READ_AHEAD);
            s3.put(BUCKET, "replaced.bin", randomBytes(500_000, 3));

            // WHEN bytes outside the tail are read
            InputChangedException e = assertThrows(InputChangedException.class, () -> {
                try (SeekableInputStream in = file.newStream()) {
                    in.readFully(new byte[100]);
                }
            });

            // THEN the failure names the object and the version that was read
            assertTrue(e.getMessage().contains("s3://" + BUCKET + "/replaced.bin changed while it was read")
                    && e.getMessage().contains(file.eTag()), e.getMessage());
        }
    }

    @Test
    void open_emptyObject_hasLengthZero_andAMissingOneThrowsNoSuchKey() throws Exception {
        // GIVEN an empty object
        s3.put(BUCKET, "empty.bin", new byte[0]);
        try (S3Client client = s3.client()) {
            // WHEN it is opened (S3 has no satisfiable range of an empty object)
            S3ParquetFile file = S3ParquetFile.open(client, BUCKET, "empty.bin");

            // THEN its length is 0 and a read ends at once
            assertEquals(0, file.getLength());
            try (SeekableInputStream in = file.newStream()) {
                assertEquals(-1, in.read());
            }
            // AND a missing object is reported as such (the service counts it as gone, not failed)
            assertThrows(NoSuchKeyException.class, () -> S3ParquetFile.open(client, BUCKET, "missing.bin"));
        }
    }
}
