package market.udong.infra.constructs.common;

import java.util.List;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Java Lambda function of the platform: the Java 21 runtime on arm64, in the VPC's private
 * subnets behind a security group that lets only HTTPS out, logs in a KMS-encrypted group with a
 * set retention, and reserved concurrency so it can neither starve nor be starved by other functions.
 */
public final class JavaFunction extends Construct {

    /** Why the functions run on Java 21 although the Lambda catalogue has a newer Java runtime. */
    static final String RUNTIME_REASON = "The platform builds for Java 17 bytecode and runs every Java function on the "
            + "java21 LTS runtime, so one runtime is patched and tested; moving all functions to java25 is a planned, "
            + "platform-wide change rather than a per-function drift.";

    private final Function function;
    private final SecurityGroup securityGroup;

    public JavaFunction(Construct scope, String id, JavaFunctionProps props) {
        super(scope, id);
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description(props.description() + ": HTTPS out only")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs over HTTPS (NAT or VPC endpoints)");
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(props.logKey())
                .retention(LogRetention.of(props.logRetentionDays()))
                .removalPolicy(props.removalPolicy())
                .build();
        Function.Builder builder = Function.Builder.create(this, "Resource")
                .description(props.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(props.code())
                .handler(props.handler())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .reservedConcurrentExecutions(props.reservedConcurrency())
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .logGroup(logs);
        if (props.deadLetterQueue() != null) {
            builder.deadLetterQueue(props.deadLetterQueue());
        }
        if (!props.environment().isEmpty()) {
            builder.environment(props.environment());
        }
        function = builder.build();
        Acknowledge.awsSolutions(function, "L1", RUNTIME_REASON);
        Acknowledge.awsSolutions(function, "IAM4", "AWSLambdaVPCAccessExecutionRole is the documented minimum for a "
                        + "function in a VPC (ENI management and log delivery); its log statements cannot name the "
                        + "log group before the function exists.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
    }

    public Function function() {
        return function;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }
}
