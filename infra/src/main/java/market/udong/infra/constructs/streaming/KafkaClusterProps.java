package market.udong.infra.constructs.streaming;

import java.util.Objects;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link KafkaCluster}.
 *
 * @param clusterName  MSK cluster name, e.g. {@code udong-dev-events}
 * @param kafkaVersion Kafka version MSK runs
 * @param brokers      how many brokers, of what size
 * @param vpc          VPC whose private subnets hold the brokers
 * @param key          KMS key for data at rest and the broker log group
 * @param defaults     the environment's removal policy and log retention
 */
public record KafkaClusterProps(String clusterName, String kafkaVersion, Brokers brokers, IVpc vpc, IKey key,
                                EnvironmentDefaults defaults) {
    public KafkaClusterProps {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(kafkaVersion, "kafkaVersion");
        Objects.requireNonNull(brokers, "brokers");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * The brokers.
     *
     * @param count        broker count, a multiple of the VPC's AZ count
     * @param instanceType broker instance type
     * @param volumeGiB    EBS storage per broker
     */
    public record Brokers(int count, String instanceType, int volumeGiB) {
        public Brokers {
            Objects.requireNonNull(instanceType, "instanceType");
            if (count < 2) {
                throw new IllegalArgumentException("an MSK cluster needs at least 2 brokers, got " + count);
            }
        }
    }
}
