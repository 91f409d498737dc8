package market.udong.lambdas.relay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import market.udong.core.streams.RelayHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Builds the {@link RelayHeaders} of one record. */
final class RelayHeaderValues {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private String lastArn;
    private Header streamHeader;
    private String lastShard;
    private Header shardHeader;
    private long lastArrivalMillis = Long.MIN_VALUE;
    private Header arrivalHeader;

    private RelayHeaderValues() {
    }

    /**
     * A builder for one batch; it reuses the stream, shard and arrival-time headers, which rarely
     * change from one record to the next (formatting the time is the costly part). Header objects
     * are shared between records: never modify them.
     */
    static RelayHeaderValues forBatch() {
        return new RelayHeaderValues();
    }

    Header[] headersOf(SourceRecord record) {
        if (!record.streamArn().equals(lastArn)) {
            lastArn = record.streamArn();
            streamHeader = new RecordHeader(RelayHeaders.SOURCE_STREAM, record.streamName().getBytes(StandardCharsets.UTF_8));
        }
        if (!record.shardId().equals(lastShard)) {
            lastShard = record.shardId();
            shardHeader = new RecordHeader(RelayHeaders.SHARD_ID, record.shardId().getBytes(StandardCharsets.UTF_8));
        }
        long millis = record.arrivalTime().toEpochMilli();
        if (millis != lastArrivalMillis) {
            lastArrivalMillis = millis;
            arrivalHeader = new RecordHeader(RelayHeaders.ARRIVAL_TIME,
                    isoMillis(record.arrivalTime()).getBytes(StandardCharsets.US_ASCII));
        }
        return new Header[] {
                streamHeader,
                shardHeader,
                new RecordHeader(RelayHeaders.SEQUENCE_NUMBER, record.sequenceNumber().getBytes(StandardCharsets.US_ASCII)),
                arrivalHeader,
        };
    }

    /** Total bytes of header names and values, for the size check. */
    static int byteCount(Header[] headers) {
        int n = 0;
        for (Header h : headers) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return n;
    }

    /** {@code 2026-05-01T09:30:00.123Z}: fixed width, UTC, milliseconds. */
    static String isoMillis(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
