package market.udong.lambdas.masking;

import java.io.IOException;

/**
 * The S3 object being masked was replaced while it was read: a later ranged GET no longer
 * matched the ETag of the first one (HTTP 412 on {@code If-Match}). Reading on would mix two
 * versions of the file, so the read stops here.
 */
public final class InputChangedException extends IOException {

    public InputChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
