package market.udong.infra.constructs.monitoring;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The platform's alarm shapes, each notifying a topic: {@link #onAnyOccurrence} for events that should
 * never happen (a dead letter, a quarantined file), {@link #sustainedAbove} for a level that must not
 * stay high (replica lag, a relay's iterator age, a broker's disk).
 */
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

    /** Number of 5-minute periods a level must stay above its threshold before {@link #sustainedAbove} fires. */
    public static final int SUSTAINED_PERIODS = 3;

    /**
     * An alarm when {@code metric} stays above {@code threshold} for {@value #SUSTAINED_PERIODS}
     * periods in a row, notifying {@code topic}.
     *
     * @param missing how missing data counts (a lag metric that stops may itself be news)
     */
    public static Alarm sustainedAbove(Construct scope, String id, String description, IMetric metric, Number threshold,
                                       TreatMissingData missing, ITopic topic) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(SUSTAINED_PERIODS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }

    /** The 5-minute maximum of an AWS metric, the statistic levels are alarmed on. */
    public static Metric maximum(String namespace, String name, Map<String, String> dimensions) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic("Maximum")
                .period(Duration.minutes(5))
                .build();
    }
}
