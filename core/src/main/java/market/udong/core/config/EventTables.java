package market.udong.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event table's config as the JSON infra hands the events landing job
 * ({@link market.udong.core.naming.EventJobArgs#EVENT_TABLE}): the same fields as the YAML.
 */
public final class EventTables {
    private EventTables() {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public static String toJson(StreamsConfig.EventTable table) {
        try {
            return JSON.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event table " + table.table(), e);
        }
    }

    /** @throws IllegalArgumentException naming the argument and the problem */
    public static StreamsConfig.EventTable fromJson(String json) {
        try {
            return JSON.readValue(json, StreamsConfig.EventTable.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job argument " + market.udong.core.naming.EventJobArgs.EVENT_TABLE
                    + " is not an event table's JSON: " + e.getOriginalMessage(), e);
        }
    }
}
