package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Map;
import market.udong.core.streams.TopicSpec;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import software.constructs.Construct;

/**
 * Creates the configured Kafka topics on every deploy (the cluster refuses auto-creation). A
 * Java function in the VPC answers the CloudFormation custom resource: it creates missing
 * topics, raises partition counts and applies {@code max.message.bytes}; it never deletes a
 * topic or its data when the resource or a topic is removed.
 */
public final class KafkaTopics extends Construct {

    /** Handler class in the relay jar. */
    public static final String HANDLER = "market.udong.lambdas.relay.TopicProvisionerHandler::handleRequest";

    public KafkaTopics(Construct scope, String id, KafkaTopicsProps props) {
        super(scope, id);
        JavaFunction function = new JavaFunction(this, "Provisioner", JavaFunctionProps.builder()
                .description("Creates and updates the Kafka topics of the platform MSK cluster")
                .code(props.code())
                .handler(HANDLER)
                .memoryMb(512)
                .timeout(Duration.minutes(5))
                .reservedConcurrency(1)
                .vpc(props.vpc())
                .defaults(props.defaults())
                .invocation(new Invocation.CustomResource())
                .build());
        props.cluster().admit(function.securityGroup(), "topic provisioner");
        Function provisioner = function.function();
        String clusterArn = props.cluster().clusterArn();
        provisioner.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster"))
                .resources(List.of(clusterArn))
                .build());
        provisioner.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:AlterTopic",
                        "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:AlterTopicDynamicConfiguration"))
                .resources(List.of(props.cluster().topicArn("*")))
                .build());

        CustomResource.Builder.create(this, "Resource")
                .serviceToken(function.invoked().getFunctionArn())
                .resourceType("Custom::KafkaTopics")
                .properties(Map.of(
                        "BootstrapServers", props.cluster().bootstrapServers(),
                        "Topics", TopicSpec.toJson(props.topics().stream().map(t -> TopicSpec.of(t, props.brokers())).toList())))
                .build();

        String topicPattern = props.cluster().topicArn("*");
        Acknowledge.awsSolutions(provisioner, "IAM5", "The provisioner manages every topic of this one cluster; "
                + "MSK topic ARNs carry the cluster UUID, unknown until deploy.", List.of(
                "Resource::arn:<AWS::Partition>:kafka:" + Stack.of(this).getRegion() + ":" + Stack.of(this).getAccount()
                        + ":topic/" + topicPattern.substring(topicPattern.indexOf(":topic/") + 7)));
    }
}
