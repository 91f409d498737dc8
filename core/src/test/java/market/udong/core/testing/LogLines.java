package market.udong.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured log lines (one JSON object per line, as our functions write them) captured from the
 * code under test. A line that is not JSON fails the test: every line a function writes must be
 * structured.
 */
public final class LogLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogLines() {
    }

    /** Every non-blank line, parsed. */
    public static List<JsonNode> of(ByteArrayOutputStream captured) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a structured log line: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The lines whose {@code field} is {@code value}. */
    public static List<JsonNode> where(ByteArrayOutputStream captured, String field, String value) {
        return of(captured).stream().filter(l -> l.path(field).asText().equals(value)).toList();
    }

    /** The lines whose {@code message} starts with {@code prefix}. */
    public static List<JsonNode> withMessage(ByteArrayOutputStream captured, String prefix) {
        return of(captured).stream().filter(l -> l.path("message").asText().startsWith(prefix)).toList();
    }
}
