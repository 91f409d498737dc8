package market.udong.infra.constructs.ingestion.masking;

import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.common.LambdaRuntime;
import market.udong.infra.constructs.common.LogRetention;
import market.udong.infra.constructs.common.SecretAccess;
import market.udong.infra.constructs.monitoring.Alarms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.udong.core.export.SnapshotEvents;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.masking.MaskingPolicies;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Masks every file that reaches the lake before anyone can query it. Snapshot exports: the
 * export-completed event runs the fan-out function, which queues one message per exported
 * Parquet file. DMS: the raw zone notifies the same queue for each object under {@code dms/}.
 * The masking function (SnapStart on its published version, behind alias {@code live}, which the queue
 * invokes) reads each file from S3 with ranged GETs, applies the column policies shipped with it in a
 * layer, streams the curated output as a multipart upload or quarantines the file with a reason, and
 * reports per-message failures; a message that fails three times lands in
 * the dead-letter queue, which raises an alarm, as does any quarantined file.
 */
public final class MaskingPipeline extends Construct {

    public static final String MASKING_HANDLER = "market.udong.lambdas.masking.MaskingHandler::handleRequest";
    public static final String FAN_OUT_HANDLER = "market.udong.lambdas.fanout.ExportFanOutHandler::handleRequest";
    /** Function timeout; the queue's visibility timeout is six times this, as Lambda advises for SQS sources. */
    static final Duration MASKING_TIMEOUT = Duration.minutes(10);

    private final Function masking;
    private final Function fanOut;
    private final Queue queue;
    private final Queue deadLetters;

    public MaskingPipeline(Construct scope, String id, MaskingPipelineProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        props.key().grantEncryptDecrypt(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com"));
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.key())
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Acknowledge.awsSolutions(deadLetters, "SQS3", "This queue is the dead-letter queue of the masking queue.");
        queue = Queue.Builder.create(this, "Files")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.key())
                .enforceSsl(true)
                .visibilityTimeout(Duration.minutes(60))
                .retentionPeriod(Duration.days(14))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(3).build())
                .build();

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Masking functions: AWS APIs only")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "S3, SQS, Glue, RDS, Secrets Manager over HTTPS");

        LayerVersion policies = LayerVersion.Builder.create(this, "Policies")
                .description("Column policies of every source (udong/masking-policies.json)")
                .code(Code.fromAsset(policiesDirectory(props).toString()))
                .compatibleRuntimes(List.of(LambdaRuntime.JAVA))
                .build();

        masking = Function.Builder.create(this, "Masking")
                .description("Masks lake files into the curated zone, or quarantines them with a reason")
                .runtime(LambdaRuntime.JAVA)
                .architecture(LambdaRuntime.ARCHITECTURE)
                .handler(MASKING_HANDLER)
                .code(props.artifacts().lambda(LambdaPackage.MASKING))
                .layers(List.of(policies))
                // 1,769 MB is one full vCPU. The masker streams row group by row group: input by ranged GETs,
                // output as a multipart upload from two 16 MiB part buffers, so memory is bounded by the row
                // group, not the file (docs/benchmarks.md: a 2 GB input peaks well under this).
                .memorySize(1769)
                // Nothing is staged in /tmp, so the default 512 MiB is enough, and SnapStart (which refuses
                // more) takes the JVM start and class loading off the first file of a new container.
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .timeout(MASKING_TIMEOUT)
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .tracing(Tracing.ACTIVE)
                .reservedConcurrentExecutions(20)
                .logGroup(LogGroup.Builder.create(this, "MaskingLogs")
                        .encryptionKey(props.key())
                        .retention(LogRetention.of(props.logRetentionDays())).build())
                .environment(Map.of(
                        LambdaEnv.ENVIRONMENT, props.envName(),
                        LambdaEnv.CURATED_BUCKET, props.curated().getBucketName(),
                        LambdaEnv.QUARANTINE_BUCKET, props.quarantine().getBucketName(),
                        LambdaEnv.HMAC_SECRET_ARN, props.hashingKey().getSecretArn(),
                        LambdaEnv.GLUE_CATALOG_ID, stack.getAccount()))
                .build();
        Alias live = Alias.Builder.create(this, "MaskingLive")
                .aliasName("live")
                .version(masking.getCurrentVersion())
                .build();
        live.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(5)
                .reportBatchItemFailures(true)
                .maxConcurrency(20)
                .build());

        props.exports().grantRead(masking);
        props.raw().grantRead(masking, Names.rawDmsPrefix("*").replace("*/", "*"));
        props.curated().grantReadWrite(masking);
        props.quarantine().grantPut(masking);
        SecretAccess.grantRead(masking, props.hashingKey(), props.key());
        String catalog = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        masking.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:GetPartition",
                        "glue:CreatePartition", "glue:BatchCreatePartition"))
                .resources(List.of(catalog + ":catalog", catalog + ":database/*", catalog + ":table/*"))
                .build());

        fanOut = Function.Builder.create(this, "ExportFanOut")
                .description("Queues one masking message per Parquet file of a completed snapshot export")
                .runtime(LambdaRuntime.JAVA)
                .architecture(LambdaRuntime.ARCHITECTURE)
                .handler(FAN_OUT_HANDLER)
                .code(props.artifacts().lambda(LambdaPackage.EXPORT_FANOUT))
                .memorySize(512)
                .timeout(Duration.minutes(5))
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .reservedConcurrentExecutions(5)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .logGroup(LogGroup.Builder.create(this, "FanOutLogs")
                        .encryptionKey(props.key())
                        .retention(LogRetention.of(props.logRetentionDays())).build())
                .deadLetterQueue(deadLetters)
                .retryAttempts(2)
                .environment(Map.of(
                        LambdaEnv.ENVIRONMENT, props.envName(),
                        LambdaEnv.MASKING_QUEUE_URL, queue.getQueueUrl()))
                .build();
        queue.grantSendMessages(fanOut);
        props.exports().grantRead(fanOut);
        fanOut.addToRolePolicy(PolicyStatement.Builder.create()
                // DescribeExportTasks has no resource-level permissions.
                .actions(List.of("rds:DescribeExportTasks"))
                .resources(List.of("*"))
                .build());
        Rule.Builder.create(this, "ExportCompleted")
                .description("RDS finished exporting a snapshot to the exports zone")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.rds"))
                        .detailType(List.of("RDS DB Snapshot Event", "RDS DB Cluster Snapshot Event"))
                        .detail(Map.of("EventID", List.of(SnapshotEvents.EXPORT_COMPLETED,
                                SnapshotEvents.CLUSTER_EXPORT_COMPLETED)))
                        .build())
                .targets(List.of(new LambdaFunction(fanOut.getCurrentVersion())))
                .build();

        // DMS output reaches the queue through EventBridge (the raw bucket lives in the Lake stack, and a
        // bucket notification to this stack's queue would make the two stacks depend on each other). The
        // message is shaped as an S3 notification, the form the masking function reads.
        props.key().grantEncryptDecrypt(new ServicePrincipal("events.amazonaws.com"));
        Rule.Builder.create(this, "DmsObjectCreated")
                .description("DMS wrote a Parquet file to the raw zone")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(props.raw().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("wildcard", Names.rawDmsPrefix("*") + "*.parquet")))))
                        .build())
                .targets(List.of(SqsQueue.Builder.create(queue)
                        .message(RuleTargetInput.fromObject(Map.of("Records", List.of(dmsRecordTemplate()))))
                        .build()))
                .build();

        Alarms.onAnyOccurrence(this, "DeadLettersAlarm", "Masking messages failed three times and wait in the dead-letter queue",
                deadLetters.metricApproximateNumberOfMessagesVisible(), props.alarms());
        Alarms.onAnyOccurrence(this, "QuarantineAlarm", "A file could not be masked and was quarantined with a reason",
                Metric.Builder.create()
                        .namespace(MaskingMetricNames.NAMESPACE)
                        .metricName(MaskingMetricNames.FILES_QUARANTINED)
                        .dimensionsMap(Map.of(MaskingMetricNames.ENVIRONMENT_DIMENSION, props.envName()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(), props.alarms());

        Acknowledge.compliancePacks(masking, "LambdaDLQ", "The masking function is invoked by an SQS event source "
                + "mapping; the queue's redrive policy sends a message that fails three times to the dead-letter "
                + "queue, which alarms. A function DLQ applies only to asynchronous invocations.");
        software.amazon.awscdk.Annotations.of(fanOut).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "EventBridge invokes the published version (currentVersion), so SnapStart applies.");
        software.amazon.awscdk.Annotations.of(masking).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The SQS event source mapping invokes alias live, which points at the published version, so SnapStart applies.");
        for (Function f : List.of(masking, fanOut)) {
            Acknowledge.awsSolutionsMatching(f, "IAM5", "Wildcards come from CDK grant methods on the lake "
                    + "buckets and key (object ARNs under one bucket or prefix, the S3 and KMS action families they "
                    + "need), from the Glue catalog ARNs of the curated databases the function adds partitions to, "
                    + "and from rds:DescribeExportTasks, which has no resource-level permissions.", List.of(
                    "^Action::s3:.*\\*$", "^Action::kms:.*\\*$", "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*Zone[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                    "^Resource::arn:<AWS::Partition>:glue:.*$", "^Resource::\\*$"));
            Acknowledge.awsSolutions(f, "IAM4", "AWS managed Lambda execution policies (logs, VPC network "
                    + "interfaces) are the documented minimum for a VPC function.", List.of(
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        }
    }

    /**
     * One S3-notification record built from an EventBridge "Object Created" event. Ordered maps: the
     * template is a string in the synthesized template, and it must be the same on every synth.
     */
    private static Map<String, Object> dmsRecordTemplate() {
        Map<String, Object> bucket = new java.util.LinkedHashMap<>();
        bucket.put("name", EventField.fromPath("$.detail.bucket.name"));
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        object.put("key", EventField.fromPath("$.detail.object.key"));
        Map<String, Object> s3 = new java.util.LinkedHashMap<>();
        s3.put("bucket", bucket);
        s3.put("object", object);
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("eventSource", "aws:s3");
        record.put("eventName", "ObjectCreated:Put");
        record.put("eventTime", EventField.getTime());
        record.put("s3", s3);
        return record;
    }

    /** A directory holding {@code udong/masking-policies.json}, the layer's content (the Lambda reads it from /opt). */
    private static Path policiesDirectory(MaskingPipelineProps props) {
        try {
            Path dir = Files.createTempDirectory("udong-masking-policies");
            Path file = dir.resolve("udong/masking-policies.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, MaskingPolicies.of(props.sources()).toJson());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Function masking() {
        return masking;
    }

    public Function fanOut() {
        return fanOut;
    }

    public Queue queue() {
        return queue;
    }
}
