package market.udong.lambdas.export;

/**
 * Thrown at the end of an invocation in which an export failed in a way a retry may fix. Lambda's
 * asynchronous invocation retries the event (up to the function's maximum retry attempts) and
 * then hands it to the failure destination; exports already started are no-ops on retry.
 */
public final class RetryableExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryableExportException(String message) {
        super(message);
    }
}
