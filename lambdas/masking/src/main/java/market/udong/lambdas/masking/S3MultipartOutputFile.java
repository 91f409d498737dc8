package market.udong.lambdas.masking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a Parquet {@link OutputFile} through a multipart upload, with nothing on
 * local disk.
 *
 * <ul>
 * <li>Bytes fill a part buffer of {@link PartBuffers#partSize()}; a full buffer is uploaded on a
 *     background thread while the next one fills (at most one part in flight, so two buffers per
 *     file). Buffers return to {@link PartBuffers} and serve the next file.</li>
 * <li>The upload starts with the first full part; {@code close()} uploads the rest and completes it.
 *     An output smaller than one part is written with a single PutObject.</li>
 * <li>Any failed request aborts the upload and surfaces as {@link S3TransferException}. A writer that
 *     fails before {@code close()} never completes the upload: call {@link #discard()}, which aborts
 *     it (or deletes the object if it was already completed).</li>
 * <li>Parts carry a CRC32 we compute (declared at CreateMultipartUpload and repeated at completion), so
 *     the upload does not depend on the client's checksum defaults.</li>
 * <li>Encryption is the bucket's default (the lake zones use SSE-KMS with the lake key and a bucket
 *     key); the only object setting sent is the content type, on both the multipart and the single-PUT
 *     path.</li>
 * </ul>
 *
 * The object appears only when the upload completes, so a failed retry never replaces a good output
 * with a partial one. One stream per instance.
 */
public final class S3MultipartOutputFile implements OutputFile {

    /** S3's smallest part (every part but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final PartBuffers buffers;
    private Upload upload;

    /**
     * @param contentType the object's Content-Type
     * @param buffers     where part buffers come from and return to
     */
    public S3MultipartOutputFile(S3Client s3, String bucket, String key, String contentType, PartBuffers buffers) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.buffers = buffers;
    }

    /** Part buffers of one size, kept between files (at most two idle ones: a file uses two). */
    public static final class PartBuffers {
        private final int partSize;
        private final Deque<byte[]> idle = new ArrayDeque<>();

        /** @param partSize bytes per part, at least {@link S3MultipartOutputFile#MIN_PART_SIZE} (5 MiB, S3's minimum) */
        public PartBuffers(int partSize) {
            if (partSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException("part size must be at least " + MIN_PART_SIZE
                        + " bytes (S3's minimum for all but the last part), got " + partSize);
            }
            this.partSize = partSize;
        }

        public int partSize() {
            return partSize;
        }

        synchronized byte[] take() {
            byte[] b = idle.poll();
            return b != null ? b : new byte[partSize];
        }

        synchronized void give(byte[] b) {
            if (b != null && idle.size() < 2) {
                idle.push(b);
            }
        }
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return createOrOverwrite(blockSizeHint);
    }

    /** The object is replaced when the upload completes (a retry overwrites, as the curated keys intend). */
    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        if (upload != null) {
            throw new IllegalStateException(getPath() + " is already being written");
        }
        upload = new Upload();
        return upload;
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return "s3://" + bucket + "/" + key;
    }

    /** True once {@code close()} has made the object. */
    public boolean completed() {
        return upload != null && upload.state == State.COMPLETED;
    }

    /**
     * Makes sure nothing of this output remains: aborts an upload in progress, deletes the object if
     * the upload was already completed. Safe to call more than once and after a failure.
     *
     * @throws SdkException when S3 refuses the abort or delete (the bucket's lifecycle rule removes
     *                      incomplete uploads after seven days)
     */
    public void discard() {
        if (upload == null) {
            return;
        }
        if (upload.state == State.COMPLETED) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            upload.state = State.DISCARDED;
        } else {
            upload.abort();
        }
    }

    private enum State { OPEN, COMPLETED, FAILED, DISCARDED }

    private final class Upload extends PositionOutputStream {
        private byte[] buffer = buffers.take();
        private int filled;
        private long pos;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private ExecutorService sender;
        private Future<CompletedPart> inFlight;
        private byte[] inFlightBuffer;
        private State state = State.OPEN;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            buffer[filled++] = (byte) b;
            pos++;
            if (filled == buffer.length) {
                sendFullPart();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                pos += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    sendFullPart();
                }
            }
        }

        private void ensureOpen() throws IOException {
            if (state != State.OPEN) {
                throw new IOException(getPath() + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        private void sendFullPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
                    sender = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "s3-part-upload");
                        t.setDaemon(true);
                        return t;
                    });
                }
                awaitInFlight();
                int partNumber = parts.size() + 1;
                byte[] full = buffer;
                int size = filled;
                buffer = buffers.take();
                filled = 0;
                inFlightBuffer = full;
                inFlight = sender.submit(() -> uploadPart(partNumber, full, size));
            } catch (SdkException | IOException e) {
                throw failed("uploading a part of", e);
            }
        }

        /** Waits for the part in flight, records it and takes its buffer back. */
        private void awaitInFlight() throws IOException {
            if (inFlight == null) {
                return;
            }
            try {
                parts.add(inFlight.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while uploading " + getPath(), e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } finally {
                inFlight = null;
                buffers.give(inFlightBuffer);
                inFlightBuffer = null;
            }
        }

        private CompletedPart uploadPart(int partNumber, byte[] bytes, int size) {
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, size);
            String checksum = base64Crc32(crc.getValue());
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength((long) size).checksumCRC32(checksum),
                    body(bytes, size)).eTag();
            return CompletedPart.builder().partNumber(partNumber).eTag(eTag).checksumCRC32(checksum).build();
        }

        /** Completes the object: one PutObject, or the last part and CompleteMultipartUpload. */
        @Override
        public void close() throws IOException {
            if (state != State.OPEN) {
                return;
            }
            try {
                if (uploadId == null) {
                    s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) filled),
                            body(buffer, filled));
                } else {
                    awaitInFlight();
                    if (filled > 0) {
                        parts.add(uploadPart(parts.size() + 1, buffer, filled));
                    }
                    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts)));
                }
                state = State.COMPLETED;
            } catch (SdkException | IOException e) {
                throw failed("completing", e);
            } finally {
                release();
            }
        }

        private S3TransferException failed(String doing, Exception e) {
            try {
                abort();
            } catch (SdkException abortFailed) {
                S3TransferException failure = new S3TransferException(doing + " " + getPath() + " failed, and so did"
                        + " aborting the upload (the bucket's lifecycle rule removes it): " + e.getMessage(), e);
                failure.addSuppressed(abortFailed);
                return failure;
            }
            return new S3TransferException(doing + " " + getPath() + " failed (upload aborted): " + e.getMessage(), e);
        }

        /** Stops the upload for good; S3 keeps nothing of it. */
        void abort() {
            if (state != State.OPEN) {
                return;
            }
            state = State.FAILED;
            try {
                if (inFlight != null) {
                    // The part must have finished (or failed) before the abort, or S3 could keep it.
                    awaitInFlight();
                }
            } catch (IOException ignored) {
                // The upload is being abandoned anyway.
            } finally {
                try {
                    if (uploadId != null) {
                        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                    }
                } finally {
                    release();
                }
            }
        }

        private void release() {
            if (sender != null) {
                sender.shutdownNow();
                sender = null;
            }
            buffers.give(buffer);
            buffer = null;
            buffers.give(inFlightBuffer);
            inFlightBuffer = null;
        }
    }

    /** A body over the first {@code size} bytes of a reused buffer, readable again for the SDK's retries. */
    private static RequestBody body(byte[] bytes, int size) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, size), size,
                "application/octet-stream");
    }

    private static String base64Crc32(long value) {
        return Base64.getEncoder().encodeToString(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
