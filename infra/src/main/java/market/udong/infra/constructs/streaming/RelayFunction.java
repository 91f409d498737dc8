package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Map;
import market.udong.core.naming.LambdaEnv;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import java.util.LinkedHashMap;
import market.udong.infra.constructs.common.FailureQueue;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
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

    /** Shards a relay of an on-demand stream is sized for (an on-demand stream starts with 4 and grows with load). */
    public static final int ON_DEMAND_SHARDS = 10;

    private final JavaFunction relay;
    private final Function function;
    private final FailureQueue failures;

    public RelayFunction(Construct scope, String id, RelayFunctionProps props) {
        super(scope, id);
        failures = new FailureQueue(this, "Failures", props.defaults(), "Records of " + props.stream().getStreamName()
                + " that did not reach Kafka topic " + props.target().topic() + " (docs/relay.md: replaying failures)");
        var tuning = props.tuning();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LambdaEnv.KAFKA_BOOTSTRAP_SERVERS, props.cluster().bootstrapServers());
        environment.put(LambdaEnv.KAFKA_AUTH, "iam");
        environment.put(LambdaEnv.RELAY_TOPIC, props.target().topic());
        environment.put(LambdaEnv.RELAY_FORMAT, props.target().format().id());
        environment.put(LambdaEnv.RELAY_MAX_MESSAGE_BYTES, Integer.toString(props.target().maxMessageBytes()));
        environment.put(LambdaEnv.RELAY_FAILURE_QUEUE_URL, failures.queue().getQueueUrl());
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        relay = new JavaFunction(this, "Function", JavaFunctionProps.builder()
                .description("Relays Kinesis records to Kafka topic " + props.target().topic())
                .code(props.code())
                .handler(HANDLER)
                .memoryMb(tuning.memoryMb())
                .timeout(Duration.seconds(tuning.timeoutSeconds()))
                .environment(environment)
                // One concurrent batch per shard and parallelization slot: more could never be used. An on-demand
                // stream is sized for ON_DEMAND_SHARDS shards; beyond them batches wait (the lag alarm tells).
                .reservedConcurrency(props.shards().orElse(ON_DEMAND_SHARDS) * tuning.parallelizationFactor())
                .vpc(props.vpc())
                .defaults(props.defaults())
                .invocation(new Invocation.EventSource("the Kinesis event source mapping's on-failure destination, the "
                        + "relay's failure queue, which alarms"))
                .tracing(true)
                .build());
        props.cluster().admit(relay.securityGroup(), "relay to " + props.target().topic());
        function = relay.function();

        function.addEventSource(KinesisEventSource.Builder.create(props.stream())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(tuning.batchSize())
                .maxBatchingWindow(Duration.seconds(tuning.batchingWindowSeconds()))
                .parallelizationFactor(tuning.parallelizationFactor())
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(tuning.maximumRetryAttempts())
                .onFailure(new SqsDlq(failures.queue()))
                .build());
        failures.queue().grantSendMessages(function);

        String clusterArn = props.cluster().clusterArn();
        String topicArn = props.cluster().topicArn(props.target().topic());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"))
                .resources(List.of(clusterArn))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"))
                .resources(List.of(topicArn))
                .build());

        Acknowledge.awsSolutions(function, "IAM5", "MSK topic ARNs carry the cluster's UUID, unknown until "
                + "deploy; the wildcard stands for that UUID only, the cluster name and topic are fixed. X-Ray "
                + "trace writes have no resource ARNs. The KMS wildcards are CDK grant actions on the one streams key.", List.of(
                "Resource::arn:<AWS::Partition>:kafka:" + Stack.of(this).getRegion() + ":" + Stack.of(this).getAccount()
                        + ":topic/" + topicArn.substring(topicArn.indexOf(":topic/") + 7),
                "Resource::*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"));
    }

    public Function function() {
        return function;
    }

    public FailureQueue failures() {
        return failures;
    }
}
