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
 */
public record StreamsConfig(String name, List<KinesisStream> kinesis, List<KafkaTopic> topics, List<Relay> relays) {

    public StreamsConfig {
        kinesis = kinesis == null ? List.of() : List.copyOf(kinesis);
        topics = topics == null ? List.of() : List.copyOf(topics);
        relays = relays == null ? List.of() : List.copyOf(relays);
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
}
