package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link Metabase}.
 *
 * @param environment      environment name, for resource names
 * @param vpc              the platform VPC: load balancer and tasks in private subnets, the app database isolated
 * @param certificateArn   ACM certificate the HTTPS listener serves
 * @param allowedCidrs     networks that reach the load balancer on 443 (VPN, office)
 * @param replicaConsumers consumers groups of the replicas Metabase reads; its tasks join each
 * @param key              encrypts the app database, its secret and the container logs
 * @param monitoringRole   role RDS enhanced monitoring publishes with
 * @param accessLogs       bucket receiving the load balancer's access logs (SSE-S3: ELB cannot write SSE-KMS)
 * @param logRetentionDays days container logs are kept (a CloudWatch Logs retention value)
 * @param retainData       prod-like: deletion protection on database and load balancer, Multi-AZ kept, snapshots kept
 * @param removalPolicy    what happens to the app database, its secret and logs when the stack is deleted
 */
public record MetabaseProps(String environment, IVpc vpc, String certificateArn, List<String> allowedCidrs,
                            List<ISecurityGroup> replicaConsumers, IKey key, IRole monitoringRole, IBucket accessLogs,
                            int logRetentionDays, boolean retainData, RemovalPolicy removalPolicy) {
    public MetabaseProps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(vpc, "vpc");
        if (certificateArn == null || certificateArn.isBlank()) {
            throw new IllegalArgumentException("Metabase serves HTTPS only: give bi.certificateArn in environments/"
                    + environment + ".yaml");
        }
        allowedCidrs = List.copyOf(allowedCidrs);
        if (allowedCidrs.isEmpty()) {
            throw new IllegalArgumentException("Metabase needs at least one network allowed to reach it");
        }
        replicaConsumers = List.copyOf(replicaConsumers);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(monitoringRole, "monitoringRole");
        Objects.requireNonNull(accessLogs, "accessLogs");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
