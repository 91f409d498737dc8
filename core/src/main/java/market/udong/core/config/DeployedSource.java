package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import market.udong.core.export.ExportSource;
import market.udong.core.naming.Names;

/**
 * The part of one source's configuration that the platform's functions and jobs read while they
 * run: its engine, what the export trigger exports, the DMS timestamp column, and every table with
 * its column policies and Glue settings. The source's stack writes it at deploy to
 * {@code s3://<config bucket>/}{@link Names#deployedSourceKey}; the export trigger, the masking
 * function and the Glue jobs read it there. So per-table settings never travel in a Lambda
 * environment or a function's code, a table's change deploys as a new object without rebuilding
 * any function, and every path reads one document, written by one class.
 *
 * <pre>
 * {"version":1,"source":"orders","engine":"mysql","dmsTimestampColumn":"dms_commit_ts",
 *  "export":{"engine":"mysql","instance":"orders-prod","exportOnly":["orders.members"]},
 *  "tables":[{"database":"orders","name":"members","ingestion":"snapshot","columns":{...}}]}
 * </pre>
 *
 * @param source             source name
 * @param engine             its engine
 * @param export             what the export trigger exports from the source's automated snapshots; null when
 *                           the source has no {@code ingestion: snapshot} table
 * @param dmsTimestampColumn the column DMS adds with each row's commit time ({@code dms.timestampColumn}), which
 *                           the masking function passes through on DMS files
 * @param tables             every ingested table, in config order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "source", "engine", "dmsTimestampColumn", "export", "tables"})
public record DeployedSource(
        @JsonProperty("source") String source,
        @JsonProperty("engine") Engine engine,
        @JsonProperty("export") ExportSource export,
        @JsonProperty("dmsTimestampColumn") String dmsTimestampColumn,
        @JsonProperty("tables") List<TableConfig> tables) {

    /** Format version written by {@link #toJson()}; readers refuse others, so a change of format is never misread. */
    public static final int VERSION = 1;

    public DeployedSource {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engine, "engine");
        dmsTimestampColumn = dmsTimestampColumn == null ? SourceConfig.Dms.DEFAULT_TIMESTAMP_COLUMN : dmsTimestampColumn;
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** Always {@value #VERSION}; written first so a reader sees it before anything else. */
    @JsonProperty("version")
    public int version() {
        return VERSION;
    }

    /**
     * The deployed part of {@code source}.
     *
     * @param createdPrimary the identifier of the primary infra creates for the source (instance, or cluster for
     *                       Aurora); empty where config names an existing primary
     * @throws IllegalArgumentException when the source has snapshot tables but no primary to export from
     */
    public static DeployedSource of(SourceConfig source, Optional<String> createdPrimary) {
        List<String> exportOnly = source.tablesUsing(Ingestion.SNAPSHOT).stream().map(TableConfig::qualifiedName).toList();
        ExportSource export = null;
        if (!exportOnly.isEmpty()) {
            String identifier = source.existingPrimary()
                    .map(p -> source.engine().isAurora() ? p.clusterIdentifier() : p.instanceIdentifier())
                    .or(() -> createdPrimary)
                    .orElseThrow(() -> new IllegalArgumentException("source '" + source.name() + "' has snapshot tables "
                            + "but no primary: import one in its config or create one (features.createPrimaries)"));
            export = source.engine().isAurora()
                    ? new ExportSource(source.engine(), null, identifier, exportOnly)
                    : new ExportSource(source.engine(), identifier, null, exportOnly);
        }
        return new DeployedSource(source.name(), source.engine(), export, source.dms().timestampColumn(), source.tables());
    }

    /**
     * The table a file of this source belongs to. {@code database} is the MySQL database or, for
     * PostgreSQL, {@code database.schema}; names compare case-insensitively, as the catalog does.
     */
    public Optional<TableConfig> table(String database, String table) {
        return tables.stream()
                .filter(t -> t.database().equalsIgnoreCase(database) && t.name().equalsIgnoreCase(table))
                .findFirst();
    }

    /** The document as one line of JSON. */
    public String toJson() {
        try {
            return TableConfigJson.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the deployed config of source " + source + " cannot be written", e);
        }
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param origin where the text came from, for the message (e.g. the S3 URI)
     * @throws IllegalArgumentException naming {@code origin} when the text is not such a document
     */
    public static DeployedSource fromJson(String json, String origin) {
        try {
            JsonNode root = TableConfigJson.JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(origin + " is not a JSON object");
            }
            if (root.path("version").asInt() != VERSION) {
                throw new IllegalArgumentException(origin + ": version must be " + VERSION + ", found "
                        + root.path("version") + " (written by another release of the platform)");
            }
            DeployedSource read = TableConfigJson.JSON.treeToValue(root, DeployedSource.class);
            for (TableConfig t : read.tables()) {
                if (t.database() == null || t.name() == null || t.ingestion() == null) {
                    throw new IllegalArgumentException(origin + ": every table needs database, name and ingestion");
                }
            }
            return read;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " is not a deployed source config: " + e.getOriginalMessage(), e);
        }
    }
}
