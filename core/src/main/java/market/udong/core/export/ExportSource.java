package market.udong.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import market.udong.core.config.Engine;

/**
 * What the export trigger needs to know about one source: which database its automated
 * snapshots come from and which tables to export from them.
 *
 * @param engine             database engine; Aurora engines are exported from cluster snapshots
 * @param instanceIdentifier RDS instance whose automated snapshots are exported; null for Aurora
 * @param clusterIdentifier  Aurora cluster whose automated cluster snapshots are exported; null otherwise
 * @param exportOnly         StartExportTask {@code ExportOnly} entries: {@code db.table} (MySQL-compatible)
 *                           or {@code db.schema.table} (PostgreSQL), sorted, never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"engine", "instance", "cluster", "exportOnly"})
public record ExportSource(
        @JsonProperty("engine") Engine engine,
        @JsonProperty("instance") String instanceIdentifier,
        @JsonProperty("cluster") String clusterIdentifier,
        @JsonProperty("exportOnly") List<String> exportOnly) {

    public ExportSource {
        Objects.requireNonNull(engine, "engine");
        if (engine.isAurora() ? clusterIdentifier == null || instanceIdentifier != null
                : instanceIdentifier == null || clusterIdentifier != null) {
            throw new IllegalArgumentException(engine.isAurora()
                    ? "an Aurora source is exported from its cluster: give the cluster identifier only"
                    : "a " + engine.id() + " source is exported from its instance: give the instance identifier only");
        }
        if (exportOnly == null || exportOnly.isEmpty()) {
            throw new IllegalArgumentException("a source without snapshot tables has nothing to export");
        }
        exportOnly = exportOnly.stream().sorted().distinct().toList();
    }

    /** The instance or cluster identifier, whichever the engine uses. */
    public String databaseIdentifier() {
        return engine.isAurora() ? clusterIdentifier : instanceIdentifier;
    }

    /**
     * True when a snapshot of {@code identifier} belongs to this source. RDS identifiers are not
     * case-sensitive (RDS stores them in lower case), so neither is this comparison.
     */
    public boolean isSnapshotOf(boolean clusterSnapshot, String identifier) {
        return clusterSnapshot == engine.isAurora() && databaseIdentifier().equalsIgnoreCase(identifier);
    }
}
