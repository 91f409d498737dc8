package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link EventStream}.
 *
 * @param streamName         full stream name, e.g. {@code udong-dev-app-events}
 * @param shards             provisioned shard count; null for on-demand capacity
 * @param retentionHours     24 to 8760
 * @param key                KMS key for server-side encryption
 * @param fanOutConsumers    consumers registered for enhanced fan-out (empty for shared polling)
 * @param removalPolicy      RETAIN in environments that keep their data
 */
public record EventStreamProps(String streamName, Integer shards, int retentionHours, IKey key,
                               List<String> fanOutConsumers, RemovalPolicy removalPolicy) {
    public EventStreamProps {
        Objects.requireNonNull(streamName, "streamName");
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("a provisioned stream needs at least one shard, got " + shards);
        }
        if (retentionHours < 24 || retentionHours > 8760) {
            throw new IllegalArgumentException("Kinesis keeps records 24 to 8760 hours, got " + retentionHours);
        }
        Objects.requireNonNull(key, "key");
        fanOutConsumers = List.copyOf(fanOutConsumers);
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
