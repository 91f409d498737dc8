package market.udong.lambdas.masking;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object as a Parquet {@link InputFile}, read with ranged GETs and nothing on local disk.
 *
 * <ul>
 * <li>{@link #open} fetches the last {@value #TAIL_BYTES} bytes in one request ({@code Range: bytes=-N}),
 *     which also gives the length and ETag; Parquet's footer is read from there, and only a footer
 *     larger than that costs one more GET.</li>
 * <li>Column chunks the reader asks for per row group ({@link SeekableInputStream#readVectored}) are
 *     read with one GET per contiguous range, straight into the reader's buffers.</li>
 * <li>Sequential reads (column chunks copied without decoding, page headers) go through a
 *     read-ahead window: one GET per {@code readAhead} bytes (default {@value #DEFAULT_READ_AHEAD}), never
 *     one per small read. A read of at least {@code readAhead} bytes goes straight to the caller.</li>
 * <li>Every GET after the first carries {@code If-Match} with the first response's ETag: an object
 *     replaced mid-read fails with {@link InputChangedException} instead of mixing two versions.</li>
 * <li>A failed S3 request is an {@link S3TransferException}; a body cut short is retried twice.</li>
 * </ul>
 *
 * Memory: the tail, plus one read-ahead window and one {@value #BACKWARD_BLOCK}-byte block per open
 * stream. Streams may be used from one thread each; several streams may be open at once.
 */
public final class S3ParquetFile implements InputFile {

    /** Bytes fetched from the end of the object by {@link #open}; Parquet footers are usually smaller. */
    public static final int TAIL_BYTES = 64 * 1024;
    public static final int DEFAULT_READ_AHEAD = 8 * 1024 * 1024;
    /** A read before the window (a page header re-read) fetches this much and keeps the window. */
    static final int BACKWARD_BLOCK = 64 * 1024;
    private static final int BODY_ATTEMPTS = 3;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final int readAhead;
    private final long length;
    private final String eTag;
    private final byte[] tail;
    private final long tailStart;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesFetched = new AtomicLong();

    private S3ParquetFile(S3Client s3, String bucket, String key, int readAhead, long length, String eTag, byte[] tail) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.readAhead = readAhead;
        this.length = length;
        this.eTag = eTag;
        this.tail = tail;
        this.tailStart = length - tail.length;
    }

    /** {@link #open(S3Client, String, String, int)} with a {@value #DEFAULT_READ_AHEAD}-byte read-ahead. */
    public static S3ParquetFile open(S3Client s3, String bucket, String key) throws IOException {
        return open(s3, bucket, key, DEFAULT_READ_AHEAD);
    }

    /**
     * Fetches the object's tail, length and ETag (one GET; two for an empty object, which has no
     * satisfiable range).
     *
     * @throws NoSuchKeyException    when the object does not exist
     * @throws S3TransferException   when S3 cannot be read
     */
    public static S3ParquetFile open(S3Client s3, String bucket, String key, int readAhead) throws IOException {
        if (readAhead < BACKWARD_BLOCK) {
            throw new IllegalArgumentException("readAhead must be at least " + BACKWARD_BLOCK + " bytes, got " + readAhead);
        }
        String where = "s3://" + bucket + "/" + key;
        for (int attempt = 1; ; attempt++) {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=-" + TAIL_BYTES))) {
                GetObjectResponse response = in.response();
                byte[] tail = in.readAllBytes();
                long length = totalLength(response, tail.length, where);
                S3ParquetFile file = new S3ParquetFile(s3, bucket, key, readAhead, length, response.eTag(), tail);
                file.requests.set(attempt);
                file.bytesFetched.set(tail.length);
                return file;
            } catch (NoSuchKeyException e) {
                throw e;
            } catch (S3Exception e) {
                if (e.statusCode() == 416) {
                    return openEmpty(s3, bucket, key, readAhead, where);
                }
                throw new S3TransferException("cannot read the end of " + where + ": " + e.getMessage(), e);
            } catch (SdkException e) {
                throw new S3TransferException("cannot read the end of " + where + ": " + e.getMessage(), e);
            } catch (IOException e) {
                if (attempt == BODY_ATTEMPTS) {
                    throw new S3TransferException("reading the end of " + where + " failed " + attempt + " times", e);
                }
            }
        }
    }

    /** S3 answers a suffix range on an empty object with 416; the plain GET tells it apart from a bad range. */
    private static S3ParquetFile openEmpty(S3Client s3, String bucket, String key, int readAhead, String where)
            throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] all = in.readAllBytes();
            S3ParquetFile file = new S3ParquetFile(s3, bucket, key, readAhead, all.length, in.response().eTag(), all);
            file.requests.set(2);
            return file;
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (SdkException e) {
            throw new S3TransferException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    /** The object's length from {@code Content-Range: bytes a-b/LENGTH}; a 200 answer carries the whole object. */
    private static long totalLength(GetObjectResponse response, int received, String where) throws IOException {
        String range = response.contentRange();
        if (range == null) {
            return received;
        }
        int slash = range.lastIndexOf('/');
        if (slash < 0 || range.endsWith("*")) {
            throw new S3TransferException("unexpected Content-Range '" + range + "' for " + where, null);
        }
        return Long.parseLong(range.substring(slash + 1).trim());
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    /** The ETag every read after the first must match. */
    public String eTag() {
        return eTag;
    }

    /** GET requests made so far, {@link #open}'s included. */
    public int requests() {
        return requests.get();
    }

    /** Bytes received from S3 so far. */
    public long bytesFetched() {
        return bytesFetched.get();
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Reads {@code [position, position + len)} into {@code dst} with one GET pinned to the ETag.
     * Bytes at or past {@link #tailStart} are never asked for: they are in {@link #tail}.
     */
    private void fetch(long position, byte[] dst, int off, int len) throws IOException {
        String range = "bytes=" + position + "-" + (position + len - 1);
        for (int attempt = 1; ; attempt++) {
            requests.incrementAndGet();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range(range).ifMatch(eTag))) {
                GetObjectResponse response = in.response();
                String contentRange = response.contentRange();
                if (contentRange == null || !contentRange.startsWith("bytes " + position + "-")) {
                    throw new S3TransferException("S3 answered " + range + " of " + this + " with Content-Range "
                            + contentRange, null);
                }
                if (response.eTag() != null && !response.eTag().equals(eTag)) {
                    throw changed(range, null);
                }
                readFully(in, dst, off, len);
                bytesFetched.addAndGet(len);
                return;
            } catch (NoSuchKeyException e) {
                throw new InputChangedException(this + " was deleted while it was read (" + range + ")", e);
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    throw changed(range, e);
                }
                throw new S3TransferException("GET " + range + " of " + this + " failed: " + e.getMessage(), e);
            } catch (SdkException e) {
                throw new S3TransferException("GET " + range + " of " + this + " failed: " + e.getMessage(), e);
            } catch (S3TransferException | InputChangedException e) {
                throw e;
            } catch (IOException e) {
                if (attempt == BODY_ATTEMPTS) {
                    throw new S3TransferException("GET " + range + " of " + this + " was cut short " + attempt + " times", e);
                }
            }
        }
    }

    private InputChangedException changed(String range, Throwable cause) {
        return new InputChangedException(this + " changed while it was read: its ETag is no longer " + eTag
                + " (" + range + ")", cause);
    }

    private static void readFully(InputStream in, byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(dst, off + done, len - done);
            if (n < 0) {
                throw new EOFException("response ended after " + done + " of " + len + " bytes");
            }
            done += n;
        }
    }

    /** Copies {@code [position, position + len)} into {@code dst}, fetching what the tail does not hold. */
    private void readRange(long position, byte[] dst, int off, int len) throws IOException {
        long end = position + len;
        if (end > tailStart) {
            long fromTail = Math.max(position, tailStart);
            int n = (int) (end - fromTail);
            System.arraycopy(tail, (int) (fromTail - tailStart), dst, off + (int) (fromTail - position), n);
            len -= n;
        }
        if (len > 0) {
            fetch(position, dst, off, len);
        }
    }

    private final class Stream extends ByteArraySeekableStream {
        private long pos;
        private byte[] window;
        private long windowStart;
        private int windowLength;
        private byte[] back;
        private long backStart;
        private int backLength;

        Stream() {
            super(readAhead);
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException("cannot seek to " + newPos + " in " + S3ParquetFile.this + " of " + length + " bytes");
            }
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= length) {
                return -1;
            }
            int wanted = (int) Math.min(len, length - pos);
            int n = copyCached(b, off, wanted);
            if (n == 0) {
                if (wanted >= readAhead) {
                    readRange(pos, b, off, wanted);
                    n = wanted;
                } else {
                    fill();
                    n = copyCached(b, off, wanted);
                }
            }
            pos += n;
            return n;
        }

        /** Copies from the tail, the window or the backward block, whichever holds {@link #pos}; 0 if none. */
        private int copyCached(byte[] b, int off, int len) {
            if (pos >= tailStart) {
                return copy(tail, tailStart, tail.length, b, off, len);
            }
            if (window != null && pos >= windowStart && pos < windowStart + windowLength) {
                return copy(window, windowStart, windowLength, b, off, len);
            }
            if (back != null && pos >= backStart && pos < backStart + backLength) {
                return copy(back, backStart, backLength, b, off, len);
            }
            return 0;
        }

        private int copy(byte[] from, long fromStart, int fromLength, byte[] b, int off, int len) {
            int at = (int) (pos - fromStart);
            int n = Math.min(len, fromLength - at);
            System.arraycopy(from, at, b, off, n);
            return n;
        }

        /**
         * Fetches the window from {@link #pos}, up to the tail. A jump back before the window (parquet-java
         * re-reading a chunk's first page header) fetches a small block instead and keeps the window for
         * when the reader returns; reading on past that block moves the window.
         */
        private void fill() throws IOException {
            boolean continuesBackBlock = back != null && pos == backStart + backLength;
            if (window != null && windowLength > 0 && pos < windowStart && !continuesBackBlock) {
                if (back == null) {
                    back = new byte[BACKWARD_BLOCK];
                }
                backLength = (int) Math.min(BACKWARD_BLOCK, tailStart - pos);
                backStart = pos;
                fetch(pos, back, 0, backLength);
                return;
            }
            if (window == null) {
                window = new byte[readAhead];
            }
            windowLength = 0;
            int n = (int) Math.min(readAhead, tailStart - pos);
            fetch(pos, window, 0, n);
            windowStart = pos;
            windowLength = n;
        }

        @Override
        String source() {
            return S3ParquetFile.this.toString();
        }

        @Override
        public boolean readVectoredAvailable(ByteBufferAllocator allocator) {
            return true;
        }

        /**
         * One GET per range, in file order, into buffers from {@code allocator}. parquet-java passes one
         * range per run of adjacent column chunks, so a row group's masked columns cost one GET per run.
         * The futures are complete when this returns; the stream's position is unchanged.
         */
        @Override
        public void readVectored(List<ParquetFileRange> ranges, ByteBufferAllocator allocator) throws IOException {
            List<ParquetFileRange> ordered = new ArrayList<>(ranges);
            ordered.sort(Comparator.comparingLong(ParquetFileRange::getOffset));
            for (ParquetFileRange range : ordered) {
                if (range.getOffset() < 0 || range.getLength() < 0 || range.getOffset() + range.getLength() > length) {
                    throw new EOFException("range " + range + " is outside " + S3ParquetFile.this + " of " + length + " bytes");
                }
            }
            for (ParquetFileRange range : ordered) {
                ByteBuffer buffer = allocator.allocate(range.getLength());
                if (buffer.hasArray()) {
                    readRange(range.getOffset(), buffer.array(), buffer.arrayOffset() + buffer.position(), range.getLength());
                } else {
                    byte[] bytes = new byte[range.getLength()];
                    readRange(range.getOffset(), bytes, 0, bytes.length);
                    buffer.put(bytes);
                    buffer.flip();
                }
                range.setDataReadFuture(CompletableFuture.completedFuture(buffer));
            }
        }

        @Override
        public void close() {
            window = null;
            back = null;
        }
    }
}
