package market.udong.lambdas.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS queue that receives records the relay can never deliver, one JSON message each:
 * <pre>
 * {"source":"udong-relay","reason":"not valid JSON: ...","topic":"client.app-events",
 *  "streamArn":"arn:aws:kinesis:...:stream/app-events","stream":"app-events",
 *  "shardId":"shardId-000000000000","sequenceNumber":"4959...","partitionKey":"member-42",
 *  "approximateArrivalTimestamp":"2026-05-01T09:30:00.123Z","dataBytes":17,"data":"&lt;base64&gt;"}
 * </pre>
 * {@code data} is left out above {@value #MAX_INLINE_DATA} bytes (SQS messages hold 256 KiB);
 * the record stays readable in the stream for its retention period with GetShardIterator
 * AT_SEQUENCE_NUMBER. The event-source mapping's own on-failure messages (batch metadata, no
 * {@code source} field) may share the queue.
 */
final class FailureQueue {
    /** Largest payload copied into the message (base64 grows it by a third). */
    static final int MAX_INLINE_DATA = 128 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final SqsClient sqs;
    private final String queueUrl;

    FailureQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends the record with its reason; throws if SQS does not take it. */
    void send(SourceRecord record, String topic, String reason) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message(record, topic, reason)));
    }

    static String message(SourceRecord record, String topic, String reason) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("source", "udong-relay");
            json.writeStringField("reason", reason);
            json.writeStringField("topic", topic);
            json.writeStringField("streamArn", record.streamArn());
            json.writeStringField("stream", record.streamName());
            json.writeStringField("shardId", record.shardId());
            json.writeStringField("sequenceNumber", record.sequenceNumber());
            json.writeStringField("partitionKey", record.partitionKey());
            json.writeStringField("approximateArrivalTimestamp", RelayHeaderValues.isoMillis(record.arrivalTime()));
            json.writeNumberField("dataBytes", record.data().length);
            if (record.data().length <= MAX_INLINE_DATA) {
                json.writeStringField("data", Base64.getEncoder().encodeToString(record.data()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
