package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import market.udong.core.testing.LocalS3;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** {@link S3MultipartOutputFile} against S3Proxy, which enforces S3's 5 MiB minimum part. */
class S3MultipartOutputFileTest {

    static final String BUCKET = "udong-test-output";
    static final int PART = S3MultipartOutputFile.MIN_PART_SIZE;
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

    static byte[] bytes(int n) {
        return S3ParquetFileTest.randomBytes(n, n);
    }

    /** Writes in uneven pieces, as parquet-java does. */
    static void write(PositionOutputStream out, byte[] data) throws IOException {
        int off = 0;
        for (int piece = 1; off < data.length; piece = piece * 3 % 100_003 + 1) {
            int n = Math.min(piece, data.length - off);
            if (n == 1) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
        assertEquals(data.length, out.getPos());
    }

    static List<String> pendingUploads(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .map(u -> u.key()).toList();
    }

    @Test
    void outputSmallerThanAPart_isOnePutObject_withTheParquetContentType() throws Exception {
        // GIVEN an output of less than one part
        byte[] data = bytes(300_000);
        S3Calls calls = new S3Calls();
        try (S3Client client = calls.client(s3)) {
            S3MultipartOutputFile file = new S3MultipartOutputFile(client, BUCKET, "small.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(PART));

            // WHEN it is written and closed
            try (PositionOutputStream out = file.createOrOverwrite(0)) {
                write(out, data);
            }

            // THEN one PutObject made the object, with its content type
            assertEquals(List.of("PutObject"), calls.calls().stream().map(S3Calls.Call::operation).toList());
            assertTrue(file.completed());
            assertArrayEquals(data, s3.get(BUCKET, "small.parquet"));
            assertEquals(MaskingService.PARQUET_CONTENT_TYPE,
                    client.headObject(b -> b.bucket(BUCKET).key("small.parquet")).contentType());
        }
    }

    @Test
    void outputLargerThanAPart_isUploadedInParts_andCompletedAtClose() throws Exception {
        // GIVEN an output of two full parts and a bit
        byte[] data = bytes(2 * PART + 123_457);
        S3Calls calls = new S3Calls();
        try (S3Client client = calls.client(s3)) {
            S3MultipartOutputFile file = new S3MultipartOutputFile(client, BUCKET, "large.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(PART));
            PositionOutputStream out = file.createOrOverwrite(0);

            // WHEN it is written
            write(out, data);

            // THEN parts went up as they filled, and no object exists before close
            assertEquals(1, calls.count("CreateMultipartUpload"));
            assertThrows(NoSuchKeyException.class, () -> client.headObject(b -> b.bucket(BUCKET).key("large.parquet")));
            // AND close uploads the last part and completes the upload
            out.close();
            assertEquals(3, calls.count("UploadPart"));
            assertEquals(List.of(1, 2, 3), calls.calls().stream().filter(c -> c.request() instanceof UploadPartRequest)
                    .map(c -> ((UploadPartRequest) c.request()).partNumber()).sorted().toList());
            assertEquals(1, calls.count("CompleteMultipartUpload"));
            assertEquals(0, calls.count("PutObject"));
            assertArrayEquals(data, s3.get(BUCKET, "large.parquet"));
            HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key("large.parquet"));
            assertEquals(MaskingService.PARQUET_CONTENT_TYPE, head.contentType());
            assertEquals(List.of(), pendingUploads(client));
        }
    }

    @Test
    void failedPart_abortsTheUpload_leavingNeitherObjectNorUpload() throws Exception {
        // GIVEN a connection that breaks on the second part
        S3Calls calls = new S3Calls().failWhen(r -> r instanceof UploadPartRequest u && u.partNumber() == 2);
        try (S3Client client = calls.client(s3)) {
            S3MultipartOutputFile file = new S3MultipartOutputFile(client, BUCKET, "broken.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(PART));
            PositionOutputStream out = file.createOrOverwrite(0);

            // WHEN three parts' worth is written and closed
            S3TransferException e = assertThrows(S3TransferException.class, () -> {
                write(out, bytes(3 * PART));
                out.close();
            });

            // THEN the failure says the upload was aborted, and S3 holds nothing of it
            assertTrue(e.getMessage().contains("s3://" + BUCKET + "/broken.parquet") && e.getMessage().contains("aborted"),
                    e.getMessage());
            assertEquals(1, calls.count("AbortMultipartUpload"));
            assertEquals(0, calls.count("CompleteMultipartUpload"));
            assertFalse(file.completed());
            assertEquals(List.of(), pendingUploads(client));
            assertThrows(NoSuchKeyException.class, () -> client.headObject(b -> b.bucket(BUCKET).key("broken.parquet")));
            // AND the stream refuses more bytes
            assertThrows(IOException.class, () -> out.write(1));
        }
    }

    @Test
    void discard_abortsAnUploadInProgress_andDeletesACompletedOne() throws Exception {
        try (S3Client client = s3.client()) {
            // GIVEN an upload with one part sent, abandoned by a failing writer
            S3MultipartOutputFile abandoned = new S3MultipartOutputFile(client, BUCKET, "abandoned.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(PART));
            write(abandoned.createOrOverwrite(0), bytes(PART + 10));
            assertEquals(List.of("abandoned.parquet"), pendingUploads(client));
            // AND a completed output whose file later proved bad
            S3MultipartOutputFile done = new S3MultipartOutputFile(client, BUCKET, "done.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(PART));
            try (PositionOutputStream out = done.createOrOverwrite(0)) {
                write(out, bytes(1000));
            }

            // WHEN both are discarded (twice: discarding is idempotent)
            abandoned.discard();
            abandoned.discard();
            done.discard();

            // THEN neither object nor upload remains
            assertEquals(List.of(), pendingUploads(client));
            assertEquals(List.of(), s3.keys(BUCKET, "abandoned"));
            assertEquals(List.of(), s3.keys(BUCKET, "done"));
        }
    }

    @Test
    void partBuffers_refuseLessThanS3sMinimumPart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new S3MultipartOutputFile.PartBuffers(1024 * 1024));
        assertTrue(e.getMessage().contains("at least 5242880"), e.getMessage());
    }
}
