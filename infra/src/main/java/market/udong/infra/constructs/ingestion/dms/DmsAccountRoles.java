package market.udong.infra.constructs.ingestion.dms;

import java.util.List;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The two account-level roles DMS looks up by fixed name: {@value #VPC_ROLE} (DMS manages the
 * replication instance's network interfaces with it) and {@value #LOGS_ROLE} (task logs). They
 * exist once per AWS account, so an environment creates them only with
 * {@code features.dmsAccountRoles} (default on); every other environment sharing the account, or
 * an account that already has them, turns it off. Replication subnet groups and instances must
 * wait for them: DMS checks for {@value #VPC_ROLE} when they are created, so the stack adds a
 * dependency on this construct.
 */
public final class DmsAccountRoles extends Construct {

    public static final String VPC_ROLE = "dms-vpc-role";
    public static final String LOGS_ROLE = "dms-cloudwatch-logs-role";

    private final Role vpcRole;
    private final Role logsRole;

    public DmsAccountRoles(Construct scope, String id) {
        super(scope, id);
        vpcRole = role("VpcRole", VPC_ROLE, "AmazonDMSVPCManagementRole",
                "Lets DMS manage the network interfaces of replication instances (name fixed by DMS)");
        logsRole = role("CloudWatchLogsRole", LOGS_ROLE, "AmazonDMSCloudWatchLogsRole",
                "Lets DMS write replication task logs to CloudWatch Logs (name fixed by DMS)");
    }

    private Role role(String id, String name, String managedPolicy, String description) {
        Role role = Role.Builder.create(this, id)
                .roleName(name)
                .description(description)
                .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/" + managedPolicy)))
                .build();
        Acknowledge.awsSolutions(role, "IAM4", "DMS requires this role by its fixed name with exactly the AWS managed "
                        + "policy " + managedPolicy + " attached; the service documents no narrower policy and "
                        + "updates that one as it adds features.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/" + managedPolicy));
        return role;
    }

    public Role vpcRole() {
        return vpcRole;
    }

    public Role logsRole() {
        return logsRole;
    }
}
