package market.udong.core.masking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.udong.core.naming.Names;

/**
 * The SQS message bodies the masking Lambda accepts, turned into {@link MaskingTarget}s.
 *
 * <ul>
 * <li>A per-file message from the export fan-out ({@link #perFile}):
 *     {@code {"bucket","key","source","database","table","snapshotDate"}}.</li>
 * <li>An S3 event notification ({@code {"Records":[{"eventSource":"aws:s3",...}]}}) for DMS output
 *     under {@code dms/<source>/<database>/<table>/...}; the partition date is the event's (UTC).
 *     Keys that are not Parquet, and S3's {@code s3:TestEvent}, give no target.</li>
 * </ul>
 */
public final class MaskingMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MaskingMessages() {
    }

    /**
     * @throws IllegalArgumentException for a body that is neither form, or a DMS key outside the layout
     */
    public static List<MaskingTarget> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("message body is not a JSON object");
        }
        if (root.has("Records")) {
            List<MaskingTarget> targets = new ArrayList<>();
            for (JsonNode record : root.get("Records")) {
                if (!"aws:s3".equals(record.path("eventSource").asText())
                        || !record.path("eventName").asText("").startsWith("ObjectCreated")) {
                    continue;
                }
                String bucket = record.path("s3").path("bucket").path("name").asText();
                String key = URLDecoder.decode(record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
                if (!key.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                    continue;
                }
                LocalDate date = LocalDate.ofInstant(Instant.parse(record.path("eventTime").asText()), ZoneOffset.UTC);
                targets.add(dmsTarget(bucket, key, date));
            }
            return targets;
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return List.of();
        }
        for (String field : List.of("bucket", "key", "source", "database", "table", "snapshotDate")) {
            if (!root.hasNonNull(field)) {
                throw new IllegalArgumentException("per-file message lacks '" + field + "'");
            }
        }
        return List.of(new MaskingTarget(root.get("bucket").asText(), root.get("key").asText(),
                root.get("source").asText(), root.get("database").asText(), root.get("table").asText(),
                LocalDate.parse(root.get("snapshotDate").asText()), root.path("dms").asBoolean(false)));
    }

    /** The body of a per-file message, as the export fan-out sends it. */
    public static String perFile(MaskingTarget t) {
        try {
            return JSON.writeValueAsString(Map.of("bucket", t.bucket(), "key", t.key(), "source", t.source(),
                    "database", t.database(), "table", t.table(), "snapshotDate", t.snapshotDate().toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code dms/<source>/<database>/<table>/...file.parquet} in the raw bucket. */
    static MaskingTarget dmsTarget(String bucket, String key, LocalDate date) {
        String[] parts = key.split("/");
        String root = Names.rawDmsPrefix("x").split("/")[0];
        if (parts.length < 5 || !parts[0].equals(root)) {
            throw new IllegalArgumentException("key " + key + " is not DMS output (" + root + "/<source>/<database>/<table>/...)");
        }
        return new MaskingTarget(bucket, key, parts[1], parts[2], parts[3], date, true);
    }
}
