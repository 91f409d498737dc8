package market.udong.infra.stacks;

import market.udong.core.config.EnvironmentConfig;
import market.udong.core.naming.Names;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import market.udong.infra.compliance.Acknowledge;
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

    /** RETAIN where the environment keeps its data, otherwise DESTROY. */
    protected RemovalPolicy dataRemovalPolicy() {
        return environment.retainsData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }
}
