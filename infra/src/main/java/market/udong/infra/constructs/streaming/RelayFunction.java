package market.udong.infra.constructs.streaming;

import market.udong.infra.constructs.common.LambdaRuntime;
import market.udong.infra.constructs.common.LogRetention;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.LambdaEnv;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Moves every record of one Kinesis stream into one Kafka topic. The event source mapping
 * bisects failing batches, reports item failures, retries a bounded number of times and then
 * sends what is left to the failure queue; records that can never be delivered (too large,
 * undecodable) go there directly with their reason. So each record reaches Kafka or the queue.
 */
public final class RelayFunction extends Construct {

    /** Handler class in the relay jar. */
    public static final String HANDLER = "market.udong.lambdas.relay.KinesisToKafkaHandler::handleRequest";

    private final Function function;
    private final Queue failures;

    public RelayFunction(Construct scope, String id, RelayFunctionProps props) {
        super(scope, id);
        failures = Queue.Builder.create(this, "Failures")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.key())
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Acknowledge.awsSolutions(failures, "SQS3", "This queue is itself the dead-letter destination of the relay: "
                + "records that failed every retry, or can never be delivered, wait here with their reason.");

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Relay to Kafka topic " + props.topic())
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs (SQS, CloudWatch) over HTTPS");
        props.cluster().admit(securityGroup, "relay to " + props.topic());

        var tuning = props.tuning();
        Function.Builder builder = Function.Builder.create(this, "Resource")
                .description("Relays Kinesis records to Kafka topic " + props.topic())
                .runtime(LambdaRuntime.JAVA)
                .architecture(LambdaRuntime.ARCHITECTURE)
                .handler(HANDLER)
                .code(props.code())
                .memorySize(tuning.memoryMb())
                .timeout(Duration.seconds(tuning.timeoutSeconds()))
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .tracing(Tracing.ACTIVE)
                .logGroup(LogGroup.Builder.create(this, "Logs")
                        .encryptionKey(props.key())
                        .retention(LogRetention.of(props.logRetentionDays()))
                        .build())
                .environment(Map.of(
                        LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, props.cluster().bootstrapServers(),
                        LambdaEnv.KAFKA_AUTH, "iam",
                        LambdaEnv.RELAY_TOPIC, props.topic(),
                        LambdaEnv.RELAY_FORMAT, props.format().id(),
                        LambdaEnv.RELAY_MAX_MESSAGE_BYTES, Integer.toString(props.maxMessageBytes()),
                        LambdaEnv.RELAY_FAILURE_QUEUE_URL, failures.getQueueUrl(),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        if (props.shards() != null) {
            // One concurrent batch per shard and parallelization slot: more could never be used.
            builder.reservedConcurrentExecutions(props.shards() * tuning.parallelizationFactor());
        }
        function = builder.build();

        function.addEventSource(KinesisEventSource.Builder.create(props.stream())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(tuning.batchSize())
                .maxBatchingWindow(Duration.seconds(tuning.batchingWindowSeconds()))
                .parallelizationFactor(tuning.parallelizationFactor())
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(tuning.maximumRetryAttempts())
                .onFailure(new SqsDlq(failures))
                .build());
        failures.grantSendMessages(function);

        String clusterArn = props.cluster().clusterArn();
        String topicArn = props.cluster().topicArn(props.topic());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"))
                .resources(List.of(clusterArn))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"))
                .resources(List.of(topicArn))
                .build());

        Acknowledge.awsSolutions(function, "IAM4", "AWS managed Lambda execution policies (logs, VPC network "
                + "interfaces, X-Ray) are the documented minimum for a VPC function.", List.of(
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        Acknowledge.awsSolutions(function, "IAM5", "MSK topic ARNs carry the cluster's UUID, unknown until "
                + "deploy; the wildcard stands for that UUID only, the cluster name and topic are fixed. X-Ray "
                + "trace writes have no resource ARNs. The KMS wildcards are CDK grant actions on the one streams key.", List.of(
                "Resource::arn:<AWS::Partition>:kafka:" + Stack.of(this).getRegion() + ":" + Stack.of(this).getAccount()
                        + ":topic/" + topicArn.substring(topicArn.indexOf(":topic/") + 7),
                "Resource::*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"));
        Acknowledge.compliancePacks(function, "LambdaDLQ", "The function is invoked by a Kinesis event source "
                + "mapping, whose on-failure destination (the failure queue) plays the dead-letter role; "
                + "a function DLQ applies only to asynchronous invocations.");
    }

    public Function function() {
        return function;
    }

    public Queue failures() {
        return failures;
    }
}
