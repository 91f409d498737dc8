package market.udong.lambdas.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import market.udong.core.streams.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Makes the cluster's topics match config: creates missing topics, raises partition counts and
 * sets {@code max.message.bytes} and {@code min.insync.replicas}. It never deletes a topic and
 * never lowers a partition count (Kafka cannot); such differences are reported, not hidden.
 */
public final class TopicProvisioner {

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** Applies every topic; returns one line per change or difference, for the deploy log. */
    public List<String> apply(List<TopicSpec> topics) throws ExecutionException, InterruptedException {
        List<String> changes = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> create = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (TopicSpec t : topics) {
            if (existing.contains(t.name())) {
                present.add(t.name());
            } else {
                create.add(new NewTopic(t.name(), t.partitions(), (short) t.replicationFactor()).configs(configs(t)));
                changes.add("created " + t.name() + " (" + t.partitions() + " partitions, replication " + t.replicationFactor() + ")");
            }
        }
        if (!create.isEmpty()) {
            admin.createTopics(create).all().get();
        }
        if (present.isEmpty()) {
            return changes;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
        Map<String, NewPartitions> grow = new HashMap<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
        for (TopicSpec t : topics) {
            TopicDescription d = descriptions.get(t.name());
            if (d == null) {
                continue;
            }
            int current = d.partitions().size();
            if (t.partitions() > current) {
                grow.put(t.name(), NewPartitions.increaseTo(t.partitions()));
                changes.add("raised " + t.name() + " from " + current + " to " + t.partitions() + " partitions");
            } else if (t.partitions() < current) {
                changes.add("kept " + t.name() + " at " + current + " partitions: Kafka cannot lower it to " + t.partitions());
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            configs(t).forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
            alter.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), ops);
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
        admin.incrementalAlterConfigs(alter).all().get();
        return changes;
    }

    static Map<String, String> configs(TopicSpec t) {
        return Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(t.maxMessageBytes()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(t.minInSyncReplicas()));
    }
}
