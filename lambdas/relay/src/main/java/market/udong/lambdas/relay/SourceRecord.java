package market.udong.lambdas.relay;

import java.time.Instant;
import java.util.Objects;

/**
 * One Kinesis record as the relay sees it, independent of the Lambda event classes.
 *
 * @param streamArn      ARN of the source stream
 * @param shardId        shard the record came from
 * @param sequenceNumber its sequence number, unique within the shard; what batch item failures name
 * @param partitionKey   its partition key, which becomes the Kafka key
 * @param data           its payload (not copied: do not change it)
 * @param arrivalTime    approximate arrival time in Kinesis
 */
public record SourceRecord(String streamArn, String shardId, String sequenceNumber, String partitionKey,
                           byte[] data, Instant arrivalTime) {

    public SourceRecord {
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(arrivalTime, "arrivalTime");
    }

    /**
     * The stream's name: the ARN segment after {@code stream/} (an enhanced fan-out consumer ARN,
     * {@code .../stream/NAME/consumer/...}, gives the same name).
     */
    public String streamName() {
        return streamName(streamArn);
    }

    /** Identity across re-deliveries: stream, shard and sequence number. */
    String deliveryId() {
        return streamArn + '/' + shardId + '/' + sequenceNumber;
    }

    static String streamName(String streamArn) {
        int start = streamArn.indexOf(":stream/");
        if (start < 0) {
            return streamArn;
        }
        start += ":stream/".length();
        int end = streamArn.indexOf('/', start);
        return end < 0 ? streamArn.substring(start) : streamArn.substring(start, end);
    }
}
