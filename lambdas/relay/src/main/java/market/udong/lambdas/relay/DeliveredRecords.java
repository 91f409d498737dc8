package market.udong.lambdas.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records this container has finished with (acknowledged by Kafka or handed to the failure
 * queue) that Lambda will deliver again, by stream, shard and sequence number; bounded, the
 * oldest forgotten first. Lambda re-delivers a shard from the
 * lowest failed sequence number, so records after it that did get through come again; the
 * retry usually lands on the same warm container, which skips them instead of writing them twice.
 * A cold container has no memory and writes them again: delivery stays at least once.
 * Not thread-safe: the relay handles one batch at a time.
 */
final class DeliveredRecords {
    private final Map<String, Boolean> recent;

    /** @param capacity how many ids to keep; the oldest are forgotten first */
    DeliveredRecords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(String deliveryId) {
        return recent.containsKey(deliveryId);
    }

    void add(String deliveryId) {
        recent.put(deliveryId, Boolean.TRUE);
    }

    void remove(String deliveryId) {
        recent.remove(deliveryId);
    }

    boolean isEmpty() {
        return recent.isEmpty();
    }

    int size() {
        return recent.size();
    }
}
