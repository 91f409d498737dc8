package market.udong.infra.constructs.ingestion.export;

import java.util.List;
import java.util.Map;
import market.udong.core.config.LakeZone;
import market.udong.core.export.ExportMetrics;
import market.udong.core.export.SnapshotEvents;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.FailureQueue;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import market.udong.infra.constructs.monitoring.Alarms;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The snapshot-export trigger, one per environment: an EventBridge rule per snapshot kind
 * (RDS-EVENT-0091 for DB instances, RDS-EVENT-0169 for Aurora clusters) for every automated
 * snapshot of the account, a schedule as a fallback, the export-trigger function (asynchronous
 * retries, dead-letter queue), the role RDS assumes to write the export, and alarms on rejected
 * exports and dead letters.
 *
 * <p>Which snapshots are exported, and which of their tables, the function reads from the sources'
 * deployed configs at run time, so no rule, permission or variable here grows with sources or
 * tables: a snapshot of a database no deployed source names is ignored.
 *
 * <p>The completed export is not handled here: the masking fan-out subscribes to RDS's
 * export-task events on its own (see docs/snapshot-export.md).
 */
public final class SnapshotExportTrigger extends Construct {

    static final String HANDLER = "market.udong.lambdas.export.ExportTriggerHandler::handleRequest";
    /** Every six hours: automated snapshots are daily, so at most one is missed for a quarter of a day. */
    public static final Schedule FALLBACK_SCHEDULE = Schedule.expression("rate(6 hours)");
    /** How often Lambda retries an asynchronous invocation that failed in a way a retry may fix (0–2). */
    public static final int RETRY_ATTEMPTS = 2;

    private final JavaFunction function;
    private final Role exportRole;
    private final FailureQueue deadLetters;

    public SnapshotExportTrigger(Construct scope, String id, SnapshotExportTriggerProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        IBucket exports = props.lake().bucket(LakeZone.EXPORTS);
        IKey lakeKey = props.lake().key();

        exportRole = Role.Builder.create(this, "ExportRole")
                .assumedBy(new ServicePrincipal("export.rds.amazonaws.com"))
                .description("Assumed by RDS to write snapshot exports to " + exports.getBucketName())
                .build();
        // The actions RDS documents for the export role, on the exports bucket only.
        exportRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject*", "s3:GetObject*", "s3:DeleteObject*"))
                .resources(List.of(exports.arnForObjects("*")))
                .build());
        exportRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
                .resources(List.of(exports.getBucketArn()))
                .build());
        lakeKey.grant(exportRole, "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                "kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant");
        Acknowledge.awsSolutions(exportRole, "IAM5", "RDS writes an export as many objects under a task prefix it "
                        + "chooses at run time, with the wildcard action families RDS documents for the export role; "
                        + "the role reaches the exports bucket and the lake key only.",
                List.of("Action::s3:PutObject*", "Action::s3:GetObject*", "Action::s3:DeleteObject*",
                        "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        Acknowledge.attributeResource(exports, "Arn", "/*")));
        Acknowledge.grantedInlinePolicy(exportRole);

        deadLetters = new FailureQueue(this, "DeadLetters", props.defaults(),
                "Snapshot exports that failed after every retry (the invocation's event)");
        function = new JavaFunction(this, "Function", JavaFunctionProps.builder()
                .description("Starts the S3 export of the automated RDS snapshots of the deployed sources")
                .code(props.code())
                .handler(HANDLER)
                .memoryMb(512)
                .timeout(Duration.minutes(2))
                .environment(Map.of(
                        LambdaEnv.ENVIRONMENT, props.defaults().environment(),
                        LambdaEnv.EXPORTS_BUCKET, exports.getBucketName(),
                        LambdaEnv.KMS_KEY_ARN, lakeKey.getKeyArn(),
                        LambdaEnv.EXPORT_ROLE_ARN, exportRole.getRoleArn(),
                        LambdaEnv.CONFIG_BUCKET, props.lake().config().getBucketName()))
                .reservedConcurrency(2)
                .vpc(props.vpc())
                .defaults(props.defaults())
                .invocation(new Invocation.Asynchronous(deadLetters, RETRY_ATTEMPTS, Duration.hours(6)))
                .build());
        props.lake().config().grantRead(function.role(), Names.DEPLOYED_SOURCES_PREFIX + "*");
        grantExport(props, stack);

        addSnapshotRule("InstanceSnapshotRule", SnapshotEvents.INSTANCE_SNAPSHOT_DETAIL_TYPE,
                SnapshotEvents.AUTOMATED_SNAPSHOT_CREATED, "automated DB snapshot of the account was created");
        addSnapshotRule("ClusterSnapshotRule", SnapshotEvents.CLUSTER_SNAPSHOT_DETAIL_TYPE,
                SnapshotEvents.AUTOMATED_CLUSTER_SNAPSHOT_CREATED, "automated DB cluster snapshot of the account was created");
        Rule.Builder.create(this, "FallbackSchedule")
                .description("Exports the latest automated snapshot of every source, in case an RDS event was missed")
                .schedule(FALLBACK_SCHEDULE)
                .targets(List.of(new LambdaFunction(function.invoked())))
                .build();
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
                .targets(List.of(new SnsTopic(props.defaults().alarmTopic())))
                .build();
        Alarms.onAnyOccurrence(this, "RejectedAlarm", "An export could not be started and retrying cannot help (unknown snapshot, "
                        + "RDS refusing the request); see the export trigger's ERROR log lines",
                Metric.Builder.create()
                        .namespace(ExportMetrics.NAMESPACE)
                        .metricName(ExportMetrics.REJECTED)
                        .dimensionsMap(Map.of(ExportMetrics.ENVIRONMENT_DIMENSION, props.defaults().environment()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(), props.defaults().alarmTopic());
    }

    /** The function's permissions, as docs/snapshot-export.md lists them. */
    private void grantExport(SnapshotExportTriggerProps props, Stack stack) {
        // Which databases are exported is the deployed source configs' to say, and they change without this
        // stack: describe is allowed on every database and snapshot of the account (metadata, no data).
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots"))
                .resources(List.of(rdsArn(stack, "db:*"), rdsArn(stack, "snapshot:*"), rdsArn(stack, "cluster:*"),
                        rdsArn(stack, "cluster-snapshot:*")))
                .build());
        // StartExportTask and DescribeExportTasks take no resource-level permissions; PassRole on the one
        // export role is what bounds them: every export goes to our bucket, with our key.
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("rds:StartExportTask", "rds:DescribeExportTasks"))
                .resources(List.of("*"))
                .build());
        exportRole.grantPassRole(function.role());
        Acknowledge.grantedInlinePolicy(function.role());
        props.lake().key().grant(function.role(), "kms:CreateGrant", "kms:DescribeKey");
        String rds = "Resource::arn:<AWS::Partition>:rds:[a-z0-9-]+:[0-9]+:";
        Acknowledge.awsSolutionsMatching(function.function(), "IAM5", "rds:StartExportTask and rds:DescribeExportTasks "
                        + "support no resource-level permissions (Service Authorization Reference: no resource type); the "
                        + "describe actions read snapshot metadata of whichever database a deployed source config names, which "
                        + "changes without this stack; PassRole on the single export role bounds every export to the exports "
                        + "bucket and lake key. The config bucket is read under sources/ only.",
                List.of("^Resource::\\*$", "^" + rds.replace(".", "\\.") + "(db|snapshot|cluster|cluster-snapshot):\\*$",
                        "^Action::s3:(GetObject|GetBucket|List)\\*$", "^Action::kms:(GenerateDataKey|ReEncrypt)\\*$",
                        "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*ConfigBucket[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/sources/\\*$"));
    }

    private static String rdsArn(Stack stack, String resource) {
        return "arn:" + stack.getPartition() + ":rds:" + stack.getRegion() + ":" + stack.getAccount() + ":" + resource;
    }

    private void addSnapshotRule(String id, String detailType, String eventId, String what) {
        Rule.Builder.create(this, id)
                .description("Starts the S3 export when an " + what)
                .eventPattern(EventPattern.builder()
                        .source(List.of(SnapshotEvents.SOURCE))
                        .detailType(List.of(detailType))
                        .detail(Map.of("EventID", List.of(eventId),
                                "SourceIdentifier", List.of(Map.of("prefix", SnapshotEvents.AUTOMATED_SNAPSHOT_PREFIX))))
                        .build())
                .targets(List.of(new LambdaFunction(function.invoked())))
                .build();
    }

    public JavaFunction function() {
        return function;
    }

    /** The role RDS assumes to write exports. */
    public Role exportRole() {
        return exportRole;
    }

    public FailureQueue deadLetters() {
        return deadLetters;
    }
}
