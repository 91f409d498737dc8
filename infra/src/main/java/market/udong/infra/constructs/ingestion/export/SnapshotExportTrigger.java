package market.udong.infra.constructs.ingestion.export;

import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import market.udong.infra.constructs.monitoring.Alarms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.export.ExportMetrics;
import market.udong.core.export.ExportSource;
import market.udong.core.export.SnapshotEvents;
import market.udong.core.naming.LambdaEnv;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The snapshot-export trigger: an EventBridge rule per snapshot kind (RDS-EVENT-0091 for DB
 * instances, RDS-EVENT-0169 for Aurora clusters) narrowed to the configured databases, a schedule
 * as a fallback, the export-trigger function (asynchronous retries, dead-letter queue), the role
 * RDS assumes to write the export, and alarms on rejected exports and on the dead-letter queue.
 *
 * <p>The completed export is not handled here: the masking fan-out subscribes to RDS's
 * export-task events on its own (see docs/snapshot-export.md).
 */
public final class SnapshotExportTrigger extends Construct {

    static final String HANDLER = "market.udong.lambdas.export.ExportTriggerHandler::handleRequest";

    private final Function function;
    private final Role exportRole;
    private final Queue deadLetterQueue;

    public SnapshotExportTrigger(Construct scope, String id, SnapshotExportTriggerProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);

        exportRole = Role.Builder.create(this, "ExportRole")
                .assumedBy(new ServicePrincipal("export.rds.amazonaws.com"))
                .description("Assumed by RDS to write snapshot exports to " + props.exportsBucket().getBucketName())
                .build();
        // The actions RDS documents for the export role, on the exports bucket only.
        exportRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject*", "s3:GetObject*", "s3:DeleteObject*"))
                .resources(List.of(props.exportsBucket().arnForObjects("*")))
                .build());
        exportRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
                .resources(List.of(props.exportsBucket().getBucketArn()))
                .build());
        props.lakeKey().grant(exportRole, "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                "kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant");
        Acknowledge.awsSolutions(exportRole, "IAM5", "RDS writes an export as many objects under a task prefix it "
                        + "chooses at run time, with the wildcard action families RDS documents for the export role; "
                        + "the role reaches the exports bucket and the lake key only.",
                List.of("Action::s3:PutObject*", "Action::s3:GetObject*", "Action::s3:DeleteObject*",
                        "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        Acknowledge.attributeResource(props.exportsBucket(), "Arn", "/*")));
        Acknowledge.grantedInlinePolicy(exportRole);

        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.logKey())
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Acknowledge.awsSolutions(deadLetterQueue, "SQS3", "This queue is the export trigger's dead-letter queue; "
                + "a dead-letter queue of its own would only move the same messages again.");

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LambdaEnv.ENVIRONMENT, props.environment());
        environment.put(LambdaEnv.EXPORTS_BUCKET, props.exportsBucket().getBucketName());
        environment.put(LambdaEnv.KMS_KEY_ARN, props.lakeKey().getKeyArn());
        environment.put(LambdaEnv.EXPORT_ROLE_ARN, exportRole.getRoleArn());
        environment.put(LambdaEnv.EXPORT_SOURCES, props.sources().toJson());
        JavaFunction trigger = new JavaFunction(this, "Function", new JavaFunctionProps(
                "Starts the S3 export of each configured source's automated RDS snapshot",
                props.code(), HANDLER, 512, Duration.minutes(2), environment, 2, props.vpc(), props.logKey(),
                props.logRetentionDays(), props.removalPolicy(), deadLetterQueue));
        function = trigger.function();
        function.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(SnapshotExportTriggerProps.RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(6))
                .build());
        grantExport(props, stack);

        List<String> instances = identifiers(props, false);
        List<String> clusters = identifiers(props, true);
        addSnapshotRule("InstanceSnapshotRule", SnapshotEvents.INSTANCE_SNAPSHOT_DETAIL_TYPE,
                SnapshotEvents.AUTOMATED_SNAPSHOT_CREATED, instances, "automated DB snapshot of a configured source created");
        addSnapshotRule("ClusterSnapshotRule", SnapshotEvents.CLUSTER_SNAPSHOT_DETAIL_TYPE,
                SnapshotEvents.AUTOMATED_CLUSTER_SNAPSHOT_CREATED, clusters,
                "automated DB cluster snapshot of a configured source created");
        Rule.Builder.create(this, "FallbackSchedule")
                .description("Exports the latest automated snapshot of every source, in case an RDS event was missed")
                .schedule(props.fallbackSchedule())
                .targets(List.of(new LambdaFunction(function)))
                .build();

        if (!instances.isEmpty() || !clusters.isEmpty()) {
            // An export that RDS started but could not finish never reaches the masking fan-out; only
            // this rule tells anyone. RDS names the failure cause in the event's message.
            Rule.Builder.create(this, "ExportFailedRule")
                    .description("Notifies the alarm topic when an RDS snapshot export in this account fails or is canceled")
                    .eventPattern(EventPattern.builder()
                            .source(List.of(SnapshotEvents.SOURCE))
                            .detailType(List.of(SnapshotEvents.INSTANCE_SNAPSHOT_DETAIL_TYPE,
                                    SnapshotEvents.CLUSTER_SNAPSHOT_DETAIL_TYPE))
                            .detail(Map.of("EventID", SnapshotEvents.EXPORT_ENDED_WITHOUT_DATA))
                            .build())
                    .targets(List.of(new SnsTopic(props.alarmTopic())))
                    .build();
        }
        Alarms.onAnyOccurrence(this, "RejectedAlarm", "An export could not be started and retrying cannot help (unknown snapshot, "
                        + "RDS refusing the request); see the export trigger's ERROR log lines",
                Metric.Builder.create()
                        .namespace(ExportMetrics.NAMESPACE)
                        .metricName(ExportMetrics.REJECTED)
                        .dimensionsMap(Map.of(ExportMetrics.ENVIRONMENT_DIMENSION, props.environment()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(), props.alarmTopic());
        Alarms.onAnyOccurrence(this, "DeadLetterAlarm", "An export failed after every retry; the invocation is in the dead-letter queue",
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()), props.alarmTopic());
    }

    /** The function's permissions, as docs/snapshot-export.md lists them. */
    private void grantExport(SnapshotExportTriggerProps props, Stack stack) {
        List<String> instanceArns = new ArrayList<>();
        List<String> clusterArns = new ArrayList<>();
        for (ExportSource source : props.sources().bySource().values()) {
            String resource = source.engine().isAurora() ? "cluster:" : "db:";
            (source.engine().isAurora() ? clusterArns : instanceArns).add(rdsArn(stack, resource + source.databaseIdentifier()));
        }
        if (!instanceArns.isEmpty()) {
            List<String> resources = new ArrayList<>(instanceArns);
            resources.add(rdsArn(stack, "snapshot:*"));
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("rds:DescribeDBSnapshots")).resources(resources).build());
        }
        if (!clusterArns.isEmpty()) {
            List<String> resources = new ArrayList<>(clusterArns);
            resources.add(rdsArn(stack, "cluster-snapshot:*"));
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("rds:DescribeDBClusterSnapshots")).resources(resources).build());
        }
        // StartExportTask and DescribeExportTasks take no resource-level permissions; PassRole on the one
        // export role is what bounds them: every export goes to our bucket, with our key.
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("rds:StartExportTask", "rds:DescribeExportTasks"))
                .resources(List.of("*"))
                .build());
        exportRole.grantPassRole(function.getRole());
        Acknowledge.grantedInlinePolicy(function.getRole());
        props.lakeKey().grant(function, "kms:CreateGrant", "kms:DescribeKey");
        Acknowledge.awsSolutions(function, "IAM5", "rds:StartExportTask and rds:DescribeExportTasks support no "
                        + "resource-level permissions (Service Authorization Reference: no resource type), and "
                        + "snapshots are named by RDS per day; PassRole on the single export role bounds every export "
                        + "to the exports bucket and lake key.",
                List.of("Resource::*", "Resource::arn:<AWS::Partition>:rds:" + stack.getRegion() + ":" + stack.getAccount()
                                + ":snapshot:*",
                        "Resource::arn:<AWS::Partition>:rds:" + stack.getRegion() + ":" + stack.getAccount()
                                + ":cluster-snapshot:*"));
    }

    private static String rdsArn(Stack stack, String resource) {
        return "arn:" + stack.getPartition() + ":rds:" + stack.getRegion() + ":" + stack.getAccount() + ":" + resource;
    }

    private static List<String> identifiers(SnapshotExportTriggerProps props, boolean clusters) {
        return props.sources().bySource().values().stream()
                .filter(s -> s.engine().isAurora() == clusters)
                .map(ExportSource::databaseIdentifier)
                .sorted()
                .toList();
    }

    private void addSnapshotRule(String id, String detailType, String eventId, List<String> databases, String what) {
        if (databases.isEmpty()) {
            return;
        }
        // Automated snapshots are named rds:<database>-<date>; the function still checks the database,
        // since one identifier can be a prefix of another's.
        List<Object> prefixes = new ArrayList<>();
        for (String database : databases) {
            prefixes.add(Map.of("prefix", SnapshotEvents.AUTOMATED_SNAPSHOT_PREFIX + database + "-"));
        }
        Rule.Builder.create(this, id)
                .description("Starts the S3 export when an " + what)
                .eventPattern(EventPattern.builder()
                        .source(List.of(SnapshotEvents.SOURCE))
                        .detailType(List.of(detailType))
                        .detail(Map.of("EventID", List.of(eventId), "SourceIdentifier", prefixes))
                        .build())
                .targets(List.of(new LambdaFunction(function)))
                .build();
    }

    public Function function() {
        return function;
    }

    /** The role RDS assumes to write exports. */
    public Role exportRole() {
        return exportRole;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
