package market.udong.infra.constructs.streaming;

import java.util.Objects;
import market.udong.core.config.EnvironmentConfig.RelayTuning;
import market.udong.core.config.RelayFormat;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link RelayFunction}.
 *
 * @param stream         Kinesis stream the relay reads
 * @param shards         the stream's provisioned shards (caps concurrency); null for on-demand
 * @param topic          Kafka topic the relay writes
 * @param format         what each record must hold (bytes, json)
 * @param maxMessageBytes the topic's largest record; larger records go to the failure queue
 * @param cluster        the MSK cluster
 * @param vpc            VPC whose private subnets the function runs in
 * @param key            KMS key of the failure queue
 * @param code           the relay Lambda jar
 * @param tuning         event source mapping and function settings
 * @param logRetentionDays days the function's logs are kept
 */
public record RelayFunctionProps(IStream stream, Integer shards, String topic, RelayFormat format, int maxMessageBytes,
                                 KafkaCluster cluster, IVpc vpc, IKey key, Code code, RelayTuning tuning,
                                 int logRetentionDays) {
    public RelayFunctionProps {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tuning, "tuning");
    }
}
