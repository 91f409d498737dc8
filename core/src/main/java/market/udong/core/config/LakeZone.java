package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The zones of the data lake; each is its own bucket. */
public enum LakeZone implements Ids.HasId {
    /** Ingested data as it arrived (DMS output); may hold PII until masked. */
    RAW("raw"),
    /** Masked, typed Parquet that people query. */
    CURATED("curated"),
    /** RDS snapshot exports; may hold PII until masked. */
    EXPORTS("exports"),
    /** Athena query results, one prefix per workgroup. */
    ATHENA_RESULTS("athena-results"),
    /** Files that could not be masked, each with a reason object beside it. */
    QUARANTINE("quarantine"),
    /**
     * Where Athena's federated connectors spill results too large for a Lambda response, one
     * prefix per catalog. Holds query data in transit, so it expires after a day unless config
     * says otherwise.
     */
    ATHENA_SPILL("athena-spill");

    /** Spilled data is read back within the query that wrote it; a day covers the longest query. */
    private static final EnvironmentConfig.ZoneLifecycle SPILL_EXPIRY =
            new EnvironmentConfig.ZoneLifecycle(java.util.List.of(), 1, 1);

    private final String id;

    LakeZone(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** Tiers of a zone that config does not mention: none, except that spilled data expires after a day. */
    public EnvironmentConfig.ZoneLifecycle defaultLifecycle() {
        return this == ATHENA_SPILL ? SPILL_EXPIRY : EnvironmentConfig.ZoneLifecycle.NONE;
    }

    @JsonCreator
    public static LakeZone of(String id) {
        return Ids.parse(LakeZone.class, id);
    }
}
