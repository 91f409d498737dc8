package market.udong.core.streams;

/**
 * Kafka header names the relay puts on every record it moves from Kinesis, so consumers can
 * trace a record to its source and de-duplicate on (stream, shard, sequence number): delivery is
 * at least once. Values are UTF-8 strings. The Kafka key is the Kinesis partition key and the
 * Kafka timestamp is the Kinesis arrival time.
 */
public final class RelayHeaders {
    private RelayHeaders() {
    }

    /** Name of the source Kinesis stream, e.g. {@code udong-dev-app-events}. */
    public static final String SOURCE_STREAM = "udong.source-stream";
    /** Kinesis shard id, e.g. {@code shardId-000000000001}. */
    public static final String SHARD_ID = "udong.shard-id";
    /** Kinesis sequence number (decimal digits, unique within the shard). */
    public static final String SEQUENCE_NUMBER = "udong.sequence-number";
    /** Approximate arrival time in Kinesis, ISO-8601 UTC with milliseconds, e.g. {@code 2026-05-01T09:30:00.123Z}. */
    public static final String ARRIVAL_TIME = "udong.arrival-time";
}
