package market.udong.lambdas.export;

/** How one export request ended. */
public enum ExportStatus {
    /** RDS accepted a new export task. */
    STARTED,
    /** The snapshot's export task already existed: a repeated event or the schedule fallback. Success. */
    ALREADY_STARTED,
    /** Not ours to export: another database's snapshot, or an event this function does not act on. */
    IGNORED,
    /** Cannot succeed by retrying (unknown source or snapshot, invalid request); reported, not retried. */
    REJECTED,
    /** Failed in a way a retry may fix (throttling, RDS errors, network); the invocation fails so Lambda retries. */
    FAILED
}
