package market.udong.glue.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.EventJobArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The job's metrics in CloudWatch ({@value EventJobArgs#METRICS_NAMESPACE}, dimensions environment
 * and table). A failed put is logged, not thrown: the data is committed by then, and the lag
 * alarm treats missing points as breaching.
 */
final class CloudWatchEventMetrics implements EventMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchEventMetrics.class);

    private final CloudWatchClient cloudWatch;
    private final List<Dimension> dimensions;

    CloudWatchEventMetrics(CloudWatchClient cloudWatch, String environment, String table) {
        this.cloudWatch = cloudWatch;
        this.dimensions = List.of(
                Dimension.builder().name(EventJobArgs.ENVIRONMENT_DIMENSION).value(environment).build(),
                Dimension.builder().name(EventJobArgs.TABLE_DIMENSION).value(table).build());
    }

    @Override
    public void put(Map<String, Double> values) {
        Instant now = Instant.now();
        List<MetricDatum> data = new ArrayList<>();
        values.forEach((name, value) -> data.add(MetricDatum.builder().metricName(name).value(value).timestamp(now)
                .dimensions(dimensions)
                .unit(name.equals(EventJobArgs.LAG_SECONDS) ? StandardUnit.SECONDS : StandardUnit.COUNT).build()));
        try {
            cloudWatch.putMetricData(r -> r.namespace(EventJobArgs.METRICS_NAMESPACE).metricData(data));
        } catch (RuntimeException e) {
            LOG.warn("cannot put metrics {}: {}", values, e.toString());
        }
    }
}
