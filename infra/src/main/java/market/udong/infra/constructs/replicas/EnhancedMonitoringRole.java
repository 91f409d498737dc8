package market.udong.infra.constructs.replicas;

import java.util.List;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/** The role RDS enhanced monitoring publishes OS metrics with, shared by every database of a stack. */
public final class EnhancedMonitoringRole extends Construct {

    private static final String POLICY = "service-role/AmazonRDSEnhancedMonitoringRole";

    private final Role role;

    public EnhancedMonitoringRole(Construct scope, String id) {
        super(scope, id);
        IManagedPolicy policy = ManagedPolicy.fromAwsManagedPolicyName(POLICY);
        role = Role.Builder.create(this, "Resource")
                .assumedBy(new ServicePrincipal("monitoring.rds.amazonaws.com"))
                .description("RDS enhanced monitoring of the platform's databases")
                .managedPolicies(List.of(policy))
                .build();
        Acknowledge.awsSolutions(role, "IAM4", "AmazonRDSEnhancedMonitoringRole is the AWS-maintained policy for "
                + "exactly this service role: it only writes to the RDSOSMetrics log group.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/" + POLICY));
    }

    public Role role() {
        return role;
    }
}
