package market.udong.infra.constructs.ingestion.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.LakeZone;
import market.udong.core.export.SnapshotEvents;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.FailureQueue;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.common.ObjectAccess;
import market.udong.infra.constructs.common.SecretAccess;
import market.udong.infra.constructs.common.WorkQueue;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.monitoring.Alarms;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

/**
 * Masks every file that reaches the lake before anyone can query it. Snapshot exports: the
 * export-completed event runs the fan-out function, which queues one message per exported
 * Parquet file. DMS: the raw zone's object events reach the same queue through EventBridge. The
 * masking function (SnapStart, invoked through alias {@code live}) reads each file from S3 with
 * ranged GETs, applies the column policies of the source's deployed config (read from the config
 * bucket, checked again for every file), streams the curated output as a multipart upload or
 * quarantines the file with a reason, and reports per-message failures; a message that fails
 * three times lands in the dead-letter queue, which raises an alarm, as does any quarantined file.
 */
public final class MaskingPipeline extends Construct {

    public static final String MASKING_HANDLER = "market.udong.lambdas.masking.MaskingHandler::handleRequest";
    public static final String FAN_OUT_HANDLER = "market.udong.lambdas.fanout.ExportFanOutHandler::handleRequest";
    /** Function timeout; the queue's visibility timeout is {@value WorkQueue#VISIBILITY_FACTOR} times this. */
    static final Duration MASKING_TIMEOUT = Duration.minutes(10);
    /** Deliveries of a masking message before it moves to the dead letters. */
    static final int MAX_RECEIVE_COUNT = 3;

    private final JavaFunction masking;
    private final JavaFunction fanOut;
    private final WorkQueue queue;

    public MaskingPipeline(Construct scope, String id, MaskingPipelineProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        LakeReferences lake = props.lake();
        EnvironmentDefaults defaults = props.defaults();
        queue = new WorkQueue(this, "Files", defaults, MASKING_TIMEOUT, MAX_RECEIVE_COUNT,
                "Masking messages that failed " + MAX_RECEIVE_COUNT + " times");

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LambdaEnv.ENVIRONMENT, defaults.environment());
        environment.put(LambdaEnv.CURATED_BUCKET, lake.bucket(LakeZone.CURATED).getBucketName());
        environment.put(LambdaEnv.QUARANTINE_BUCKET, lake.bucket(LakeZone.QUARANTINE).getBucketName());
        environment.put(LambdaEnv.HMAC_SECRET_ARN, lake.hashingKey().getSecretArn());
        environment.put(LambdaEnv.GLUE_CATALOG_ID, stack.getAccount());
        environment.put(LambdaEnv.CONFIG_BUCKET, lake.config().getBucketName());
        masking = new JavaFunction(this, "Masking", JavaFunctionProps.builder()
                .description("Masks lake files into the curated zone, or quarantines them with a reason")
                .code(props.artifacts().lambda(LambdaPackage.MASKING))
                .handler(MASKING_HANDLER)
                // 1,769 MB is one full vCPU. The masker streams row group by row group: input by ranged GETs,
                // output as a multipart upload from two 16 MiB part buffers, so memory is bounded by the row
                // group, not the file (docs/benchmarks.md: a 2 GB input peaks well under this). Nothing is staged
                // in /tmp, so the default 512 MiB suffices, which SnapStart requires.
                .memoryMb(1769)
                .timeout(MASKING_TIMEOUT)
                .environment(environment)
                .reservedConcurrency(20)
                .vpc(props.vpc())
                .defaults(defaults)
                .invocation(new Invocation.EventSource("the masking queue's redrive policy: a message that fails "
                        + MAX_RECEIVE_COUNT + " times moves to its dead-letter queue, which alarms"))
                .snapStart(true)
                .tracing(true)
                .build());
        masking.invoked().addEventSource(SqsEventSource.Builder.create(queue.queue())
                .batchSize(5)
                .reportBatchItemFailures(true)
                .maxConcurrency(20)
                .build());
        // The function sees originals: it may read its inputs, write masked output and quarantined copies, and no
        // more (PiiRolePermissionsTest holds the exact list). It never reads the curated zone; it deletes there only
        // an output it completed before the file failed.
        ObjectAccess.grantRead(masking.role(), lake.bucket(LakeZone.EXPORTS), "*");
        ObjectAccess.grantRead(masking.role(), lake.bucket(LakeZone.RAW), Names.rawDmsPrefix("*").replace("*/", "*"));
        ObjectAccess.grantMultipartPut(masking.role(), lake.bucket(LakeZone.CURATED), "*");
        ObjectAccess.grantDelete(masking.role(), lake.bucket(LakeZone.CURATED), "*");
        ObjectAccess.grantPut(masking.role(), lake.bucket(LakeZone.QUARANTINE), "*");
        ObjectAccess.grantRead(masking.role(), lake.config(), Names.DEPLOYED_SOURCES_PREFIX + "*");
        SecretAccess.grantRead(masking.role(), lake.hashingKey(), lake.key());
        // Every database: curated databases are named after source databases, with no common prefix, and a list
        // of them would grow with config towards the role's inline-policy quota.
        String catalog = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        masking.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:CreateTable", "glue:CreatePartition"))
                .resources(List.of(catalog + ":catalog", catalog + ":database/*", catalog + ":table/*"))
                .build());

        FailureQueue fanOutFailures = new FailureQueue(this, "FanOutFailures", defaults,
                "Export-completed events the fan-out could not queue after every retry");
        fanOut = new JavaFunction(this, "ExportFanOut", JavaFunctionProps.builder()
                .description("Queues one masking message per Parquet file of a completed snapshot export")
                .code(props.artifacts().lambda(LambdaPackage.EXPORT_FANOUT))
                .handler(FAN_OUT_HANDLER)
                .memoryMb(512)
                .timeout(Duration.minutes(5))
                .environment(Map.of(
                        LambdaEnv.ENVIRONMENT, defaults.environment(),
                        LambdaEnv.MASKING_QUEUE_URL, queue.queue().getQueueUrl()))
                .reservedConcurrency(5)
                .vpc(props.vpc())
                .defaults(defaults)
                .invocation(new Invocation.Asynchronous(fanOutFailures, 2, Duration.hours(6)))
                .snapStart(true)
                .tracing(true)
                .build());
        queue.queue().grantSendMessages(fanOut.role());
        lake.bucket(LakeZone.EXPORTS).grantRead(fanOut.role());
        fanOut.function().addToRolePolicy(PolicyStatement.Builder.create()
                // DescribeExportTasks has no resource-level permissions.
                .actions(List.of("rds:DescribeExportTasks"))
                .resources(List.of("*"))
                .build());
        Rule.Builder.create(this, "ExportCompleted")
                .description("RDS finished exporting a snapshot to the exports zone")
                .eventPattern(EventPattern.builder()
                        .source(List.of(SnapshotEvents.SOURCE))
                        .detailType(List.of(SnapshotEvents.INSTANCE_SNAPSHOT_DETAIL_TYPE, SnapshotEvents.CLUSTER_SNAPSHOT_DETAIL_TYPE))
                        .detail(Map.of("EventID", List.of(SnapshotEvents.EXPORT_COMPLETED,
                                SnapshotEvents.CLUSTER_EXPORT_COMPLETED)))
                        .build())
                .targets(List.of(new LambdaFunction(fanOut.invoked())))
                .build();

        // DMS output reaches the queue through EventBridge (the raw bucket lives in the Lake stack, and a
        // bucket notification to this stack's queue would make the two stacks depend on each other). The
        // message is shaped as an S3 notification, the form the masking function reads.
        defaults.logKey().grantEncryptDecrypt(new ServicePrincipal("events.amazonaws.com"));
        Rule.Builder.create(this, "DmsObjectCreated")
                .description("DMS wrote a Parquet file to the raw zone")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(lake.bucket(LakeZone.RAW).getBucketName())),
                                "object", Map.of("key", List.of(Map.of("wildcard", Names.rawDmsPrefix("*") + "*.parquet")))))
                        .build())
                .targets(List.of(SqsQueue.Builder.create(queue.queue())
                        .message(RuleTargetInput.fromObject(Map.of("Records", List.of(dmsRecordTemplate()))))
                        .build()))
                .build();

        Alarms.onAnyOccurrence(this, "QuarantineAlarm", "A file could not be masked and was quarantined with a reason",
                Metric.Builder.create()
                        .namespace(MaskingMetricNames.NAMESPACE)
                        .metricName(MaskingMetricNames.FILES_QUARANTINED)
                        .dimensionsMap(Map.of(MaskingMetricNames.ENVIRONMENT_DIMENSION, defaults.environment()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(), defaults.alarmTopic());

        for (JavaFunction f : List.of(masking, fanOut)) {
            Acknowledge.awsSolutionsMatching(f.function(), "IAM5", "Wildcards come from CDK grant methods on the lake "
                    + "buckets and key (object ARNs under one bucket or prefix, the S3 and KMS action families they "
                    + "need), from the Glue catalog ARNs of the curated databases the function adds partitions to, "
                    + "and from rds:DescribeExportTasks, which has no resource-level permissions.", List.of(
                    "^Action::s3:.*\\*$", "^Action::kms:.*\\*$",
                    "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*(Zone|ConfigBucket)[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                    "^Resource::arn:<AWS::Partition>:glue:.*$", "^Resource::\\*$"));
        }
    }

    /**
     * One S3-notification record built from an EventBridge "Object Created" event. Ordered maps: the
     * template is a string in the synthesized template, and it must be the same on every synth.
     */
    private static Map<String, Object> dmsRecordTemplate() {
        Map<String, Object> bucket = new LinkedHashMap<>();
        bucket.put("name", EventField.fromPath("$.detail.bucket.name"));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", EventField.fromPath("$.detail.object.key"));
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("bucket", bucket);
        s3.put("object", object);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventSource", "aws:s3");
        record.put("eventName", "ObjectCreated:Put");
        record.put("eventTime", EventField.getTime());
        record.put("s3", s3);
        return record;
    }

    public JavaFunction masking() {
        return masking;
    }

    public JavaFunction fanOut() {
        return fanOut;
    }

    public WorkQueue queue() {
        return queue;
    }
}
