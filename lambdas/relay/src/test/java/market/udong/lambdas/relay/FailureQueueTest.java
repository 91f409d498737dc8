package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure-queue message: everything needed to find the record again in its stream, and its data while small. */
class FailureQueueTest {
    static final String ARN = "arn:aws:kinesis:ap-northeast-2:111111111111:stream/udong-dev-app-events";

    static SourceRecord record(byte[] data) {
        return new SourceRecord(ARN, "shardId-000000000006", "4959033827149025660855969253836157", "member-42", data,
                Instant.parse("2026-05-01T09:30:00.123Z"));
    }

    @Test
    void message_namesTheRecordsCoordinatesAndReason_andCarriesItsData() throws Exception {
        // GIVEN a small record
        byte[] data = "{\"event\":\"view\"}".getBytes(StandardCharsets.UTF_8);

        // WHEN its message is written
        JsonNode m = new ObjectMapper().readTree(FailureQueue.message(record(data), "udong.app-events", "too large: ..."));

        // THEN every field is there with its value, and no other
        assertEquals(List.of("source", "reason", "topic", "streamArn", "stream", "shardId", "sequenceNumber",
                "partitionKey", "approximateArrivalTimestamp", "dataBytes", "data"), List.copyOf(fieldNames(m)));
        assertEquals("udong-relay", m.path("source").asText());
        assertEquals("too large: ...", m.path("reason").asText());
        assertEquals("udong.app-events", m.path("topic").asText());
        assertEquals(ARN, m.path("streamArn").asText());
        assertEquals("udong-dev-app-events", m.path("stream").asText());
        assertEquals("shardId-000000000006", m.path("shardId").asText());
        assertEquals("4959033827149025660855969253836157", m.path("sequenceNumber").asText());
        assertEquals("member-42", m.path("partitionKey").asText());
        assertEquals("2026-05-01T09:30:00.123Z", m.path("approximateArrivalTimestamp").asText());
        assertEquals(data.length, m.path("dataBytes").asInt());
        assertArrayEquals(data, Base64.getDecoder().decode(m.path("data").asText()));
    }

    @Test
    void message_inlinesDataUpToTheLimit_andOnlyCountsItBeyond() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // GIVEN records of exactly the inline limit, and one byte more
        JsonNode atLimit = json.readTree(FailureQueue.message(record(new byte[FailureQueue.MAX_INLINE_DATA]), "t", "r"));
        JsonNode beyond = json.readTree(FailureQueue.message(record(new byte[FailureQueue.MAX_INLINE_DATA + 1]), "t", "r"));

        // THEN the first carries its data, the second only its size (it stays readable in the stream)
        assertEquals(FailureQueue.MAX_INLINE_DATA, Base64.getDecoder().decode(atLimit.path("data").asText()).length);
        assertFalse(beyond.has("data"), beyond.toString().substring(0, 200));
        assertEquals(FailureQueue.MAX_INLINE_DATA + 1, beyond.path("dataBytes").asInt());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
