package market.udong.infra.constructs.common;

import java.util.Objects;
import software.amazon.awscdk.Duration;

/**
 * How a {@link JavaFunction} is invoked, which decides where its failures go. Every platform
 * function says which, so none is left without a place for what fails.
 */
public sealed interface Invocation {

    /**
     * Asynchronously (EventBridge, S3): Lambda retries {@code retries} times within {@code maxEventAge}, then
     * puts the event in {@code deadLetters}. Set on the qualifier that is invoked.
     */
    record Asynchronous(FailureQueue deadLetters, int retries, Duration maxEventAge) implements Invocation {
        public Asynchronous {
            Objects.requireNonNull(deadLetters, "deadLetters");
            if (retries < 0 || retries > 2) {
                throw new IllegalArgumentException("Lambda retries an asynchronous invocation 0 to 2 times, got " + retries);
            }
            double seconds = maxEventAge.toSeconds().doubleValue();
            if (seconds < 60 || seconds > 21_600) {
                throw new IllegalArgumentException("maxEventAge is 1 minute to 6 hours, got " + seconds + " s");
            }
        }
    }

    /**
     * By an event source mapping (SQS, Kinesis), whose own failure handling keeps what fails: a queue's
     * redrive policy or a stream mapping's on-failure destination, named in {@code failuresGoTo}.
     */
    record EventSource(String failuresGoTo) implements Invocation {
        public EventSource {
            Objects.requireNonNull(failuresGoTo, "failuresGoTo");
        }
    }

    /** Synchronously by CloudFormation (a custom resource), which fails the deploy when the function fails. */
    record CustomResource() implements Invocation {
    }
}
