package market.udong.infra.constructs.common;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What every construct of a stack shares from its environment: how long logs are kept and what
 * happens to data when the stack is deleted (both from the environment's config), the stack's key
 * for logs and queues, and the topic alarms notify. A stack makes one ({@code PlatformStack#defaults})
 * and hands it to each construct it builds.
 *
 * @param environment      environment name
 * @param removalPolicy    RETAIN where the environment keeps its data (prod), DESTROY elsewhere
 * @param logRetentionDays CloudWatch Logs retention of functions and jobs: a year where data is retained, 30 days elsewhere
 * @param logKey           the stack's key for log groups and queues; the logs service may use it
 * @param alarmTopic       the Monitoring stack's topic
 */
public record EnvironmentDefaults(String environment, RemovalPolicy removalPolicy, int logRetentionDays, IKey logKey,
                                  ITopic alarmTopic) {
    public EnvironmentDefaults {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        LogRetention.of(logRetentionDays);
        Objects.requireNonNull(logKey, "logKey");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
    }

    /** True where data outlives its stack. */
    public boolean retainsData() {
        return removalPolicy == RemovalPolicy.RETAIN;
    }
}
