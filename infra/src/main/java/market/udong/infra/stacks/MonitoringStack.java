package market.udong.infra.stacks;

import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.monitoring.AlarmTopic;
import market.udong.infra.constructs.monitoring.Alarms;
import market.udong.infra.constructs.monitoring.PlatformDashboard;
import market.udong.core.config.EnvironmentConfig;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Monitoring}: the alarm topic that every other stack's alarms and failure
 * events notify (created first, so the others receive it as a typed value), and the environment's
 * dashboard. Alarms live beside what they watch, in each stack.
 */
public final class MonitoringStack extends PlatformStack {

    private final AlarmTopic alarms;

    public MonitoringStack(Construct scope, EnvironmentConfig environment) {
        super(scope, environment, "Monitoring", "Alarm topic, alarms and dashboards");
        EncryptionKey key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + environment.name() + "-monitoring",
                "Encrypts the Udong platform's alarm notifications (" + environment.name() + ")", dataRemovalPolicy()));
        alarms = new AlarmTopic(this, "Alarms", "udong-" + environment.name() + "-alarms", environment.alarmEmail(), key.key());
        new PlatformDashboard(this, "Dashboard", environment.name());
    }

    /** The topic alarms notify. */
    public ITopic alarmTopic() {
        return alarms.topic();
    }
}
