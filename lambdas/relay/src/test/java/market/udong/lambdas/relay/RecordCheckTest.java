package market.udong.lambdas.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import market.udong.core.config.RelayFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordCheckTest {
    private final RecordCheck json = new RecordCheck(RelayFormat.JSON, 1_048_588);

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[1,2]", "\"text\"", "42", " {\"a\":{\"b\":[true,null]}} ", "{\"name\":\"우동\"}"})
    void json_acceptsOneUtf8Value(String text) {
        assertNull(json.problem(3, text.getBytes(StandardCharsets.UTF_8), 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1", "{} {}", "{}x", "nope", "{'a':1}"})
    void json_rejectsAnythingElse_withReason(String text) {
        String problem = json.problem(3, text.getBytes(StandardCharsets.UTF_8), 0, 0);
        assertTrue(problem != null && problem.startsWith("not valid JSON"), String.valueOf(problem));
    }

    @Test
    void json_reason_isTheFirstLineOfTheParsersMessage() {
        // GIVEN a record the parser fails on, whose message has a second line (the source location)
        String problem = json.problem(3, "{\"a\":}".getBytes(StandardCharsets.UTF_8), 0, 0);

        // THEN the reason keeps the parser's first line only: one line, saying what it found
        assertTrue(problem.startsWith("not valid JSON: Unexpected character ('}'"), problem);
        assertTrue(!problem.contains("\n") && !problem.contains("[Source"), problem);
    }

    @Test
    void json_rejectsUtf16_andBrokenUtf8() {
        assertTrue(json.problem(3, "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE), 0, 0).contains("not UTF-8"));
        assertTrue(json.problem(3, new byte[] {'"', (byte) 0xc3, '"'}, 0, 0).startsWith("not valid JSON"));
    }

    @Test
    void bytes_acceptsAnything_belowTheSizeLimit() {
        RecordCheck bytes = new RecordCheck(RelayFormat.BYTES, 2048);
        assertNull(bytes.problem(10, new byte[] {(byte) 0xff, 0, 1}, 100, 4));
    }

    @Test
    void size_isJudgedOnAnUpperBound_includingKeyAndHeaders() {
        // GIVEN a topic limit of 2,048 bytes
        RecordCheck bytes = new RecordCheck(RelayFormat.BYTES, 2048);
        long overhead = RecordCheck.upperBoundSize(10, 0, 100, 4);

        // WHEN the value fills exactly the rest / one byte more
        byte[] fits = new byte[(int) (2048 - overhead)];
        byte[] tooLarge = new byte[fits.length + 1];

        // THEN
        assertNull(bytes.problem(10, fits, 100, 4));
        assertTrue(bytes.problem(10, tooLarge, 100, 4).startsWith("too large"));
    }

    @Test
    void upperBound_isEveryFieldOfKafkasRecordFormatAtItsLongest() {
        // batch header 61; length 5, attributes 1, timestamp delta 10, offset delta 5; key 5 + 10;
        // value 5 + 100; header count 5; per header two lengths of 5 (4 headers: 40); header bytes 50
        assertEquals(61 + 21 + 15 + 105 + 5 + 40 + 50, RecordCheck.upperBoundSize(10, 100, 50, 4));
        assertEquals(61 + 21 + 5 + 5 + 5, RecordCheck.upperBoundSize(0, 0, 0, 0));
    }
}
