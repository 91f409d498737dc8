package market.udong.core.streams;

import java.math.BigDecimal;
import java.math.RoundingMode;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.StreamsConfig;

/**
 * How many shards a provisioned Kinesis stream gets from its expected peak load, using the
 * documented per-shard write limits: 1 MiB/s and 1,000 records/s.
 *
 * <p>The rule, with exact decimal arithmetic:
 * <pre>
 * provisioned = max(ceil(bytesPerSecond × headroom / 1,048,576), ceil(recordsPerSecond × headroom / 1,000)), at least 1
 * </pre>
 * The headroom is on the load, so the stream's capacity is at least the peak × headroom and no
 * more than one shard beyond it: a small stream (a dev environment's 1 % share) gets one shard,
 * not a second one for headroom it already has. Headroom is multiplied as the decimal the user
 * wrote ({@code 1.1} × 10,000 records/s = 11 shards, not 12 as binary floating point would round up to).
 * Example: 3,000 records/s and 2,000,000 bytes/s, headroom 1.5 → max(ceil(2.86), ceil(4.5)) = 5.
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
     * Shards to provision: the peak × headroom over the per-shard limits, rounded up.
     *
     * @param headroom factor of at least 1 (config default 1.5)
     * @throws IllegalArgumentException for a headroom below 1, bad loads, or more than
     *                                  {@link Integer#MAX_VALUE} shards
     */
    public static int provisionedShards(long peakRecordsPerSecond, long peakBytesPerSecond, double headroom) {
        if (!(headroom >= 1) || Double.isInfinite(headroom)) {
            throw new IllegalArgumentException("headroom must be a finite factor of at least 1, got " + headroom);
        }
        shardsAtPeak(peakRecordsPerSecond, peakBytesPerSecond); // rejects bad loads
        BigDecimal h = BigDecimal.valueOf(headroom);
        BigDecimal byBytes = h.multiply(BigDecimal.valueOf(peakBytesPerSecond))
                .divide(BigDecimal.valueOf(SHARD_WRITE_BYTES_PER_SECOND), 0, RoundingMode.CEILING);
        BigDecimal byRecords = h.multiply(BigDecimal.valueOf(peakRecordsPerSecond))
                .divide(BigDecimal.valueOf(SHARD_WRITE_RECORDS_PER_SECOND), 0, RoundingMode.CEILING);
        BigDecimal shards = byBytes.max(byRecords).max(BigDecimal.ONE);
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

    /**
     * Shards of a configured provisioned stream in an environment that carries {@code loadShare} of the
     * configured peaks ({@code streaming.loadShare}; at least one shard).
     */
    public static int provisionedShards(StreamsConfig.KinesisStream stream, EnvironmentConfig.Streaming streaming) {
        if (!"provisioned".equals(stream.mode())) {
            return provisionedShards(stream);
        }
        double share = streaming.loadShare();
        long records = Math.round((stream.peakRecordsPerSecond() == null ? 0 : stream.peakRecordsPerSecond()) * share);
        long bytes = Math.round((stream.peakBytesPerSecond() == null ? 0 : stream.peakBytesPerSecond()) * share);
        return provisionedShards(Math.max(records, bytes == 0 ? 1 : 0), bytes, stream.headroom());
    }

    /** Whether a stream with this many consuming applications needs enhanced fan-out (more than {@value #MAX_SHARED_CONSUMERS}). */
    public static boolean needsEnhancedFanOut(int consumers) {
        return consumers > MAX_SHARED_CONSUMERS;
    }
}
