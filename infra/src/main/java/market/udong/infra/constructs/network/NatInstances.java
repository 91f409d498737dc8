package market.udong.infra.constructs.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.services.ec2.AddRouteOptions;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.CfnEIP;
import software.amazon.awscdk.services.ec2.CfnInstance;
import software.amazon.awscdk.services.ec2.CfnLaunchTemplate;
import software.amazon.awscdk.services.ec2.ConfigureNatOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.GatewayConfig;
import software.amazon.awscdk.services.ec2.Instance;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.PrivateSubnet;
import software.amazon.awscdk.services.ec2.PublicSubnet;
import software.amazon.awscdk.services.ec2.RouterType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.UserData;

/**
 * NAT through EC2 instances instead of NAT gateways ({@code network.natInstanceType}, a dev
 * choice: about a tenth of the price, no managed failover). Each instance runs Amazon Linux 2023
 * on Graviton with IP forwarding and masquerading, admits HTTPS from the VPC only (AWS APIs and
 * the internet are all the subnets reach out to), requires IMDSv2 and has an encrypted root volume.
 * Each private subnet routes through the instance of its AZ, or the first one.
 *
 * <p>Our own provider rather than the CDK's {@code NatInstanceProviderV2}, which passes the
 * deprecated {@code keyName} to every instance it creates, a warning on each synth.
 */
final class NatInstances extends NatProvider {

    /** Root volume of a NAT instance: the size of the Amazon Linux 2023 image. */
    static final int ROOT_VOLUME_GB = 8;
    private static final String REASON = "A NAT instance (network.natInstanceType, a development choice) holds no data "
            + "and keeps no state: it is replaced rather than protected (a deploy, or deleting it, recreates it), and "
            + "its network metrics at 5-minute resolution are enough to see it fail.";

    private final String instanceType;
    private final String cidr;
    private final Map<String, String> instanceByAz = new HashMap<>();
    private final List<GatewayConfig> gateways = new ArrayList<>();

    NatInstances(String instanceType, String cidr) {
        super();
        this.instanceType = instanceType;
        this.cidr = cidr;
    }

    @Override
    public void configureNat(ConfigureNatOptions options) {
        SecurityGroup group = SecurityGroup.Builder.create(options.getVpc(), "NatSecurityGroup")
                .vpc(options.getVpc())
                .description("NAT instances: HTTPS from the VPC out to AWS APIs and the internet")
                .allowAllOutbound(true)
                .build();
        group.addIngressRule(Peer.ipv4(cidr), Port.tcp(443), "HTTPS from the VPC subnets");
        for (PublicSubnet subnet : options.getNatSubnets()) {
            UserData boot = UserData.forLinux();
            boot.addCommands(
                    "dnf install -y iptables-services",
                    "echo 'net.ipv4.ip_forward=1' > /etc/sysctl.d/90-nat.conf",
                    "sysctl -p /etc/sysctl.d/90-nat.conf",
                    "iface=$(ip route show default | awk '{print $5; exit}')",
                    "iptables -t nat -A POSTROUTING -o \"$iface\" -j MASQUERADE",
                    "iptables -F FORWARD",
                    "service iptables save",
                    "systemctl enable --now iptables");
            Instance instance = Instance.Builder.create(subnet, "NatInstance")
                    .vpc(options.getVpc())
                    .vpcSubnets(SubnetSelection.builder().subnets(List.of(subnet)).build())
                    .instanceType(new InstanceType(instanceType))
                    .machineImage(MachineImage.latestAmazonLinux2023(AmazonLinux2023ImageSsmParameterProps.builder()
                            .cpuType(AmazonLinuxCpuType.ARM_64).build()))
                    .securityGroup(group)
                    .sourceDestCheck(false)
                    .userData(boot)
                    .blockDevices(List.of(BlockDevice.builder().deviceName("/dev/xvda")
                            .volume(BlockDeviceVolume.ebs(ROOT_VOLUME_GB, EbsDeviceOptions.builder()
                                    .encrypted(true).volumeType(EbsDeviceVolumeType.GP3).deleteOnTermination(true).build()))
                            .build()))
                    .build();
            requireImdsv2(subnet, instance);
            // Its one public address is an Elastic IP, as a NAT gateway's is; nothing else in the VPC has one.
            CfnEIP.Builder.create(subnet, "NatEip").domain("vpc").instanceId(instance.getInstanceId()).build();
            Acknowledge.awsSolutions(instance, "EC28", REASON);
            Acknowledge.awsSolutions(instance, "EC29", REASON);
            Acknowledge.compliancePacks(instance, "EC2InstanceDetailedMonitoringEnabled", REASON);
            instanceByAz.put(subnet.getAvailabilityZone(), instance.getInstanceId());
            gateways.add(GatewayConfig.builder().az(subnet.getAvailabilityZone()).gatewayId(instance.getInstanceId()).build());
        }
        options.getPrivateSubnets().forEach(this::configureSubnet);
    }

    /**
     * IMDSv2 only, through a launch template of our own: the CDK's {@code requireImdsv2} adds an aspect
     * that warns on every synthesis after the first (it finds the template it made itself).
     */
    private static void requireImdsv2(PublicSubnet subnet, Instance instance) {
        CfnLaunchTemplate template = CfnLaunchTemplate.Builder.create(subnet, "NatLaunchTemplate")
                .launchTemplateData(CfnLaunchTemplate.LaunchTemplateDataProperty.builder()
                        .metadataOptions(CfnLaunchTemplate.MetadataOptionsProperty.builder()
                                .httpTokens("required").httpEndpoint("enabled").build())
                        .build())
                .build();
        ((CfnInstance) instance.getNode().getDefaultChild()).setLaunchTemplate(
                CfnInstance.LaunchTemplateSpecificationProperty.builder()
                        .launchTemplateId(template.getRef())
                        .version(template.getAttrLatestVersionNumber())
                        .build());
    }

    @Override
    public void configureSubnet(PrivateSubnet subnet) {
        String instance = instanceByAz.getOrDefault(subnet.getAvailabilityZone(), gateways.get(0).getGatewayId());
        subnet.addRoute("DefaultRoute", AddRouteOptions.builder()
                .routerType(RouterType.INSTANCE)
                .routerId(instance)
                .enablesInternetConnectivity(true)
                .build());
    }

    @Override
    public List<GatewayConfig> getConfiguredGateways() {
        return List.copyOf(gateways);
    }
}
