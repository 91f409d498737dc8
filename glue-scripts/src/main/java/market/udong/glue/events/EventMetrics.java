package market.udong.glue.events;

import java.util.Map;

/** Where the events job reports its numbers ({@link market.udong.core.naming.EventJobArgs} names). */
public interface EventMetrics {
    /** @param values metric name → value, for the job's table */
    void put(Map<String, Double> values);
}
