package market.udong.infra.constructs.streaming;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link KafkaCluster}.
 *
 * @param clusterName      MSK cluster name, e.g. {@code udong-dev-events}
 * @param kafkaVersion     Kafka version MSK runs
 * @param brokers          broker count, a multiple of the VPC's AZ count
 * @param instanceType     broker instance type
 * @param volumeGiB        EBS storage per broker
 * @param vpc              VPC whose private subnets hold the brokers
 * @param key              KMS key for data at rest and the broker log group
 * @param logRetentionDays days broker logs are kept
 * @param removalPolicy    RETAIN in environments that keep their data
 */
public record KafkaClusterProps(String clusterName, String kafkaVersion, int brokers, String instanceType, int volumeGiB,
                                IVpc vpc, IKey key, int logRetentionDays, RemovalPolicy removalPolicy) {
    public KafkaClusterProps {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(kafkaVersion, "kafkaVersion");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        if (brokers < 2) {
            throw new IllegalArgumentException("an MSK cluster needs at least 2 brokers, got " + brokers);
        }
    }
}
