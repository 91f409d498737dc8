package market.udong.core.streams;

import java.math.BigDecimal;
import java.math.RoundingMode;
import market.udong.core.config.StreamsConfig;

/**
 * How many shards a provisioned Kinesis stream gets from its expected peak load, using the
 * documented per-shard write limits: 1 MiB/s and 1,000 records/s.
 *
 * <p>The rule, with two roundings up and exact decimal arithmetic:
 * <pre>
 * atPeak      = max(ceil(bytesPerSecond / 1,048,576), ceil(recordsPerSecond / 1,000)), at least 1
 * provisioned = ceil(atPeak × headroom)
 * </pre>
 * {@code atPeak} is a whole number of shards first, so a load just over a shard boundary gets
 * the headroom on top of the full shard it needs. Headroom is multiplied as the decimal the
 * user wrote ({@code 1.1} × 10 = 11, not 12 as binary floating point would round up to).
 * Example: 3,000 records/s and 2,000,000 bytes/s → atPeak = max(2, 3) = 3 → × 1.5 = 4.5 → 5.
 */
public final class ShardSizing {
    private ShardSizing() {
    }

    /** Write throughput of one shard: 1 MiB per second. */
    public static final long SHARD_WRITE_BYTES_PER_SECOND = 1_048_576;
    /** Write rate of one shard: 1,000 records per second. */
    public static final long SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
    /** Read throughput of one shard shared by all standard (polling) consumers: 2 MiB per second. */
    public static final long SHARD_SHARED_READ_BYTES_PER_SECOND = 2_097_152;
    /**
     * Standard consumers a stream serves at full write rate: a shard written at 1 MiB/s has
     * 2 MiB/s of shared read, enough for two readers. More consumers need enhanced fan-out
     * (2 MiB/s per consumer per shard).
     */
    public static final int MAX_SHARED_CONSUMERS = 2;

    /**
     * Shards needed to absorb the peak with no headroom.
     *
     * @throws IllegalArgumentException if a load is negative or both are zero
     */
    public static int shardsAtPeak(long peakRecordsPerSecond, long peakBytesPerSecond) {
        if (peakRecordsPerSecond < 0 || peakBytesPerSecond < 0) {
            throw new IllegalArgumentException("peak load cannot be negative (records/s " + peakRecordsPerSecond
                    + ", bytes/s " + peakBytesPerSecond + ")");
        }
        if (peakRecordsPerSecond == 0 && peakBytesPerSecond == 0) {
            throw new IllegalArgumentException("a provisioned stream needs peak records/s or bytes/s above 0");
        }
        long byBytes = ceilDiv(peakBytesPerSecond, SHARD_WRITE_BYTES_PER_SECOND);
        long byRecords = ceilDiv(peakRecordsPerSecond, SHARD_WRITE_RECORDS_PER_SECOND);
        long shards = Math.max(1, Math.max(byBytes, byRecords));
        if (shards > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the load derives " + shards + " shards, more than any stream can have");
        }
        return (int) shards;
    }

    // Math.ceilDiv arrived in Java 18; the build targets 17.
    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /**
     * Shards to provision: {@link #shardsAtPeak} × headroom, rounded up.
     *
     * @param headroom factor of at least 1 (config default 1.5)
     * @throws IllegalArgumentException for a headroom below 1, bad loads, or more than
     *                                  {@link Integer#MAX_VALUE} shards
     */
    public static int provisionedShards(long peakRecordsPerSecond, long peakBytesPerSecond, double headroom) {
        if (!(headroom >= 1) || Double.isInfinite(headroom)) {
            throw new IllegalArgumentException("headroom must be a finite factor of at least 1, got " + headroom);
        }
        int atPeak = shardsAtPeak(peakRecordsPerSecond, peakBytesPerSecond);
        BigDecimal shards = BigDecimal.valueOf(headroom).multiply(BigDecimal.valueOf(atPeak))
                .setScale(0, RoundingMode.CEILING);
        try {
            return shards.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the load derives " + shards + " shards, more than any stream can have");
        }
    }

    /**
     * Shards of a configured provisioned stream (missing loads count as 0).
     *
     * @throws IllegalArgumentException for an on-demand stream, which has no shard count to set
     */
    public static int provisionedShards(StreamsConfig.KinesisStream stream) {
        if (!"provisioned".equals(stream.mode())) {
            throw new IllegalArgumentException("stream '" + stream.name() + "' is " + stream.mode()
                    + ": Kinesis sizes it, there is no shard count");
        }
        long records = stream.peakRecordsPerSecond() == null ? 0 : stream.peakRecordsPerSecond();
        long bytes = stream.peakBytesPerSecond() == null ? 0 : stream.peakBytesPerSecond();
        return provisionedShards(records, bytes, stream.headroom());
    }

    /** Whether a stream with this many consuming applications needs enhanced fan-out (more than {@value #MAX_SHARED_CONSUMERS}). */
    public static boolean needsEnhancedFanOut(int consumers) {
        return consumers > MAX_SHARED_CONSUMERS;
    }
}
