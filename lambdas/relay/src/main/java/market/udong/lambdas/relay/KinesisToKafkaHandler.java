package market.udong.lambdas.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda entry point of a relay: a Kinesis event-source mapping with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} invokes it with one shard's batch;
 * it returns the sequence numbers to re-deliver (see {@link KafkaRelay} for the contract).
 *
 * <p>Environment ({@link market.udong.core.naming.LambdaEnv}): {@code UDONG_KAFKA_BOOTSTRAP_SERVERS},
 * {@code UDONG_RELAY_TOPIC} (required), {@code UDONG_KAFKA_AUTH} (iam), {@code UDONG_RELAY_FORMAT}
 * (bytes), {@code UDONG_RELAY_MAX_MESSAGE_BYTES} (1048588), {@code UDONG_RELAY_FAILURE_QUEUE_URL}
 * (none), and the runtime's {@code AWS_REGION}.
 */
public final class KinesisToKafkaHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    /** Time kept back from the invocation's deadline to build and return the response. */
    static final Duration RESPONSE_MARGIN = Duration.ofSeconds(2);

    private final KafkaRelay relay;

    /** Runtime constructor: reads the environment once and builds the producer for the container's lifetime. */
    public KinesisToKafkaHandler() {
        this(runtimeRelay());
    }

    /** Test constructor. */
    public KinesisToKafkaHandler(KafkaRelay relay) {
        this.relay = relay;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<SourceRecord> batch = toSourceRecords(event);
        relay.log().startInvocation(context == null ? null : context.getAwsRequestId());
        RelayResult result = relay.relay(batch, budget(context));
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>(result.failures().size());
        for (RelayResult.Failure failure : result.failures()) {
            failures.add(new StreamsEventResponse.BatchItemFailure(failure.sequenceNumber()));
        }
        return new StreamsEventResponse(failures);
    }

    static List<SourceRecord> toSourceRecords(KinesisEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        List<SourceRecord> records = new ArrayList<>(event.getRecords().size());
        String shard = null;
        for (KinesisEvent.KinesisEventRecord r : event.getRecords()) {
            KinesisEvent.Record k = r.getKinesis();
            // A batch comes from one shard: reuse its id rather than cut it out of every event id.
            if (shard == null || !isOfShard(r.getEventID(), shard)) {
                shard = shardOf(r.getEventID());
            }
            records.add(new SourceRecord(r.getEventSourceARN(), shard, k.getSequenceNumber(),
                    k.getPartitionKey(), bytes(k.getData()),
                    k.getApproximateArrivalTimestamp() == null ? Instant.EPOCH : k.getApproximateArrivalTimestamp().toInstant()));
        }
        return records;
    }

    /** The event id is {@code <shardId>:<sequenceNumber>}. */
    static String shardOf(String eventId) {
        int colon = eventId == null ? -1 : eventId.indexOf(':');
        return colon < 0 ? String.valueOf(eventId) : eventId.substring(0, colon);
    }

    private static boolean isOfShard(String eventId, String shard) {
        return eventId != null && eventId.length() > shard.length() && eventId.charAt(shard.length()) == ':'
                && eventId.startsWith(shard);
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0 && data.remaining() == data.array().length) {
            return data.array();
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }

    private static Duration budget(Context context) {
        if (context == null) {
            return Duration.ofDays(1);
        }
        return Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESPONSE_MARGIN);
    }

    private static KafkaRelay runtimeRelay() {
        RelaySettings settings = RelaySettings.fromEnvironment(System::getenv);
        SqsClient sqs = settings.failureQueueUrl() == null ? null : SqsClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new KafkaRelay(settings, sqs);
    }
}
