package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Objects;
import market.udong.core.config.StreamsConfig;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link KafkaTopics}.
 *
 * @param cluster  the MSK cluster
 * @param topics   topics from config
 * @param brokers  broker count; a topic's replication factor is capped at it
 * @param vpc      VPC of the provisioning function
 * @param code     the relay Lambda jar (it holds the topic provisioner)
 * @param defaults the Streaming stack's defaults (key and retention of the provisioner's logs)
 */
public record KafkaTopicsProps(KafkaCluster cluster, List<StreamsConfig.KafkaTopic> topics, int brokers, IVpc vpc,
                               Code code, EnvironmentDefaults defaults) {
    public KafkaTopicsProps {
        Objects.requireNonNull(cluster, "cluster");
        topics = List.copyOf(topics);
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(defaults, "defaults");
    }
}
