package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Map;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.LogRetention;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.msk.CfnCluster;
import software.amazon.awscdk.services.msk.CfnConfiguration;
import software.constructs.Construct;

/**
 * The MSK provisioned cluster for server events: brokers spread over the private subnets of
 * every AZ, TLS-only client traffic with IAM access control (no unauthenticated or plaintext
 * clients), encryption at rest with the platform key, broker logs to an encrypted log group,
 * and a security group that admits only the clients given to {@link #admit}.
 */
public final class KafkaCluster extends Construct {

    /** Port of TLS client traffic with IAM authentication. */
    public static final int IAM_TLS_PORT = 9098;

    private final CfnCluster cluster;
    private final SecurityGroup securityGroup;
    private final String bootstrapServers;
    private final String clusterName;

    public KafkaCluster(Construct scope, String id, KafkaClusterProps props) {
        super(scope, id);
        clusterName = props.clusterName();
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("MSK brokers of " + props.clusterName() + ": IAM/TLS clients admitted one by one")
                .allowAllOutbound(false)
                .build();
        // Brokers replicate to each other on the broker ports.
        securityGroup.addIngressRule(securityGroup, Port.tcpRange(9092, 9098), "broker to broker");

        props.key().grantEncryptDecrypt(new ServicePrincipal("logs." + Stack.of(this).getRegion() + ".amazonaws.com"));
        LogGroup brokerLogs = LogGroup.Builder.create(this, "BrokerLogs")
                .encryptionKey(props.key())
                .retention(LogRetention.of(props.defaults().logRetentionDays()))
                .removalPolicy(props.defaults().removalPolicy())
                .build();

        int replication = Math.min(3, props.brokers().count());
        CfnConfiguration configuration = CfnConfiguration.Builder.create(this, "Configuration")
                .name(props.clusterName() + "-config")
                .description("Server settings of " + props.clusterName())
                .kafkaVersionsList(List.of(props.kafkaVersion()))
                .serverProperties(String.join("\n",
                        // Topics come from config only, so a typo in a producer cannot create one.
                        "auto.create.topics.enable=false",
                        "default.replication.factor=" + replication,
                        "min.insync.replicas=" + Math.max(1, replication - 1),
                        "unclean.leader.election.enable=false"))
                .build();

        List<String> subnets = props.vpc().selectSubnets(SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnetIds();
        cluster = CfnCluster.Builder.create(this, "Resource")
                .clusterName(props.clusterName())
                .kafkaVersion(props.kafkaVersion())
                .numberOfBrokerNodes(props.brokers().count())
                .brokerNodeGroupInfo(CfnCluster.BrokerNodeGroupInfoProperty.builder()
                        .clientSubnets(subnets)
                        .instanceType(props.brokers().instanceType())
                        .securityGroups(List.of(securityGroup.getSecurityGroupId()))
                        .storageInfo(CfnCluster.StorageInfoProperty.builder()
                                .ebsStorageInfo(CfnCluster.EBSStorageInfoProperty.builder()
                                        .volumeSize(props.brokers().volumeGiB()).build())
                                .build())
                        .build())
                .encryptionInfo(CfnCluster.EncryptionInfoProperty.builder()
                        .encryptionAtRest(CfnCluster.EncryptionAtRestProperty.builder()
                                .dataVolumeKmsKeyId(props.key().getKeyArn()).build())
                        .encryptionInTransit(CfnCluster.EncryptionInTransitProperty.builder()
                                .clientBroker("TLS").inCluster(true).build())
                        .build())
                .clientAuthentication(CfnCluster.ClientAuthenticationProperty.builder()
                        .sasl(CfnCluster.SaslProperty.builder()
                                .iam(CfnCluster.IamProperty.builder().enabled(true).build()).build())
                        .unauthenticated(CfnCluster.UnauthenticatedProperty.builder().enabled(false).build())
                        .build())
                .loggingInfo(CfnCluster.LoggingInfoProperty.builder()
                        .brokerLogs(CfnCluster.BrokerLogsProperty.builder()
                                .cloudWatchLogs(CfnCluster.CloudWatchLogsProperty.builder()
                                        .enabled(true).logGroup(brokerLogs.getLogGroupName()).build())
                                .build())
                        .build())
                .enhancedMonitoring("PER_TOPIC_PER_BROKER")
                .configurationInfo(CfnCluster.ConfigurationInfoProperty.builder()
                        .arn(configuration.getAttrArn())
                        .revision(configuration.getAttrLatestRevisionRevision())
                        .build())
                .build();
        cluster.applyRemovalPolicy(props.defaults().removalPolicy());

        // CloudFormation does not return the bootstrap brokers of a cluster; read them once per deploy.
        AwsCustomResource brokers = AwsCustomResource.Builder.create(this, "BootstrapBrokers")
                .onUpdate(AwsSdkCall.builder()
                        .service("Kafka")
                        .action("getBootstrapBrokers")
                        .parameters(Map.of("ClusterArn", cluster.getAttrArn()))
                        .physicalResourceId(PhysicalResourceId.of(props.clusterName() + "-bootstrap"))
                        .build())
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                        .resources(List.of(cluster.getAttrArn())).build()))
                .installLatestAwsSdk(false)
                .build();
        bootstrapServers = brokers.getResponseField("BootstrapBrokerStringSaslIam");
        acknowledgeSdkCallFunction(Stack.of(this));
    }

    /**
     * The function behind AwsCustomResource is a CDK singleton at a fixed path of the stack; its
     * runtime, role and invocation are the library's, and it calls one read-only control-plane API.
     */
    private static void acknowledgeSdkCallFunction(Stack stack) {
        String path = "/" + stack.getStackName() + "/AWS679f53fac002430cb0da5b7982bd2287";
        String why = "CDK's AwsCustomResource function: it only reads the cluster's bootstrap brokers "
                + "(kafka:GetBootstrapBrokers on this cluster) once per deploy, invoked synchronously by CloudFormation; "
                + "its runtime, role and log group are managed by the CDK library.";
        Acknowledge.byPath(stack, path, why, "AwsSolutions-IAM4", "AwsSolutions-L1",
                "NIST.800.53.R5-LambdaConcurrency", "HIPAA.Security-LambdaConcurrency", "PCI.DSS.321-LambdaConcurrency",
                "NIST.800.53.R5-LambdaDLQ", "HIPAA.Security-LambdaDLQ", "PCI.DSS.321-LambdaDLQ",
                "NIST.800.53.R5-LambdaInsideVPC", "HIPAA.Security-LambdaInsideVPC", "PCI.DSS.321-LambdaInsideVPC");
    }

    /** Admits a client security group on the IAM/TLS port. */
    public void admit(ISecurityGroup client, String description) {
        securityGroup.addIngressRule(client, Port.tcp(IAM_TLS_PORT), description);
        if (client instanceof SecurityGroup sg) {
            sg.addEgressRule(securityGroup, Port.tcp(IAM_TLS_PORT), "to the MSK brokers");
        }
    }

    public CfnCluster cluster() {
        return cluster;
    }

    /** Comma-separated host:port list of the brokers for IAM/TLS clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clusterArn() {
        return cluster.getAttrArn();
    }

    /** ARN pattern of the consumer groups whose names match {@code groupPattern} (e.g. {@code udong-events-app_events*}). */
    public String groupArn(String groupPattern) {
        Stack stack = Stack.of(this);
        return "arn:" + stack.getPartition() + ":kafka:" + stack.getRegion() + ":" + stack.getAccount()
                + ":group/" + clusterName + "/*/" + groupPattern;
    }

    /** ARN pattern of one topic (MSK puts the cluster's UUID between name and topic). */
    public String topicArn(String topic) {
        Stack stack = Stack.of(this);
        return "arn:" + stack.getPartition() + ":kafka:" + stack.getRegion() + ":" + stack.getAccount()
                + ":topic/" + clusterName + "/*/" + topic;
    }
}
