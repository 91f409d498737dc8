package market.udong.core.streams;

import java.util.List;

/**
 * Columns the events landing job adds to every event table, after the event's own fields: the
 * event's identity (what deduplicates it) and where it was read in Kafka, so any row can be traced
 * to its record and replayed. An event field may not write one of these names.
 */
public final class EventColumns {
    private EventColumns() {
    }

    /**
     * What identifies the event: {@code stream/shard/sequence} from the relay's headers
     * ({@link RelayHeaders}), or the id field's value as written (after its policy).
     */
    public static final String EVENT_KEY = "event_key";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    /** The record's Kafka timestamp: for relayed events, their arrival in Kinesis. */
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    /** The UTC date of the event time, {@code YYYY-MM-DD}: the table's partition. */
    public static final String DATE = market.udong.core.naming.CatalogNames.DATE_PARTITION_KEY;

    public static final List<String> ADDED = List.of(EVENT_KEY, KAFKA_PARTITION, KAFKA_OFFSET, KAFKA_TIMESTAMP, DATE);
}
