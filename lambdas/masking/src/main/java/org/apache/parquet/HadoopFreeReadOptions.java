package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options built without {@link ParquetReadOptions.Builder}: every Builder constructor
 * instantiates parquet-java's Hadoop codec factory, whose verification needs Hadoop classes we
 * do not ship (shared/DESIGN.md section 9). Lives in parquet's package to reach the
 * package-private constructor; nothing else of ours does.
 */
public final class HadoopFreeReadOptions {
    private HadoopFreeReadOptions() {
    }

    /**
     * Plain reading: no filters, page checksums verified when present, heap buffers. Vectored reads
     * are on: a stream that offers them (S3) gets each row group's ranges in one call; others
     * ({@code LocalParquetFile}) are read as before.
     */
    public static ParquetReadOptions create(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false, false, false, false, false, true, false, false, true,
                FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs,
                new HeapByteBufferAllocator(), 8 * 1024 * 1024, Map.of(), null, null,
                new PlainParquetConfiguration());
    }
}
