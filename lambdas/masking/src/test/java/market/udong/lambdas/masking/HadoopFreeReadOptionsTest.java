package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.Version;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.junit.jupiter.api.Test;

/**
 * {@link HadoopFreeReadOptions} calls a package-private constructor of parquet-java with nine
 * positional booleans. A parquet upgrade may reorder them silently; this test fails first, on the
 * version, so whoever upgrades checks the constructor against the new ParquetReadOptions, and on
 * every option's meaning.
 */
class HadoopFreeReadOptionsTest {

    /** The parquet-java release whose ParquetReadOptions constructor HadoopFreeReadOptions was checked against. */
    static final String CHECKED_AGAINST = "1.18.1";

    @Test
    void parquetJava_isTheVersionTheOptionsWereCheckedAgainst() {
        assertEquals(CHECKED_AGAINST, Version.VERSION_NUMBER, "parquet-java is now " + Version.VERSION_NUMBER
                + ": check HadoopFreeReadOptions' positional arguments against its ParquetReadOptions constructor, "
                + "then update CHECKED_AGAINST");
    }

    @Test
    void everyOption_meansWhatTheMaskerNeeds() {
        ParquetReadOptions options = HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE);
        // No filtering of any kind: every row and page is read and masked.
        assertFalse(options.useSignedStringMinMax());
        assertFalse(options.useStatsFilter());
        assertFalse(options.useDictionaryFilter());
        assertFalse(options.useRecordFilter());
        assertFalse(options.useColumnIndexFilter());
        assertFalse(options.useBloomFilter());
        assertSame(FilterCompat.NOOP, options.getRecordFilter());
        assertSame(ParquetMetadataConverter.NO_FILTER, options.getMetadataFilter());
        // Checksums verified where a writer stored them; S3 reads vectored; heap buffers; our codecs.
        assertTrue(options.usePageChecksumVerification());
        assertTrue(options.useHadoopVectoredIo());
        assertFalse(options.useOffHeapDecryptBuffer());
        assertTrue(options.getAllocator() instanceof HeapByteBufferAllocator);
        assertSame(ParquetCodecs.INSTANCE, options.getCodecFactory());
        assertEquals(8 * 1024 * 1024, options.getMaxAllocationSize());
        assertTrue(options.getPropertyNames().isEmpty());
        assertNull(options.getDecryptionProperties());
    }
}
