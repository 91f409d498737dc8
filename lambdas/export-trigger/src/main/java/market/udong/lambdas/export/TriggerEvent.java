package market.udong.lambdas.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import market.udong.core.export.SnapshotEvents;

/**
 * What invoked the export trigger. EventBridge delivers three shapes:
 * <ul>
 *   <li>an RDS event ({@code source: aws.rds}) with {@code detail-type} {@value #INSTANCE_SNAPSHOT_EVENT}
 *       or {@value #CLUSTER_SNAPSHOT_EVENT} and, in {@code detail}, {@code EventID},
 *       {@code SourceIdentifier} (the snapshot, {@code rds:<db>-<date>} for automated ones) and
 *       {@code SourceArn};</li>
 *   <li>a schedule ({@code detail-type: Scheduled Event}, {@code source: aws.events}): export the
 *       latest automated snapshot of every source;</li>
 *   <li>a rule's constant input {@code {"exportLatestOf": "<source>"}}: the same for one source
 *       (also the way to re-drive a source by hand).</li>
 * </ul>
 */
sealed interface TriggerEvent {

    String INSTANCE_SNAPSHOT_EVENT = SnapshotEvents.INSTANCE_SNAPSHOT_DETAIL_TYPE;
    String CLUSTER_SNAPSHOT_EVENT = SnapshotEvents.CLUSTER_SNAPSHOT_DETAIL_TYPE;
    /** "Automated snapshot created" (RDS DB instances). */
    String AUTOMATED_SNAPSHOT_CREATED = SnapshotEvents.AUTOMATED_SNAPSHOT_CREATED;
    /** "Automated cluster snapshot created" (Aurora). */
    String AUTOMATED_CLUSTER_SNAPSHOT_CREATED = SnapshotEvents.AUTOMATED_CLUSTER_SNAPSHOT_CREATED;
    String EXPORT_LATEST_OF = "exportLatestOf";

    /**
     * An RDS snapshot event.
     *
     * @param cluster            true for an Aurora cluster snapshot
     * @param eventId            RDS event id, e.g. {@value #AUTOMATED_SNAPSHOT_CREATED}
     * @param snapshotIdentifier the snapshot's identifier
     * @param snapshotArn        the snapshot's ARN, as the event gives it
     */
    record SnapshotCreated(boolean cluster, String eventId, String snapshotIdentifier, String snapshotArn)
            implements TriggerEvent {

        /** True for the event that an automated snapshot of the matching kind is complete. */
        boolean isAutomatedSnapshotCreated() {
            return (cluster ? AUTOMATED_CLUSTER_SNAPSHOT_CREATED : AUTOMATED_SNAPSHOT_CREATED).equals(eventId);
        }
    }

    /**
     * Export the latest automated snapshot of one source, or of all sources.
     *
     * @param source a source name; empty for every source
     */
    record ExportLatest(Optional<String> source) implements TriggerEvent {
    }

    /**
     * Anything else.
     *
     * @param description what arrived, for the log
     */
    record Unrecognized(String description) implements TriggerEvent {
    }

    static TriggerEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            return new Unrecognized("input is not a JSON object");
        }
        if (event.hasNonNull(EXPORT_LATEST_OF)) {
            return new ExportLatest(Optional.of(event.get(EXPORT_LATEST_OF).asText()));
        }
        String detailType = event.path("detail-type").asText("");
        String source = event.path("source").asText("");
        if ("aws.events".equals(source) && "Scheduled Event".equals(detailType)) {
            return new ExportLatest(Optional.empty());
        }
        if (SnapshotEvents.SOURCE.equals(source)
                && (INSTANCE_SNAPSHOT_EVENT.equals(detailType) || CLUSTER_SNAPSHOT_EVENT.equals(detailType))) {
            JsonNode detail = event.path("detail");
            String identifier = detail.path("SourceIdentifier").asText("");
            if (identifier.isEmpty()) {
                return new Unrecognized(detailType + " without detail.SourceIdentifier");
            }
            return new SnapshotCreated(CLUSTER_SNAPSHOT_EVENT.equals(detailType), detail.path("EventID").asText(""),
                    identifier, detail.path("SourceArn").asText(null));
        }
        return new Unrecognized("source '" + source + "', detail-type '" + detailType + "'");
    }
}
