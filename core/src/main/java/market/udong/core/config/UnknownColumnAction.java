package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to a column present in the data but not classified in config. */
public enum UnknownColumnAction implements Ids.HasId {
    /** Drop the column, count it in a metric and log it (the default: fail closed, keep flowing). */
    DROP("drop"),
    /** Quarantine the whole file. */
    FAIL("fail");

    private final String id;

    UnknownColumnAction(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static UnknownColumnAction of(String id) {
        return Ids.parse(UnknownColumnAction.class, id);
    }
}
