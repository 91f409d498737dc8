package market.udong.infra.constructs.network;

import java.util.Objects;
import market.udong.core.config.EnvironmentConfig;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupEgress;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.constructs.Construct;

/**
 * The network between the platform's VPC and a service team's VPC, as config connects them
 * ({@code network.connections}), and the security-group rules that cross it. Over VPC peering a
 * rule names the group on the other side (EC2 allows that for peered VPCs of one region); over a
 * transit gateway it names the other VPC's CIDR, since rules there cannot name groups.
 *
 * @param connection  the connection from config
 * @param platformCidr the platform VPC's CIDR
 */
public record ServiceNetwork(EnvironmentConfig.Connection connection, String platformCidr) {
    public ServiceNetwork {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(platformCidr, "platformCidr");
    }

    /**
     * Lets {@code platformGroupId} (in the platform's VPC) reach {@code serviceGroupId} (in the
     * service's VPC) on {@code port}: the egress on the platform's side, the ingress on the service's.
     */
    public void connect(Construct scope, String id, String platformGroupId, String serviceGroupId, int port,
                        String description) {
        CfnSecurityGroupIngress.Builder ingress = CfnSecurityGroupIngress.Builder.create(scope, id + "Ingress")
                .groupId(serviceGroupId)
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .description(description + " (udong platform, over " + kind() + ")");
        CfnSecurityGroupEgress.Builder egress = CfnSecurityGroupEgress.Builder.create(scope, id + "Egress")
                .groupId(platformGroupId)
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .description("Service database over " + kind() + " " + connection.name());
        if (connection.peering()) {
            ingress.sourceSecurityGroupId(platformGroupId);
            egress.destinationSecurityGroupId(serviceGroupId);
        } else {
            ingress.cidrIp(platformCidr);
            egress.cidrIp(connection.cidr());
        }
        ingress.build();
        egress.build();
    }

    private String kind() {
        return connection.peering() ? "VPC peering" : "transit gateway";
    }
}
