package market.udong.core.config;

import java.util.List;

/**
 * One file of event streams ({@code config/streams/<name>.yaml}): Kinesis streams for client
 * events, Kafka topics for server events, and relays from the former to the latter.
 *
 * @param name    file name
 * @param kinesis Kinesis data streams
 * @param topics  Kafka (MSK) topics
 * @param relays  relays from a Kinesis stream to a Kafka topic
 * @param events  event tables landed in the lake from Kafka topics (docs/events.md)
 */
public record StreamsConfig(String name, List<KinesisStream> kinesis, List<KafkaTopic> topics, List<Relay> relays,
                            List<EventTable> events) {

    public StreamsConfig {
        kinesis = kinesis == null ? List.of() : List.copyOf(kinesis);
        topics = topics == null ? List.of() : List.copyOf(topics);
        relays = relays == null ? List.of() : List.copyOf(relays);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A file without event tables. */
    public StreamsConfig(String name, List<KinesisStream> kinesis, List<KafkaTopic> topics, List<Relay> relays) {
        this(name, kinesis, topics, relays, List.of());
    }

    /**
     * A Kinesis data stream.
     *
     * @param name              stream name (without environment prefix)
     * @param mode              {@code provisioned} (shards derived from load) or {@code on-demand}; default provisioned
     * @param peakRecordsPerSecond expected peak records/s written
     * @param peakBytesPerSecond   expected peak bytes/s written
     * @param headroom          factor applied to the derived shard count; default 1.5
     * @param retentionHours    24 to 8760; default 24
     * @param consumers         names of consuming applications
     */
    public record KinesisStream(String name, String mode, Integer peakRecordsPerSecond, Long peakBytesPerSecond,
                                Double headroom, Integer retentionHours, List<String> consumers) {
        public KinesisStream {
            mode = mode == null ? "provisioned" : mode;
            headroom = headroom == null ? 1.5 : headroom;
            retentionHours = retentionHours == null ? 24 : retentionHours;
            consumers = consumers == null ? List.of() : List.copyOf(consumers);
        }
    }

    /**
     * A Kafka topic on the environment's MSK cluster.
     *
     * @param name              topic name
     * @param partitions        partition count; default 6
     * @param replicationFactor replicas per partition; default 3 (at most the broker count)
     * @param maxMessageBytes   largest record the topic accepts; default 1,048,588
     * @param peakBytesPerSecond expected peak bytes/s its own producers write (a relay's load counts from its stream);
     *                           sizes the MSK cluster
     */
    public record KafkaTopic(String name, Integer partitions, Integer replicationFactor, Integer maxMessageBytes,
                             Long peakBytesPerSecond) {
        public KafkaTopic {
            partitions = partitions == null ? 6 : partitions;
            replicationFactor = replicationFactor == null ? 3 : replicationFactor;
            maxMessageBytes = maxMessageBytes == null ? 1_048_588 : maxMessageBytes;
        }
    }

    /**
     * Moves every record of a Kinesis stream into a Kafka topic.
     *
     * @param stream Kinesis stream name
     * @param topic  Kafka topic name
     * @param format what each record holds; records that do not match go to the failure queue;
     *               default {@link RelayFormat#BYTES} (not checked)
     */
    public record Relay(String stream, String topic, RelayFormat format) {
        public Relay {
            format = format == null ? RelayFormat.BYTES : format;
        }

        /** A relay of unchecked bytes. */
        public Relay(String stream, String topic) {
            this(stream, topic, RelayFormat.BYTES);
        }
    }

    /**
     * A table of events landed from one Kafka topic by the events landing job: each record is one
     * JSON object, parsed against {@code fields}, masked by their policies and written once per
     * event id into an Iceberg table of the {@value #EVENTS_DATABASE} database, partitioned by the
     * UTC date of {@code eventTime}. A JSON member no field names never reaches the table.
     *
     * @param table           table name in the catalog
     * @param topic           the Kafka topic it reads
     * @param id              what identifies an event: {@value #RELAY_HEADERS} (the relay's source stream, shard and
     *                        sequence number, for relayed topics) or the name of a field
     * @param eventTime       the timestamp field that dates an event (its UTC date is the {@code dt} partition)
     * @param run             scheduled runs or a continuous job; default scheduled
     * @param everyMinutes    minutes between scheduled runs; default 5
     * @param maxRecordBytes  larger records are quarantined; default 1,048,576
     * @param lagAlarmMinutes the lag alarm fires when the table stays this far behind the topic; default 30
     * @param fields          the event's fields, each with its type and policy
     */
    public record EventTable(String table, String topic, String id, String eventTime, EventRunMode run,
                             Integer everyMinutes, Integer maxRecordBytes, Integer lagAlarmMinutes,
                             List<EventField> fields) {
        public static final String EVENTS_DATABASE = "events";
        public static final String RELAY_HEADERS = "relay-headers";

        public EventTable {
            run = run == null ? EventRunMode.SCHEDULED : run;
            everyMinutes = everyMinutes == null ? 5 : everyMinutes;
            maxRecordBytes = maxRecordBytes == null ? 1_048_576 : maxRecordBytes;
            lagAlarmMinutes = lagAlarmMinutes == null ? 30 : lagAlarmMinutes;
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        /** True when events are told apart by the relay's headers rather than by a field. */
        public boolean keyedByRelayHeaders() {
            return RELAY_HEADERS.equals(id);
        }

        public java.util.Optional<EventField> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    /**
     * One field of an event: the JSON member of that name, read as {@code type}, with the policy
     * every other path applies to a column ({@code keep}, {@code hash}, {@code truncate(day)}, ...).
     *
     * @param name   JSON member name, also the column name unless renamed
     * @param type   declared type ({@link market.udong.core.types.ColumnType#parse}: string, int, bigint,
     *               double, boolean, date, timestamp, decimal(p,s))
     * @param policy the column policy
     * @param rename output column name; null keeps {@code name}
     */
    public record EventField(String name, String type, String policy, String rename) {
        /** The policy as the masking core reads it. */
        public ColumnRule rule() {
            return ColumnRule.parse(policy, rename, null);
        }

        public market.udong.core.types.ColumnType columnType() {
            return market.udong.core.types.ColumnType.parse(type);
        }
    }
}
