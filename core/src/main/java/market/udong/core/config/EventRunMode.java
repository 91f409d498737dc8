package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the events landing job runs for a table. */
public enum EventRunMode implements Ids.HasId {
    /** A run every few minutes lands what is new and exits (cheapest at modest volumes; default). */
    SCHEDULED("scheduled"),
    /** One job runs without end, landing a micro-batch every few seconds. */
    CONTINUOUS("continuous");

    private final String id;

    EventRunMode(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static EventRunMode of(String id) {
        return Ids.parse(EventRunMode.class, id);
    }

    public static String allowed() {
        return Ids.allowed(EventRunMode.class);
    }
}
