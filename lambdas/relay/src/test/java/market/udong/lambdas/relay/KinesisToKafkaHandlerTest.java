package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler reads what Lambda sends: the sample event as the Java runtime deserializes it. */
class KinesisToKafkaHandlerTest {

    @Test
    void sampleEvent_becomesSourceRecords_withShardStreamAndArrivalTime() throws Exception {
        // GIVEN the event JSON a Kinesis event-source mapping sends, parsed by the runtime's serializer
        KinesisEvent event;
        try (InputStream json = getClass().getResourceAsStream("/events/kinesis-batch.json")) {
            event = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader()).fromJson(json);
        }

        // WHEN
        List<SourceRecord> records = KinesisToKafkaHandler.toSourceRecords(event);

        // THEN
        assertEquals(2, records.size());
        SourceRecord first = records.get(0);
        assertEquals("shardId-000000000006", first.shardId());
        assertEquals("udong-dev-app-events", first.streamName());
        assertEquals("member-42", first.partitionKey());
        assertEquals("49590338271490256608559692538361571095921575989136588898", first.sequenceNumber());
        assertArrayEquals("{\"event\":\"view\",\"item\":\"kitsune-udon\"}".getBytes(StandardCharsets.UTF_8), first.data());
        assertEquals(Instant.parse("2026-05-01T09:30:00.123Z"), first.arrivalTime());
        assertEquals("member-7", records.get(1).partitionKey());
    }

    @Test
    void streamName_comesFromStreamAndConsumerArns() {
        assertEquals("app-events", SourceRecord.streamName("arn:aws:kinesis:ap-northeast-2:111111111111:stream/app-events"));
        assertEquals("app-events", SourceRecord.streamName(
                "arn:aws:kinesis:ap-northeast-2:111111111111:stream/app-events/consumer/relay:1777627800"));
        // A value that is not an ARN is its own name; one that starts with the marker is still read after it
        assertEquals("app-events", SourceRecord.streamName("app-events"));
        assertEquals("app-events", SourceRecord.streamName(":stream/app-events"));
    }
}
