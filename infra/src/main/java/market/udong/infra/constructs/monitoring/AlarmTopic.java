package market.udong.infra.constructs.monitoring;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic every platform alarm and failure event notifies, encrypted with the monitoring
 * key, TLS only, with the environment's alarm address subscribed.
 */
public final class AlarmTopic extends Construct {

    private final Topic topic;

    public AlarmTopic(Construct scope, String id, String topicName, String alarmEmail, IKey key) {
        super(scope, id);
        Objects.requireNonNull(alarmEmail, "alarmEmail");
        topic = Topic.Builder.create(this, "Resource")
                .topicName(topicName)
                .displayName("Udong data platform alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addSubscription(new EmailSubscription(alarmEmail));
        // CloudWatch alarms and EventBridge rules publish through the key.
        for (String service : List.of("cloudwatch.amazonaws.com", "events.amazonaws.com")) {
            key.grantEncryptDecrypt(new ServicePrincipal(service));
        }
    }

    public Topic topic() {
        return topic;
    }
}
