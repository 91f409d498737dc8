package market.udong.infra.stacks;

import market.udong.core.config.EnvironmentConfig;
import market.udong.core.naming.Names;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import java.util.List;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Base of every platform stack: named {@code Udong-<Env>-<Area>}, bound to the environment's
 * account and region, tagged, and termination-protected where the environment retains data.
 */
public abstract class PlatformStack extends Stack {

    private final EnvironmentConfig environment;

    protected PlatformStack(Construct scope, EnvironmentConfig environment, String area, String description) {
        super(scope, Names.stackName(environment.name(), area), StackProps.builder()
                .stackName(Names.stackName(environment.name(), area))
                .env(Environment.builder().account(environment.account()).region(environment.region()).build())
                .terminationProtection(environment.retainsData())
                .description(description + " (Udong data platform, " + environment.name() + ")")
                .build());
        this.environment = environment;
        Tags.of(this).add("udong:environment", environment.name());
        Tags.of(this).add("udong:stack", area);
        environment.tags().forEach((k, v) -> Tags.of(this).add(k, v));
        Acknowledge.compliancePacksInStack(this, "IAMNoInlinePolicy", "Permissions are granted with CDK grant* methods and "
                + "small statements scoped to ARNs, which CDK writes as each role's own inline policy; a customer-managed "
                + "policy would be shared between roles and so broader.");
        // Once per stack rather than on every function: the reason is the same for each (STYLE.md 20: metadata
        // repeated per resource is most of a template's bytes at scale).
        Acknowledge.awsSolutionsInStack(this, "IAM4", "AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole "
                + "are the documented minimum for a function in a VPC (network interfaces and log delivery); their log "
                + "statements cannot name the log group before the function exists.", List.of(
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
    }

    public EnvironmentConfig envConfig() {
        return environment;
    }

    /**
     * The configured AZs, so the VPC and endpoints need no account lookup at synthesis (and the
     * template does not change with whatever AZs an account happens to report).
     */
    @Override
    public java.util.List<String> getAvailabilityZones() {
        return environment.network().zonesIn(environment.region());
    }

    /** The environment's defaults for this stack's constructs, with the stack's key for logs and queues. */
    public EnvironmentDefaults defaults(IKey logKey, ITopic alarmTopic) {
        return new EnvironmentDefaults(environment.name(), dataRemovalPolicy(), environment.logRetentionDays(), logKey,
                alarmTopic);
    }

    /** RETAIN where the environment keeps its data, otherwise DESTROY. */
    protected RemovalPolicy dataRemovalPolicy() {
        return environment.retainsData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }
}
