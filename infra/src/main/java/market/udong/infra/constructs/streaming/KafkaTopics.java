package market.udong.infra.constructs.streaming;

import market.udong.infra.constructs.common.LambdaRuntime;
import market.udong.infra.constructs.common.LogRetention;
import java.util.List;
import java.util.Map;
import market.udong.core.streams.TopicSpec;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
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
        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Kafka topic provisioner")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "CloudFormation response URL (S3) over HTTPS");
        props.cluster().admit(securityGroup, "topic provisioner");

        Function provisioner = Function.Builder.create(this, "Provisioner")
                .description("Creates and updates the Kafka topics of " + props.cluster().cluster().getClusterName())
                .runtime(LambdaRuntime.JAVA)
                .architecture(LambdaRuntime.ARCHITECTURE)
                .handler(HANDLER)
                .code(props.code())
                .memorySize(512)
                .timeout(Duration.minutes(5))
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .reservedConcurrentExecutions(1)
                .logGroup(LogGroup.Builder.create(this, "Logs")
                        .encryptionKey(props.key())
                        .retention(LogRetention.of(props.logRetentionDays()))
                        .build())
                .build();
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
                .serviceToken(provisioner.getFunctionArn())
                .resourceType("Custom::KafkaTopics")
                .properties(Map.of(
                        "BootstrapServers", props.cluster().bootstrapServers(),
                        "Topics", TopicSpec.toJson(props.topics().stream().map(t -> TopicSpec.of(t, props.brokers())).toList())))
                .build();

        Acknowledge.awsSolutions(provisioner, "IAM4", "AWS managed Lambda execution policies (logs, VPC network "
                + "interfaces) are the documented minimum for a VPC function.", List.of(
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        String topicPattern = props.cluster().topicArn("*");
        Acknowledge.awsSolutions(provisioner, "IAM5", "The provisioner manages every topic of this one cluster; "
                + "MSK topic ARNs carry the cluster UUID, unknown until deploy.", List.of(
                "Resource::arn:<AWS::Partition>:kafka:" + Stack.of(this).getRegion() + ":" + Stack.of(this).getAccount()
                        + ":topic/" + topicPattern.substring(topicPattern.indexOf(":topic/") + 7)));
        Acknowledge.compliancePacks(provisioner, "LambdaDLQ", "CloudFormation invokes the provisioner "
                + "synchronously and reports its failure on the stack; there is no asynchronous event to keep.");
    }
}
