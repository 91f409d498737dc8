package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Objects;
import market.udong.core.config.StreamsConfig;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link KafkaTopics}.
 *
 * @param cluster          the MSK cluster
 * @param topics           topics from config
 * @param brokers          broker count; a topic's replication factor is capped at it
 * @param vpc              VPC of the provisioning function
 * @param key              KMS key of the provisioner's log group
 * @param code             the relay Lambda jar (it holds the topic provisioner)
 * @param logRetentionDays days the provisioner's logs are kept
 */
public record KafkaTopicsProps(KafkaCluster cluster, List<StreamsConfig.KafkaTopic> topics, int brokers, IVpc vpc,
                               IKey key, Code code, int logRetentionDays) {
    public KafkaTopicsProps {
        Objects.requireNonNull(cluster, "cluster");
        topics = List.copyOf(topics);
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(code, "code");
    }
}
