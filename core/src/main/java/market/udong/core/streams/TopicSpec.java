package market.udong.core.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import market.udong.core.config.StreamsConfig;

/**
 * A Kafka topic as the topic provisioner creates it. Infra writes the list as JSON into the
 * custom resource's properties and the provisioner reads it back, through this one class.
 *
 * @param name              topic name
 * @param partitions        partition count (only ever raised)
 * @param replicationFactor replicas per partition, at most the broker count
 * @param maxMessageBytes   the topic's {@code max.message.bytes}
 */
public record TopicSpec(String name, int partitions, int replicationFactor, int maxMessageBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1 || replicationFactor < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("topic " + name + " needs positive partitions, replication and message size");
        }
    }

    /** The topic of a config entry on a cluster of {@code brokers} brokers (replication capped at the broker count). */
    public static TopicSpec of(StreamsConfig.KafkaTopic topic, int brokers) {
        return new TopicSpec(topic.name(), topic.partitions(), Math.min(topic.replicationFactor(), brokers),
                topic.maxMessageBytes());
    }

    /** {@code min.insync.replicas} that keeps acks=all writes available with one broker down. */
    public int minInSyncReplicas() {
        return Math.max(1, replicationFactor - 1);
    }

    public static String toJson(List<TopicSpec> topics) {
        try {
            return JSON.writeValueAsString(topics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<TopicSpec> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<TopicSpec>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a topic list: " + e.getOriginalMessage(), e);
        }
    }
}
