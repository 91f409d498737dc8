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
    QUARANTINE("quarantine");

    private final String id;

    LakeZone(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static LakeZone of(String id) {
        return Ids.parse(LakeZone.class, id);
    }
}
