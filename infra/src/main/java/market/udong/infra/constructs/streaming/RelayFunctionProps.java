package market.udong.infra.constructs.streaming;

import java.util.Objects;
import java.util.Optional;
import market.udong.core.config.EnvironmentConfig.RelayTuning;
import market.udong.core.config.RelayFormat;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link RelayFunction}.
 *
 * @param stream   Kinesis stream the relay reads
 * @param shards   the stream's provisioned shards (they cap the function's concurrency); empty for on-demand
 * @param target   the Kafka topic the relay writes and what it accepts
 * @param cluster  the MSK cluster
 * @param vpc      VPC whose private subnets the function runs in
 * @param code     the relay Lambda jar
 * @param tuning   event source mapping and function settings
 * @param defaults the Streaming stack's defaults (key of the logs and the failure queue, retention, alarm topic)
 */
public record RelayFunctionProps(IStream stream, Optional<Integer> shards, Target target, KafkaCluster cluster, IVpc vpc,
                                 Code code, RelayTuning tuning, EnvironmentDefaults defaults) {
    public RelayFunctionProps {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * The topic a relay writes.
     *
     * @param topic           Kafka topic name
     * @param format          what each record must hold (bytes, json)
     * @param maxMessageBytes the topic's largest record; larger records go to the failure queue
     */
    public record Target(String topic, RelayFormat format, int maxMessageBytes) {
        public Target {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(format, "format");
        }
    }
}
