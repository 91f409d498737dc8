package market.udong.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.LambdaEnv;

/**
 * The sources the export trigger serves, keyed by source name. Infra builds it from config with
 * {@link #of(List, Map)} and passes {@link #toJson()} in {@link LambdaEnv#EXPORT_SOURCES}; the
 * Lambda reads it back with {@link #fromJson(String)}. One class writes and reads the format, so
 * the two sides cannot drift apart.
 *
 * <p>The format is compact JSON, e.g.
 * {@code {"orders":{"engine":"mysql","instance":"orders-prod","exportOnly":["orders.members"]}}}.
 *
 * @param bySource export settings per source name, in name order
 */
public record ExportSources(Map<String, ExportSource> bySource) {

    /**
     * The share of the 4 KB Lambda environment this value may take; the rest is left to bucket
     * names, key and role ARNs and the environment name.
     */
    public static final int MAX_JSON_BYTES = LambdaEnv.MAX_TOTAL_BYTES - 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ExportSources {
        bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
    }

    /**
     * The export settings of every source with at least one {@code ingestion: snapshot} table.
     *
     * @param sources            the environment's sources
     * @param createdPrimaryIds  identifiers of primaries that infra creates (environments with
     *                           {@code features.createPrimaries}), by source name: the instance
     *                           identifier, or the cluster identifier for Aurora; may be empty.
     *                           A source with an imported primary uses the identifier in its config.
     * @throws IllegalArgumentException when a source with snapshot tables has no known primary
     */
    public static ExportSources of(List<SourceConfig> sources, Map<String, String> createdPrimaryIds) {
        Map<String, ExportSource> bySource = new TreeMap<>();
        for (SourceConfig source : sources) {
            List<String> exportOnly = source.tablesUsing(Ingestion.SNAPSHOT).stream()
                    .map(TableConfig::qualifiedName)
                    .toList();
            if (exportOnly.isEmpty()) {
                continue;
            }
            String identifier = source.existingPrimary()
                    .map(p -> source.engine().isAurora() ? p.clusterIdentifier() : p.instanceIdentifier())
                    .orElse(createdPrimaryIds.get(source.name()));
            if (identifier == null) {
                throw new IllegalArgumentException("source '" + source.name() + "' has snapshot tables but no primary: "
                        + "import one in its config or pass the identifier of the primary infra creates");
            }
            bySource.put(source.name(), source.engine().isAurora()
                    ? new ExportSource(source.engine(), null, identifier, exportOnly)
                    : new ExportSource(source.engine(), identifier, null, exportOnly));
        }
        return new ExportSources(bySource);
    }

    /** The source named {@code name}, if the trigger serves it. */
    public Optional<ExportSource> source(String name) {
        return Optional.ofNullable(bySource.get(name));
    }

    /** The name of the source whose database took the snapshot, if the trigger serves it. */
    public Optional<String> sourceOfSnapshot(boolean clusterSnapshot, String databaseIdentifier) {
        return bySource.entrySet().stream()
                .filter(e -> e.getValue().isSnapshotOf(clusterSnapshot, databaseIdentifier))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * The value of {@link LambdaEnv#EXPORT_SOURCES}.
     *
     * @throws IllegalStateException when it would not fit in a Lambda environment
     *                               ({@value #MAX_JSON_BYTES} bytes)
     */
    public String toJson() {
        String json;
        try {
            json = JSON.writeValueAsString(bySource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise export sources", e);
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_JSON_BYTES) {
            long tables = bySource.values().stream().mapToLong(s -> s.exportOnly().size()).sum();
            throw new IllegalStateException("the export trigger's source list is " + bytes + " bytes (" + bySource.size()
                    + " sources, " + tables + " snapshot tables) but a Lambda environment holds 4 KB in all and this "
                    + "value may take " + MAX_JSON_BYTES + "; move some tables to ingestion: dms or glue");
        }
        return json;
    }

    /**
     * Reads the value of {@link LambdaEnv#EXPORT_SOURCES}.
     *
     * @throws IllegalArgumentException when the value is missing or not in the format {@link #toJson()} writes
     */
    public static ExportSources fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(LambdaEnv.EXPORT_SOURCES + " is not set");
        }
        try {
            return new ExportSources(JSON.readValue(json, new TypeReference<Map<String, ExportSource>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(LambdaEnv.EXPORT_SOURCES + " is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
