package market.udong.infra.constructs.network;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of {@link PlatformVpc}.
 *
 * @param cidr                 IPv4 CIDR of the VPC
 * @param availabilityZones    AZs to span (2 or 3), named explicitly so synthesis needs no AWS lookup
 * @param natGateways          NAT gateways, 1 to the AZ count
 * @param flowLogRetentionDays days flow logs are kept
 * @param removalPolicy        what happens to the flow log group and its key when the stack is deleted
 * @param natInstanceType      EC2 instance type of each NAT instead of a NAT gateway, or null for gateways
 * @param interfaceEndpointAzs how many of the AZs (the first ones) get an interface endpoint of each AWS API; 0 for none
 */
public record PlatformVpcProps(String cidr, List<String> availabilityZones, int natGateways, int flowLogRetentionDays,
                               RemovalPolicy removalPolicy, String natInstanceType, int interfaceEndpointAzs) {
    public PlatformVpcProps {
        Objects.requireNonNull(cidr, "cidr");
        availabilityZones = List.copyOf(availabilityZones);
        if (availabilityZones.size() < 2 || availabilityZones.size() > 3) {
            throw new IllegalArgumentException("a platform VPC spans 2 or 3 availability zones, got " + availabilityZones);
        }
        if (natGateways < 1 || natGateways > availabilityZones.size()) {
            throw new IllegalArgumentException("natGateways must be 1 to " + availabilityZones.size() + ", got " + natGateways);
        }
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        if (interfaceEndpointAzs < 0 || interfaceEndpointAzs > availabilityZones.size()) {
            throw new IllegalArgumentException("interfaceEndpointAzs must be 0 to " + availabilityZones.size() + ", got "
                    + interfaceEndpointAzs);
        }
    }
}
