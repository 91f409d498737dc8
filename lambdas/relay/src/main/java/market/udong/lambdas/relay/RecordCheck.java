package market.udong.lambdas.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import market.udong.core.config.RelayFormat;

/**
 * Decides before sending whether a record can ever reach the topic. A record that cannot
 * (too large for the topic, not in the configured format) would fail on every retry and hold
 * up its shard, so it goes to the failure queue instead.
 */
final class RecordCheck {
    /** Bytes of the v2 record batch header that wraps even a single record. */
    private static final int RECORD_BATCH_OVERHEAD = 61;
    /** Longest varint (5) and varlong (10) of Kafka's record format. */
    private static final int VARINT = 5;
    private static final int VARLONG = 10;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final RelayFormat format;
    private final int maxMessageBytes;

    RecordCheck(RelayFormat format, int maxMessageBytes) {
        this.format = format;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Why the record can never be delivered, or null if it can. */
    String problem(int keyBytes, byte[] value, int headerBytes, int headerCount) {
        long size = upperBoundSize(keyBytes, value.length, headerBytes, headerCount);
        if (size > maxMessageBytes) {
            return "too large: " + value.length + " bytes of data make a Kafka record of up to " + size
                    + " bytes, above the topic's max.message.bytes " + maxMessageBytes;
        }
        if (format == RelayFormat.JSON) {
            return jsonProblem(value);
        }
        return null;
    }

    /**
     * Size of a batch holding only this record, uncompressed, with every varint at its longest.
     * The broker checks max.message.bytes against the (compressed) batch; an upper bound keeps
     * the decision independent of compression, so the same record is judged the same on retry.
     */
    static long upperBoundSize(int keyBytes, int valueBytes, int headerBytes, int headerCount) {
        return RECORD_BATCH_OVERHEAD
                + VARINT /* length */ + 1 /* attributes */ + VARLONG /* timestamp delta */ + VARINT /* offset delta */
                + VARINT + (long) keyBytes + VARINT + valueBytes
                + VARINT /* header count */ + (long) headerCount * 2 * VARINT + headerBytes;
    }

    private static String jsonProblem(byte[] value) {
        // JSON text in UTF-8 holds no NUL byte; one among the first four means UTF-16/32, which
        // Jackson would otherwise accept by auto-detection.
        for (int i = 0; i < Math.min(4, value.length); i++) {
            if (value[i] == 0) {
                return "not valid JSON: not UTF-8 (NUL byte at offset " + i + ")";
            }
        }
        try (JsonParser parser = JSON.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "not valid JSON: empty";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "not valid JSON: more than one value (at " + parser.currentTokenLocation().getByteOffset() + ")";
            }
            return null;
        } catch (IOException e) {
            return "not valid JSON: " + firstLine(e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
