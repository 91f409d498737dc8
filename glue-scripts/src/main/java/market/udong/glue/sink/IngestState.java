package market.udong.glue.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import market.udong.glue.source.Watermark;

/**
 * What a curated table holds, as its last successful run left it: the watermark reached and the
 * Spark write ids whose files make up the table. Files of any other write id belong to a run that
 * failed before committing this state; the next run deletes them before reading again.
 *
 * @param version   format version, {@value #VERSION}
 * @param watermark highest source watermark loaded; null for tables without a watermark column
 * @param writes    committed write ids, oldest first
 * @param updatedAt when this state was committed
 */
public record IngestState(int version, Watermark watermark, List<String> writes, Instant updatedAt) {

    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public IngestState {
        writes = List.copyOf(writes);
    }

    /** The state before the first run: nothing loaded. */
    public static IngestState empty() {
        return new IngestState(VERSION, null, List.of(), Instant.EPOCH);
    }

    public Optional<Watermark> lastWatermark() {
        return Optional.ofNullable(watermark);
    }

    public Set<String> committedWrites() {
        return new LinkedHashSet<>(writes);
    }

    /** This state plus one more write, after an incremental run. */
    public IngestState appended(String writeId, Watermark newWatermark, Instant now) {
        List<String> all = new java.util.ArrayList<>(writes);
        all.add(writeId);
        return new IngestState(VERSION, newWatermark, all, now);
    }

    /** The state after a full refresh: only the new write. */
    public static IngestState replaced(String writeId, Watermark newWatermark, Instant now) {
        return new IngestState(VERSION, newWatermark, List.of(writeId), now);
    }

    String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Stored(version, watermark,
                    writes, updatedAt.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static IngestState fromJson(String json) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            if (s.version() != VERSION) {
                throw new IllegalStateException("ingest state version " + s.version() + " is not " + VERSION);
            }
            return new IngestState(s.version(), s.watermark(), s.writes() == null ? List.of() : s.writes(),
                    Instant.parse(s.updatedAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the table's ingest state is not readable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON shape; timestamps as ISO text so no time module is needed. */
    private record Stored(int version, Watermark watermark, List<String> writes, String updatedAt) {
    }
}
