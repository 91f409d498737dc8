package market.udong.glue.events;

import java.util.Optional;

/**
 * Records the table never held are gone from the topic (retention deleted them before a run read
 * them). The run fails instead of skipping them; docs/events.md says how to replay.
 */
public final class EventDataLossException extends IllegalStateException {

    EventDataLossException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The data-loss failure a streaming run's error stands for, if it is one. */
    static Optional<EventDataLossException> ifDataLoss(String topic, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("data may have been lost") || m.contains("KAFKA_DATA_LOSS") || m.contains("dataLoss")) {
                return Optional.of(new EventDataLossException("records of topic " + topic + " were deleted by retention"
                        + " before this table landed them; the table misses them. Replay them from their source or"
                        + " accept the gap and move the checkpoint on (docs/events.md, 'Replay'). Spark: "
                        + firstLine(m), error));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
