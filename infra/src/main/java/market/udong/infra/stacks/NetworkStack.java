package market.udong.infra.stacks;

import java.util.List;
import java.util.Optional;
import market.udong.core.config.EnvironmentConfig;
import market.udong.infra.constructs.network.PlatformVpc;
import market.udong.infra.constructs.network.PlatformVpcProps;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayVpcAttachment;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Network}: the VPC every other stack places its resources in; its connections to
 * service teams' VPCs ({@code network.connections}: VPC peering or a transit gateway attachment, with
 * the routes); and, where the environment runs the BI tool, the BI clients security group that
 * every source's replicas admit (here, so the source stacks and the Analytics stack both depend on
 * this one and not on each other).
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
                dataRemovalPolicy(),
                network.natInstanceType(),
                network.interfaceEndpointAzs()));
        biClients = environment.features().bi()
                ? SecurityGroup.Builder.create(this, "BiClients")
                        .vpc(vpc.vpc())
                        .description("The BI tool: the read replicas of every source admit members on their database port")
                        // Each source's stack adds the egress to its replicas.
                        .allowAllOutbound(false)
                        .build()
                : null;
        for (EnvironmentConfig.Connection connection : network.connections()) {
            connect(connection, network.vpcCidr());
        }
    }

    /**
     * The connection to one service VPC: a VPC peering connection with a route to the service's CIDR
     * in every private subnet (where everything that calls a database runs) and, in the same account,
     * routes back in the route tables config names; or an attachment to the transit gateway with the
     * same routes through it (the transit gateway's own routes are its owners').
     */
    private void connect(EnvironmentConfig.Connection connection, String platformCidr) {
        String id = connection.name();
        List<String> privateRouteTables = vpc.vpc().getPrivateSubnets().stream()
                .map(subnet -> subnet.getRouteTable().getRouteTableId()).toList();
        if (connection.peering()) {
            CfnVPCPeeringConnection peering = CfnVPCPeeringConnection.Builder.create(this, "Peering-" + id)
                    .vpcId(vpc.vpc().getVpcId())
                    .peerVpcId(connection.vpcId())
                    .peerOwnerId(connection.peerAccount())
                    .build();
            for (int i = 0; i < privateRouteTables.size(); i++) {
                CfnRoute.Builder.create(this, "Peering-" + id + "-Route" + (i + 1))
                        .routeTableId(privateRouteTables.get(i))
                        .destinationCidrBlock(connection.cidr())
                        .vpcPeeringConnectionId(peering.getRef())
                        .build();
            }
            for (int i = 0; i < connection.peerRouteTableIds().size(); i++) {
                CfnRoute.Builder.create(this, "Peering-" + id + "-ReturnRoute" + (i + 1))
                        .routeTableId(connection.peerRouteTableIds().get(i))
                        .destinationCidrBlock(platformCidr)
                        .vpcPeeringConnectionId(peering.getRef())
                        .build();
            }
        } else {
            CfnTransitGatewayVpcAttachment attachment = CfnTransitGatewayVpcAttachment.Builder.create(this, "Attachment-" + id)
                    .transitGatewayId(connection.transitGatewayId())
                    .vpcId(vpc.vpc().getVpcId())
                    .subnetIds(vpc.vpc().getPrivateSubnets().stream().map(ISubnet::getSubnetId).toList())
                    .build();
            for (int i = 0; i < privateRouteTables.size(); i++) {
                CfnRoute route = CfnRoute.Builder.create(this, "Attachment-" + id + "-Route" + (i + 1))
                        .routeTableId(privateRouteTables.get(i))
                        .destinationCidrBlock(connection.cidr())
                        .transitGatewayId(connection.transitGatewayId())
                        .build();
                // A route to a transit gateway needs the VPC attached first.
                route.addResourceDependency(attachment);
            }
        }
    }

    public IVpc vpc() {
        return vpc.vpc();
    }

    /** The BI tool's clients group; empty where the environment runs no BI tool. */
    public Optional<ISecurityGroup> biClients() {
        return Optional.ofNullable(biClients);
    }
}
