package market.udong.infra.stacks;

import market.udong.infra.constructs.network.PlatformVpc;
import market.udong.infra.constructs.network.PlatformVpcProps;
import market.udong.core.config.EnvironmentConfig;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/** {@code Udong-<Env>-Network}: the VPC every other stack places its resources in. */
public final class NetworkStack extends PlatformStack {

    private final PlatformVpc vpc;

    public NetworkStack(Construct scope, EnvironmentConfig environment) {
        super(scope, environment, "Network", "VPC, subnets, flow logs and VPC endpoints");
        EnvironmentConfig.Network network = environment.network();
        vpc = new PlatformVpc(this, "Vpc", new PlatformVpcProps(
                network.vpcCidr(),
                network.zonesIn(environment.region()),
                network.natGateways(),
                network.flowLogRetentionDays(),
                dataRemovalPolicy()));
    }

    public IVpc vpc() {
        return vpc.vpc();
    }
}
