package market.udong.infra.constructs.common;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue a function consumes, with its dead letters in a {@link FailureQueue}: encrypted with the
 * stack's key, TLS only, and a visibility timeout of {@value #VISIBILITY_FACTOR} × the consumer's
 * timeout, as Lambda advises for SQS event sources (a message is never redelivered while a batch
 * holding it may still be running, including the event source's own retries).
 */
public final class WorkQueue extends Construct {

    /** Lambda's guidance for an SQS event source: visibility timeout at least six times the function timeout. */
    public static final int VISIBILITY_FACTOR = 6;

    private final Queue queue;
    private final FailureQueue deadLetters;

    /**
     * @param consumerTimeout the consuming function's timeout
     * @param maxReceiveCount deliveries before a message moves to the dead letters
     * @param holds           what a dead letter is, for the alarm, e.g. "Masking messages that failed three times"
     */
    public WorkQueue(Construct scope, String id, EnvironmentDefaults defaults, Duration consumerTimeout,
                     int maxReceiveCount, String holds) {
        super(scope, id);
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount is 1 to 1000 (SQS), got " + maxReceiveCount);
        }
        deadLetters = new FailureQueue(this, "DeadLetters", defaults, holds);
        queue = Queue.Builder.create(this, "Resource")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(defaults.logKey())
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(consumerTimeout.toSeconds().longValue() * VISIBILITY_FACTOR))
                .retentionPeriod(FailureQueue.RETENTION)
                .removalPolicy(defaults.removalPolicy())
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters.queue()).maxReceiveCount(maxReceiveCount).build())
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public FailureQueue deadLetters() {
        return deadLetters;
    }
}
