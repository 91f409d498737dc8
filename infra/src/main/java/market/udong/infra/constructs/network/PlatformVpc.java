package market.udong.infra.constructs.network;

import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.LogRetention;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.Stack;
import market.udong.infra.compliance.Acknowledge;
import software.constructs.Construct;

/**
 * The platform's VPC: public, private-with-egress and isolated subnets over 2–3 AZs, flow logs
 * to a KMS-encrypted log group, an S3 gateway endpoint, and interface endpoints so Glue,
 * Lambdas and DMS reach AWS services without leaving the VPC.
 */
public final class PlatformVpc extends Construct {

    /** Why the templates name availability zones. */
    public static final String EXPLICIT_ZONES = "The zones are the environment's (network.availabilityZones, default "
            + "<region>a/b/c), named in the template on purpose: synthesis needs no account lookup, and a template never "
            + "changes with what an account reports (Fn::GetAZs answers differently per account).";

    /**
     * Interface endpoints: AWS service names ({@code com.amazonaws.<region>.<name>}) by construct id.
     * Ids are a contract: renaming one replaces the endpoint. Named here rather than taken from
     * {@code InterfaceVpcEndpointAwsService}'s constants: the first use of that class fetches all
     * of its ~400 constants from the CDK's JavaScript runtime, 0.9 s of every synth.
     */
    static final Map<String, String> INTERFACE_ENDPOINTS = Map.of(
            "Glue", "glue",
            "KinesisStreams", "kinesis-streams",
            "SecretsManager", "secretsmanager",
            "Sts", "sts",
            "Kms", "kms",
            "CloudWatchLogs", "logs");

    private final Vpc vpc;
    private final SecurityGroup endpointSecurityGroup;

    public PlatformVpc(Construct scope, String id, PlatformVpcProps props) {
        super(scope, id);
        Key logKey = Key.Builder.create(this, "FlowLogKey")
                .description("Encrypts the VPC flow logs of " + Stack.of(this).getStackName())
                .enableKeyRotation(true)
                .removalPolicy(props.removalPolicy())
                .build();
        EncryptionKey.denyGrantsNotForAwsServices(logKey);
        logKey.grantEncryptDecrypt(new ServicePrincipal("logs." + Stack.of(this).getRegion() + ".amazonaws.com"));
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .encryptionKey(logKey)
                .retention(LogRetention.of(props.flowLogRetentionDays()))
                .removalPolicy(props.removalPolicy())
                .build();

        NatProvider nat = props.natInstanceType() == null ? NatProvider.gateway()
                : new NatInstances(props.natInstanceType(), props.cidr());
        vpc = Vpc.Builder.create(this, "Resource")
                .ipAddresses(IpAddresses.cidr(props.cidr()))
                .availabilityZones(props.availabilityZones())
                .natGateways(props.natGateways())
                .natGatewayProvider(nat)
                .restrictDefaultSecurityGroup(true)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).cidrMask(24)
                                .mapPublicIpOnLaunch(false).build(),
                        subnet("Private", SubnetType.PRIVATE_WITH_EGRESS, 20),
                        subnet("Isolated", SubnetType.PRIVATE_ISOLATED, 22)))
                .flowLogs(Map.of("All", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
                .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .build()))
                .build();
        Acknowledge.cloudFormationRule(vpc, "W3010", EXPLICIT_ZONES);

        // One security group for every endpoint, open on 443 to the VPC's literal CIDR only.
        endpointSecurityGroup = SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
                .vpc(vpc)
                .description("HTTPS from inside the VPC to the AWS service endpoints")
                .allowAllOutbound(false)
                .build();
        endpointSecurityGroup.addIngressRule(Peer.ipv4(props.cidr()), Port.tcp(443), "HTTPS from the VPC");
        String servicePrefix = "com.amazonaws." + Stack.of(this).getRegion() + ".";
        List<String> endpointZones = props.availabilityZones().subList(0, props.interfaceEndpointAzs());
        if (!endpointZones.isEmpty()) {
            INTERFACE_ENDPOINTS.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> vpc.addInterfaceEndpoint(e.getKey(), endpoint(
                            new InterfaceVpcEndpointService(servicePrefix + e.getValue(), 443), endpointSecurityGroup,
                            endpointZones)));
        }

        vpc.getPublicSubnets().forEach(subnet -> Acknowledge.compliancePacks(subnet, "VPCNoUnrestrictedRouteToIGW",
                "Public subnets hold only the NAT gateways (no workload is placed there); their default route "
                        + "to the internet gateway is what gives private subnets egress."));
    }

    /** Security group of the interface endpoints (443 from the VPC). */
    public SecurityGroup endpointSecurityGroup() {
        return endpointSecurityGroup;
    }

    public Vpc vpc() {
        return vpc;
    }

    private static InterfaceVpcEndpointOptions endpoint(IInterfaceVpcEndpointService service, SecurityGroup securityGroup,
                                                        List<String> zones) {
        return InterfaceVpcEndpointOptions.builder()
                .service(service)
                .open(false)
                .securityGroups(List.of(securityGroup))
                .privateDnsEnabled(true)
                .subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).availabilityZones(zones).build())
                .build();
    }

    private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
        return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(mask).build();
    }
}
