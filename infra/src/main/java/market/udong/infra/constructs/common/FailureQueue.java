package market.udong.infra.constructs.common;

import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.monitoring.Alarms;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.RedriveAllowPolicy;
import software.amazon.awscdk.services.sqs.RedrivePermission;
import software.constructs.Construct;

/**
 * A queue that holds what failed for good (a work queue's dead letters, a function's failed
 * asynchronous invocations, records a relay could not deliver): encrypted with the stack's key,
 * TLS only, kept 14 days (SQS's maximum), and alarmed on its first message, since every one needs
 * a person.
 */
public final class FailureQueue extends Construct {

    /** SQS keeps a message at most 14 days; failures wait that long for a replay. */
    public static final Duration RETENTION = Duration.days(14);

    private final Queue queue;

    /**
     * @param holds what the queue holds, for the alarm, e.g. "Masking messages that failed three times"
     */
    public FailureQueue(Construct scope, String id, EnvironmentDefaults defaults, String holds) {
        super(scope, id);
        queue = Queue.Builder.create(this, "Resource")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(defaults.logKey())
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                // Messages waiting for a replay are data: a deleted prod stack keeps them.
                .removalPolicy(defaults.removalPolicy())
                // Any queue of the account may send its dead letters here; a policy naming the source queue
                // would make this queue depend on the queue that depends on it.
                .redriveAllowPolicy(RedriveAllowPolicy.builder().redrivePermission(RedrivePermission.ALLOW_ALL).build())
                .build();
        Acknowledge.awsSolutions(queue, "SQS3", "This queue is itself where failures end; a dead-letter queue of "
                + "its own would only move the same messages again.");
        Alarms.onAnyOccurrence(this, "Alarm", holds + " wait in a failure queue",
                queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()), defaults.alarmTopic());
    }

    public Queue queue() {
        return queue;
    }
}
