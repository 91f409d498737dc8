package market.udong.lambdas.export;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of one export request, returned by the function and written to its log.
 *
 * @param status               how it ended
 * @param source               the configured source, when known
 * @param snapshotArn          the snapshot (or cluster snapshot), when known
 * @param exportTaskIdentifier the export task's identifier, once computed
 * @param s3Prefix             where in the exports bucket RDS writes the export, once computed
 * @param reason               why it was ignored, rejected or failed; null when it started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportOutcome(ExportStatus status, String source, String snapshotArn, String exportTaskIdentifier,
                            String s3Prefix, String reason) {

    static ExportOutcome ignored(String reason) {
        return new ExportOutcome(ExportStatus.IGNORED, null, null, null, null, reason);
    }

    static ExportOutcome rejected(String source, String snapshotArn, String reason) {
        return new ExportOutcome(ExportStatus.REJECTED, source, snapshotArn, null, null, reason);
    }

    ExportOutcome withStatus(ExportStatus newStatus, String newReason) {
        return new ExportOutcome(newStatus, source, snapshotArn, exportTaskIdentifier, s3Prefix, newReason);
    }
}
