package market.udong.lambdas.masking;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A {@link SeekableInputStream} whose subclasses only read into byte arrays: the
 * {@code readFully} and {@link ByteBuffer} variants parquet-java calls are built on
 * {@link #read(byte[], int, int)} here, once for the local and the S3 input.
 */
abstract class ByteArraySeekableStream extends SeekableInputStream {
    private final int maxCopy;

    /** @param maxCopy largest temporary array used to fill a buffer without a backing array */
    ByteArraySeekableStream(int maxCopy) {
        this.maxCopy = maxCopy;
    }

    /** What the stream reads, for end-of-file messages. */
    abstract String source();

    @Override
    public void readFully(byte[] bytes) throws IOException {
        readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = read(bytes, start + done, len - done);
            if (n < 0) {
                throw endOfFile(len - done);
            }
            done += n;
        }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
        int len = buf.remaining();
        if (buf.hasArray()) {
            int n = read(buf.array(), buf.arrayOffset() + buf.position(), len);
            if (n > 0) {
                buf.position(buf.position() + n);
            }
            return n;
        }
        byte[] tmp = new byte[Math.min(len, maxCopy)];
        int n = read(tmp, 0, tmp.length);
        if (n > 0) {
            buf.put(tmp, 0, n);
        }
        return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (read(buf) < 0) {
                throw endOfFile(buf.remaining());
            }
        }
    }

    private EOFException endOfFile(int left) {
        return new EOFException("reached the end of " + source() + " with " + left + " bytes left to read");
    }
}
