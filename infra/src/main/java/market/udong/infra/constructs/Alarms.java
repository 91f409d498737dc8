package market.udong.infra.constructs;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/** The platform's one alarm shape for events that should never happen: a dead letter, a quarantined file. */
public final class Alarms {
    private Alarms() {
    }

    /**
     * An alarm on the first occurrence of {@code metric} in one period (missing data is not a breach),
     * notifying {@code topic}.
     */
    public static Alarm onAnyOccurrence(Construct scope, String id, String description, IMetric metric, ITopic topic) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }
}
