package market.udong.infra.stacks;

import java.util.Optional;
import market.udong.core.config.EnvironmentConfig;
import market.udong.infra.constructs.network.PlatformVpc;
import market.udong.infra.constructs.network.PlatformVpcProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Network}: the VPC every other stack places its resources in, and, where the
 * environment runs the BI tool, the BI clients security group that every source's replicas admit
 * (here, so the source stacks and the Analytics stack both depend on this one and not on each other).
 */
public final class NetworkStack extends PlatformStack {

    private final PlatformVpc vpc;
    private final SecurityGroup biClients;

    public NetworkStack(Construct scope, EnvironmentConfig environment) {
        super(scope, environment, "Network", "VPC, subnets, flow logs and VPC endpoints");
        EnvironmentConfig.Network network = environment.network();
        vpc = new PlatformVpc(this, "Vpc", new PlatformVpcProps(
                network.vpcCidr(),
                network.zonesIn(environment.region()),
                network.natGateways(),
                network.flowLogRetentionDays(),
                dataRemovalPolicy()));
        biClients = environment.features().bi()
                ? SecurityGroup.Builder.create(this, "BiClients")
                        .vpc(vpc.vpc())
                        .description("The BI tool: the read replicas of every source admit members on their database port")
                        // Each source's stack adds the egress to its replicas.
                        .allowAllOutbound(false)
                        .build()
                : null;
    }

    public IVpc vpc() {
        return vpc.vpc();
    }

    /** The BI tool's clients group; empty where the environment runs no BI tool. */
    public Optional<ISecurityGroup> biClients() {
        return Optional.ofNullable(biClients);
    }
}
