package market.udong.lambdas.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs the masker reads and writes, without Hadoop's codec classes (parquet-java's own
 * {@code CodecFactory} loads them): SNAPPY (snappy-java), GZIP (java.util.zip) and UNCOMPRESSED.
 * RDS snapshot export writes GZIP, DMS writes SNAPPY or GZIP, we write SNAPPY. Any other codec
 * fails with an {@link IOException} naming it, which quarantines the file.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    byte[] raw = PageBytes.toArray(bytes);
                    byte[] out = new byte[Snappy.maxCompressedLength(raw.length)];
                    int n = Snappy.compress(raw, 0, raw.length, out, 0);
                    return BytesInput.from(out, 0, n);
                }
            };
            case GZIP -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        bytes.writeAllTo(gz);
                    }
                    return BytesInput.from(out.toByteArray());
                }
            };
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            default -> throw new UnsupportedOperationException("cannot write Parquet pages compressed with " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(decompressBytes(codec, PageBytes.toArray(bytes), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.duplicate().get(in);
                output.put(decompressBytes(codec, in, uncompressedSize));
            }

            @Override
            public void release() {
            }
        };
    }

    static byte[] decompressBytes(CompressionCodecName codec, byte[] in, int uncompressedSize) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return in;
            case SNAPPY: {
                byte[] out = new byte[uncompressedSize];
                int n = Snappy.uncompress(in, 0, in.length, out, 0);
                if (n != uncompressedSize) {
                    throw new IOException("snappy page decompressed to " + n + " bytes, header says " + uncompressedSize);
                }
                return out;
            }
            case GZIP: {
                byte[] out = new byte[uncompressedSize];
                try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in), 64 * 1024)) {
                    int off = 0;
                    while (off < uncompressedSize) {
                        int n = gz.read(out, off, uncompressedSize - off);
                        if (n < 0) {
                            throw new IOException("gzip page ended after " + off + " of " + uncompressedSize + " bytes");
                        }
                        off += n;
                    }
                }
                return out;
            }
            default:
                throw new IOException("Parquet pages compressed with " + codec + " are not supported (SNAPPY, GZIP, UNCOMPRESSED are)");
        }
    }

    @Override
    public void release() {
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }
}
