package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link Metabase}.
 *
 * @param vpc            the platform VPC: load balancer and tasks in private subnets, the app database isolated
 * @param certificateArn ACM certificate the HTTPS listener serves
 * @param allowedCidrs   networks that reach the load balancer on 443 (VPN, office)
 * @param biClients      the Network stack's BI clients group, which every source's replicas admit; the tasks join it
 * @param monitoringRole role RDS enhanced monitoring publishes with
 * @param accessLogs     bucket receiving the load balancer's access logs (SSE-S3: ELB cannot write SSE-KMS)
 * @param defaults       the Analytics stack's defaults; its key also encrypts the app database and its secret, and
 *                       where data is retained the database and load balancer are deletion-protected
 */
public record MetabaseProps(IVpc vpc, String certificateArn, List<String> allowedCidrs, ISecurityGroup biClients,
                            IRole monitoringRole, IBucket accessLogs, EnvironmentDefaults defaults) {
    public MetabaseProps {
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(defaults, "defaults");
        if (certificateArn == null || certificateArn.isBlank()) {
            throw new IllegalArgumentException("Metabase serves HTTPS only: give bi.certificateArn in environments/"
                    + defaults.environment() + ".yaml");
        }
        allowedCidrs = List.copyOf(allowedCidrs);
        if (allowedCidrs.isEmpty()) {
            throw new IllegalArgumentException("Metabase needs at least one network allowed to reach it");
        }
        Objects.requireNonNull(biClients, "biClients");
        Objects.requireNonNull(monitoringRole, "monitoringRole");
        Objects.requireNonNull(accessLogs, "accessLogs");
    }
}
