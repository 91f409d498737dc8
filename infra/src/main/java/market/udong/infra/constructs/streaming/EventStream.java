package market.udong.infra.constructs.streaming;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kinesis.CfnStreamConsumer;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import market.udong.infra.compliance.Acknowledge;
import software.constructs.Construct;

/**
 * A Kinesis data stream for client events, encrypted with the platform's key, provisioned with
 * the shards its expected load needs (or on-demand), with enhanced fan-out consumers when more
 * applications read it than shared throughput serves.
 */
public final class EventStream extends Construct {

    private final Stream stream;

    public EventStream(Construct scope, String id, EventStreamProps props) {
        super(scope, id);
        Stream.Builder builder = Stream.Builder.create(this, "Resource")
                .streamName(props.streamName())
                .encryption(StreamEncryption.KMS)
                .encryptionKey(props.key())
                .retentionPeriod(Duration.hours(props.retentionHours()))
                .removalPolicy(props.removalPolicy());
        if (props.shards() == null) {
            builder.streamMode(StreamMode.ON_DEMAND);
        } else {
            builder.streamMode(StreamMode.PROVISIONED).shardCount(props.shards());
        }
        stream = builder.build();
        Acknowledge.awsSolutions(stream, "KDS3", "Client events may carry personal data; the platform encrypts "
                + "them with its own rotating key so access is granted per role, which the AWS managed key cannot do.");
        for (String consumer : props.fanOutConsumers()) {
            CfnStreamConsumer.Builder.create(this, "Consumer-" + consumer)
                    .consumerName(consumer)
                    .streamArn(stream.getStreamArn())
                    .build();
        }
    }

    public Stream stream() {
        return stream;
    }
}
