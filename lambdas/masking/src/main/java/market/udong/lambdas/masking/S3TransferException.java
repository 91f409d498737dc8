package market.udong.lambdas.masking;

import java.io.IOException;

/**
 * An S3 request of a masking read or upload failed (network, throttling, 5xx, access), after
 * the SDK's own retries. Says nothing about the file's content: the message is worth a retry,
 * unlike an unreadable file, which is quarantined.
 */
public final class S3TransferException extends IOException {

    public S3TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
