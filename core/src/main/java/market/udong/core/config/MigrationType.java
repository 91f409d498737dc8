package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a DMS replication task copies; the ids are the values DMS takes as {@code MigrationType}. */
public enum MigrationType implements Ids.HasId {
    /** Copy the tables once. */
    FULL_LOAD("full-load"),
    /** Replicate ongoing changes only. */
    CDC("cdc"),
    /** Copy the tables, then replicate ongoing changes (the default). */
    FULL_LOAD_AND_CDC("full-load-and-cdc");

    private final String id;

    MigrationType(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** True when the task captures changes, so its output carries updates and deletes. */
    public boolean capturesChanges() {
        return this != FULL_LOAD;
    }

    @JsonCreator
    public static MigrationType of(String id) {
        return Ids.parse(MigrationType.class, id);
    }
}
