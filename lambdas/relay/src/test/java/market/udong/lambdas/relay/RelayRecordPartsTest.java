package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** The relay's small parts: event records to source records, header sizes, stream names, the delivered set. */
class RelayRecordPartsTest {
    static final String ARN = "arn:aws:kinesis:ap-northeast-2:111111111111:stream/udong-dev-app-events";

    static KinesisEvent.KinesisEventRecord eventRecord(String eventId, String sequence, ByteBuffer data, Date arrival) {
        KinesisEvent.Record k = new KinesisEvent.Record();
        k.setSequenceNumber(sequence);
        k.setPartitionKey("member-" + sequence);
        k.setData(data);
        k.setApproximateArrivalTimestamp(arrival);
        KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
        r.setEventID(eventId);
        r.setEventSourceARN(ARN);
        r.setKinesis(k);
        return r;
    }

    static KinesisEvent event(KinesisEvent.KinesisEventRecord... records) {
        KinesisEvent e = new KinesisEvent();
        e.setRecords(List.of(records));
        return e;
    }

    @Test
    void eachRecord_getsTheShardOfItsOwnEventId_evenWhereOneShardIdStartsWithAnother() {
        // GIVEN records whose event ids name shard 1, shard 10 (its id starts with shard 1's), and shard 1 again
        ByteBuffer none = ByteBuffer.allocate(0);
        KinesisEvent e = event(eventRecord("shardId-000000000001:100", "100", none, null),
                eventRecord("shardId-0000000000010:101", "101", none, null),
                eventRecord("shardId-000000000001:102", "102", none, null),
                eventRecord("shardId-000000000001", "103", none, null));

        // WHEN / THEN each has its own shard; an id without a sequence part is the shard itself
        assertEquals(List.of("shardId-000000000001", "shardId-0000000000010", "shardId-000000000001", "shardId-000000000001"),
                KinesisToKafkaHandler.toSourceRecords(e).stream().map(SourceRecord::shardId).toList());
    }

    @Test
    void shardOf_anEventIdWithoutColon_isTheWholeId_andOfNoId_isNull() {
        assertEquals("shardId-000000000001", KinesisToKafkaHandler.shardOf("shardId-000000000001:49590"));
        assertEquals("shardId-000000000001", KinesisToKafkaHandler.shardOf("shardId-000000000001"));
        assertEquals("", KinesisToKafkaHandler.shardOf(":49590"));
        assertEquals("null", KinesisToKafkaHandler.shardOf(null));
    }

    @Test
    void noEvent_orNoRecords_isAnEmptyBatch() {
        assertEquals(List.of(), KinesisToKafkaHandler.toSourceRecords(null));
        assertEquals(List.of(), KinesisToKafkaHandler.toSourceRecords(new KinesisEvent()));
    }

    @Test
    void data_isExactlyTheBuffersRemainingBytes_whateverItsBacking_andNoDataIsEmpty() {
        byte[] all = "0123456789".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer whole = ByteBuffer.wrap(all);
        ByteBuffer sliced = ByteBuffer.wrap(all, 2, 5).slice(); // array offset 2
        ByteBuffer positioned = ByteBuffer.wrap(all);
        positioned.position(3);
        ByteBuffer limited = ByteBuffer.wrap(all, 0, 4); // remaining shorter than the array
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();
        KinesisEvent e = event(eventRecord("s:1", "1", whole, null), eventRecord("s:2", "2", sliced, null),
                eventRecord("s:3", "3", positioned, null), eventRecord("s:4", "4", limited, null),
                eventRecord("s:5", "5", direct, null), eventRecord("s:6", "6", null, null));

        List<SourceRecord> records = KinesisToKafkaHandler.toSourceRecords(e);

        assertArrayEquals(all, records.get(0).data());
        assertArrayEquals("23456".getBytes(StandardCharsets.US_ASCII), records.get(1).data());
        assertArrayEquals("3456789".getBytes(StandardCharsets.US_ASCII), records.get(2).data());
        assertArrayEquals("0123".getBytes(StandardCharsets.US_ASCII), records.get(3).data());
        assertArrayEquals(new byte[] {7, 8, 9}, records.get(4).data());
        assertArrayEquals(new byte[0], records.get(5).data());
        // AND reading did not move the caller's buffer
        assertEquals(3, positioned.position());
    }

    @Test
    void arrivalTime_isTheApproximateArrival_orTheEpochWhenLambdaGivesNone() {
        KinesisEvent e = event(eventRecord("s:1", "1", ByteBuffer.allocate(0), Date.from(Instant.parse("2026-05-01T09:30:00.123Z"))),
                eventRecord("s:2", "2", ByteBuffer.allocate(0), null));
        List<SourceRecord> records = KinesisToKafkaHandler.toSourceRecords(e);
        assertEquals(Instant.parse("2026-05-01T09:30:00.123Z"), records.get(0).arrivalTime());
        assertEquals(Instant.EPOCH, records.get(1).arrivalTime());
    }

    @Test
    void headerBytes_areEveryNameAndValue_aNullValueCountingNothing() {
        Header[] headers = {
            new RecordHeader("udong.source.stream", "app-events".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("empty", new byte[0]),
            new RecordHeader("absent", (byte[]) null),
        };
        assertEquals(19 + 10 + 5 + 6, RelayHeaderValues.byteCount(headers));
        assertEquals(0, RelayHeaderValues.byteCount(new Header[0]));
    }

    @Test
    void streamName_ofAnArnWithoutAStream_isTheArnItself() {
        assertEquals("not-an-arn", SourceRecord.streamName("not-an-arn"));
        assertEquals("app-events", SourceRecord.streamName("arn:aws:kinesis:ap-northeast-2:111111111111:stream/app-events"));
    }

    @Test
    void deliveredRecords_keepTheNewestUpToCapacity_andForgetTheOldestFirst() {
        // GIVEN room for two
        DeliveredRecords d = new DeliveredRecords(2);
        assertTrue(d.isEmpty());

        // WHEN two are added, THEN both are remembered
        d.add("a");
        d.add("b");
        assertFalse(d.isEmpty());
        assertTrue(d.contains("a") && d.contains("b"));

        // WHEN a third is added, THEN the oldest is forgotten
        d.add("c");
        assertFalse(d.contains("a"));
        assertTrue(d.contains("b") && d.contains("c"));

        // AND removing them all empties it
        d.remove("b");
        d.remove("c");
        assertTrue(d.isEmpty());
    }

    @Test
    void deliveredRecords_needRoomForOne() {
        assertTrue(new DeliveredRecords(1).isEmpty());
        assertEquals("capacity must be positive",
                assertThrows(IllegalArgumentException.class, () -> new DeliveredRecords(0)).getMessage());
    }

    @Test
    void jsonProblem_isTheParsersFirstLine_withoutItsSourceExcerpt() {
        String problem = new RecordCheck(market.udong.core.config.RelayFormat.JSON, 1_048_588)
                .problem(3, "{\"a\":".getBytes(StandardCharsets.UTF_8), 0, 0);
        assertTrue(problem.startsWith("not valid JSON: "), problem);
        assertFalse(problem.contains("\n") || problem.contains("[Source"), problem);
    }
}
