package market.udong.lambdas.relay;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Real Kinesis records turned into the Lambda events a Kinesis event-source mapping would send:
 * records are put into a (local) stream, read back per shard with GetRecords, written as the
 * event JSON Lambda delivers, and parsed by the Lambda Java runtime's own serializer.
 */
final class KinesisBatches {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<KinesisEvent> EVENTS =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisBatches.class.getClassLoader());

    private KinesisBatches() {
    }

    /** A record to put: partition key and payload. */
    record Put(String partitionKey, byte[] data) {
    }

    /** Puts the records in order, 500 per PutRecords call, failing on any rejected record. */
    static void put(KinesisClient kinesis, String stream, List<Put> records) {
        for (int from = 0; from < records.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = records.subList(from, Math.min(records.size(), from + 500)).stream()
                    .map(r -> PutRecordsRequestEntry.builder().partitionKey(r.partitionKey())
                            .data(SdkBytes.fromByteArray(r.data())).build())
                    .toList();
            var response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(response.failedRecordCount() + " records were rejected by Kinesis");
            }
        }
    }

    /** Every record of every shard, as one Lambda event per shard (empty shards left out). */
    static List<KinesisEvent> eventsPerShard(KinesisClient kinesis, String stream, String streamArn) {
        List<KinesisEvent> events = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            List<Record> records = readShard(kinesis, stream, shard.shardId());
            if (!records.isEmpty()) {
                events.add(EVENTS.fromJson(eventJson(streamArn, shard.shardId(), records)));
            }
        }
        return events;
    }

    /** The event Lambda would send for these records of one shard. */
    static String eventJson(String streamArn, String shardId, List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode list = event.putArray("Records");
        for (Record r : records) {
            ObjectNode item = list.addObject();
            ObjectNode kinesis = item.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", r.partitionKey());
            kinesis.put("sequenceNumber", r.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(r.data().asByteArray()));
            // Lambda sends epoch seconds with millisecond decimals.
            kinesis.put("approximateArrivalTimestamp",
                    BigDecimal.valueOf(r.approximateArrivalTimestamp().toEpochMilli()).movePointLeft(3));
            item.put("eventSource", "aws:kinesis");
            item.put("eventVersion", "1.0");
            item.put("eventID", shardId + ":" + r.sequenceNumber());
            item.put("eventName", "aws:kinesis:record");
            item.put("invokeIdentityArn", "arn:aws:iam::111111111111:role/udong-test-relay");
            item.put("awsRegion", "us-east-1");
            item.put("eventSourceARN", streamArn);
        }
        return event.toString();
    }

    /** A new event holding the given records, in order. */
    static KinesisEvent eventOf(List<KinesisEvent.KinesisEventRecord> records) {
        KinesisEvent copy = new KinesisEvent();
        copy.setRecords(new ArrayList<>(records));
        return copy;
    }

    private static List<Record> readShard(KinesisClient kinesis, String stream, String shardId) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            var response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
            if (response.records().isEmpty()) {
                break;
            }
            records.addAll(response.records());
            iterator = response.nextShardIterator();
        }
        return records;
    }
}
