package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The path a table takes from its database to the lake. */
public enum Ingestion implements Ids.HasId {
    /** RDS snapshot export to S3, masked by the masking Lambda. */
    SNAPSHOT("snapshot"),
    /** AWS DMS full load and CDC to the raw zone, masked by the masking Lambda. */
    DMS("dms"),
    /** A Glue (Spark) job reading the read replica over JDBC. */
    GLUE("glue");

    private final String id;

    Ingestion(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static Ingestion of(String id) {
        return Ids.parse(Ingestion.class, id);
    }
}
