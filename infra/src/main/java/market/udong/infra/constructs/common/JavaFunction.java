package market.udong.infra.constructs.common;

import java.util.List;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Every Java Lambda function of the platform is one of these: the one runtime and architecture
 * ({@link LambdaRuntime}), the VPC's private subnets behind a security group that lets only HTTPS
 * out (callers add what else it reaches), logs in a group encrypted with the stack's key with the
 * environment's retention, reserved concurrency so it can neither starve nor be starved, and a
 * place for every failure ({@link Invocation}). With SnapStart it publishes a version on every
 * change and is invoked through alias {@value #LIVE_ALIAS}; retries and the dead-letter queue of
 * asynchronous invocations are set on {@link #invoked()}, the qualifier callers use.
 */
public final class JavaFunction extends Construct {

    /** The alias a SnapStart function is invoked through; it points at the version published last. */
    public static final String LIVE_ALIAS = "live";

    private final Function function;
    private final IFunction invoked;
    private final SecurityGroup securityGroup;

    public JavaFunction(Construct scope, String id, JavaFunctionProps props) {
        super(scope, id);
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description(props.description())
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs over HTTPS (NAT or VPC endpoints)");
        EnvironmentDefaults defaults = props.defaults();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(defaults.logKey())
                .retention(LogRetention.of(defaults.logRetentionDays()))
                .removalPolicy(defaults.removalPolicy())
                .build();
        Function.Builder builder = Function.Builder.create(this, "Resource")
                .description(props.description())
                .runtime(LambdaRuntime.JAVA)
                .architecture(LambdaRuntime.ARCHITECTURE)
                .code(props.code())
                .handler(props.handler())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .reservedConcurrentExecutions(props.reservedConcurrency())
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .logGroup(logs);
        if (!props.environment().isEmpty()) {
            builder.environment(props.environment());
        }
        if (props.tracing()) {
            builder.tracing(Tracing.ACTIVE);
        }
        if (props.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (props.invocation() instanceof Invocation.Asynchronous async) {
            // Part of the function's configuration, so every published version carries it.
            builder.deadLetterQueue(async.deadLetters().queue());
        }
        function = builder.build();
        if (props.invocation() instanceof Invocation.Asynchronous async) {
            // The function's own grant covers sqs:SendMessage only; the queue's key is needed too.
            async.deadLetters().queue().grantSendMessages(function);
        }

        if (props.snapStart()) {
            invoked = Alias.Builder.create(this, "Live")
                    .aliasName(LIVE_ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Callers invoke alias " + LIVE_ALIAS + ", which points at the published version, so SnapStart applies.");
        } else {
            invoked = function;
        }
        if (props.invocation() instanceof Invocation.Asynchronous async) {
            invoked.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                    .retryAttempts(async.retries())
                    .maxEventAge(async.maxEventAge())
                    .build());
        } else if (props.invocation() instanceof Invocation.EventSource source) {
            Acknowledge.compliancePacks(function, "LambdaDLQ", "The function is invoked by an event source mapping, "
                    + "whose failure handling keeps what fails (" + source.failuresGoTo() + "); a function dead-letter "
                    + "queue applies only to asynchronous invocations.");
        } else {
            Acknowledge.compliancePacks(function, "LambdaDLQ", "CloudFormation invokes this custom-resource function "
                    + "and waits for its answer; a failure fails the deploy visibly, so a dead-letter queue would hold "
                    + "nothing to act on.");
        }
    }

    /** The function itself ($LATEST and its configuration). */
    public Function function() {
        return function;
    }

    /** What callers invoke and grant on: alias {@value #LIVE_ALIAS} with SnapStart, the function otherwise. */
    public IFunction invoked() {
        return invoked;
    }

    public IRole role() {
        return function.getRole();
    }

    /** Lets HTTPS out; add the rules for anything else the function reaches. */
    public SecurityGroup securityGroup() {
        return securityGroup;
    }
}
