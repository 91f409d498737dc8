package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a relay expects inside each Kinesis record. A record that does not match goes to the
 * relay's failure path with the reason instead of into Kafka.
 */
public enum RelayFormat implements Ids.HasId {
    /** Any bytes; nothing is decoded (default). */
    BYTES("bytes"),
    /** One UTF-8 JSON value per record (object, array or scalar), checked before it is sent. */
    JSON("json");

    private final String id;

    RelayFormat(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static RelayFormat of(String id) {
        return Ids.parse(RelayFormat.class, id);
    }

    public static String allowed() {
        return Ids.allowed(RelayFormat.class);
    }
}
