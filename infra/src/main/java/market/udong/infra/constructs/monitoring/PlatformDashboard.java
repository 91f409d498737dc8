package market.udong.infra.constructs.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.export.ExportMetrics;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.naming.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard per environment, {@code udong-<env>-platform}: every data path on one
 * page. It lives in the Monitoring stack, which is deployed first, so it refers to no resource of
 * the other stacks: custom metrics by namespace and environment, AWS metrics by CloudWatch
 * {@code SEARCH} over the names the platform gives (stack-name prefixes of functions, the
 * {@code udong-<env>-} prefix of streams, jobs and the Kafka cluster). A resource added later
 * shows up without a change here.
 */
public final class PlatformDashboard extends Construct {
    private static final Duration PERIOD = Duration.minutes(5);

    private final Dashboard dashboard;

    public PlatformDashboard(Construct scope, String id, String env) {
        super(scope, id);
        String prefix = "udong-" + env;
        dashboard = Dashboard.Builder.create(this, "Resource")
                .dashboardName(prefix + "-platform")
                .defaultInterval(Duration.hours(12))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Udong data platform — " + env + "\nAlarms notify `" + prefix + "-alarms`. "
                        + "Runbooks: docs/snapshot-export.md, docs/dms.md, docs/glue-ingestion.md, docs/relay.md, docs/events.md.")
                .width(24).height(2).build());

        dashboard.addWidgets(
                graph("Masking: files and rows", List.of(
                        masking(MaskingMetricNames.FILES_MASKED, env), masking(MaskingMetricNames.ROWS_MASKED, env))),
                graph("Masking: quarantined files, dropped unclassified columns", List.of(
                        masking(MaskingMetricNames.FILES_QUARANTINED, env),
                        masking(MaskingMetricNames.UNKNOWN_COLUMNS_DROPPED, env))),
                graph("Snapshot exports", List.of(export(ExportMetrics.STARTED, env), export(ExportMetrics.REJECTED, env),
                        export(ExportMetrics.FAILED, env))));
        dashboard.addWidgets(
                graph("Lambda errors", List.of(search("{AWS/Lambda,FunctionName} MetricName=\"Errors\" "
                        + Names.stackName(env, ""), "Sum"))),
                graph("Relays: iterator age (ms)", List.of(search("{AWS/Lambda,FunctionName} MetricName=\"IteratorAge\" "
                        + Names.stackName(env, "Streaming"), "Maximum"))),
                graph("Kinesis: incoming records", List.of(search("{AWS/Kinesis,StreamName} MetricName=\"IncomingRecords\" "
                        + prefix, "Sum"))));
        dashboard.addWidgets(
                graph("Read replicas: lag", List.of(
                        search("{AWS/RDS,DBInstanceIdentifier} MetricName=\"ReplicaLag\"", "Maximum"),
                        search("{AWS/RDS,DBClusterIdentifier} MetricName=\"AuroraReplicaLagMaximum\"", "Maximum"))),
                graph("DMS: CDC latency (s)", List.of(
                        search("{AWS/DMS,ReplicationInstanceIdentifier,ReplicationTaskIdentifier} "
                                + "MetricName=\"CDCLatencySource\"", "Maximum"),
                        search("{AWS/DMS,ReplicationInstanceIdentifier,ReplicationTaskIdentifier} "
                                + "MetricName=\"CDCLatencyTarget\"", "Maximum"))),
                graph("Glue jobs: failed tasks", List.of(search("{Glue,JobName,JobRunId,Type} "
                        + "MetricName=\"glue.driver.aggregate.numFailedTasks\" " + prefix, "Sum"))),
                graph("Kafka: data volume used (%)", List.of(search("{AWS/Kafka,\"Cluster Name\",\"Broker ID\"} "
                        + "MetricName=\"KafkaDataLogsDiskUsed\" " + prefix + "-events", "Maximum"))));
        dashboard.addWidgets(
                graph("Events: lag behind the topics (s)", List.of(events(EventJobArgs.LAG_SECONDS, env, "Maximum"))),
                graph("Events: records behind the topics", List.of(events(EventJobArgs.RECORDS_BEHIND, env, "Maximum"))),
                graph("Events: records read and quarantined", List.of(events(EventJobArgs.RECORDS_READ, env, "Sum"),
                        events(EventJobArgs.RECORDS_QUARANTINED, env, "Sum"))));
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(metrics)).width(8).height(6).build();
    }

    private static IMetric masking(String name, String env) {
        return Metric.Builder.create().namespace(MaskingMetricNames.NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(MaskingMetricNames.ENVIRONMENT_DIMENSION, env))
                .statistic("Sum").period(PERIOD).build();
    }

    private static IMetric export(String name, String env) {
        return Metric.Builder.create().namespace(ExportMetrics.NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(ExportMetrics.ENVIRONMENT_DIMENSION, env))
                .statistic("Sum").period(PERIOD).build();
    }

    /** Every event table's series of one events-job metric in this environment. */
    private static IMetric events(String name, String env, String statistic) {
        return search("{" + EventJobArgs.METRICS_NAMESPACE + "," + EventJobArgs.ENVIRONMENT_DIMENSION + ","
                + EventJobArgs.TABLE_DIMENSION + "} MetricName=\"" + name + "\" " + EventJobArgs.ENVIRONMENT_DIMENSION
                + "=\"" + env + "\"", statistic);
    }

    /** Every series a CloudWatch search finds; the expression names no metric, so it needs none. */
    private static IMetric search(String query, String statistic) {
        return MathExpression.Builder.create()
                .expression("SEARCH('" + query.replace("'", "\\'") + "', '" + statistic + "', " + PERIOD.toSeconds() + ")")
                .usingMetrics(Map.of())
                .period(PERIOD)
                .build();
    }
}
