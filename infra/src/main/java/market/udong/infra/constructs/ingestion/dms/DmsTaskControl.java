package market.udong.infra.constructs.ingestion.dms;

import java.util.List;
import java.util.Map;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The function behind every {@code Custom::DmsTaskControl} resource of the environment's source
 * stacks ({@code market.udong.lambdas.dms.ReplicationTaskControlHandler}): it stops a source's DMS
 * tasks before their endpoints or task change and starts or resumes the task afterwards, because
 * DMS refuses to modify running tasks and CloudFormation starts none. It may describe every task
 * (DescribeReplicationTasks has no resource-level permission) but start and stop only tasks tagged
 * with this environment and a source stack's area.
 */
public final class DmsTaskControl extends Construct {

    static final String HANDLER = "market.udong.lambdas.dms.ReplicationTaskControlHandler::handleRequest";
    /** CloudFormation resource type of the custom resources this function serves. */
    public static final String RESOURCE_TYPE = "Custom::DmsTaskControl";

    private final JavaFunction function;

    public DmsTaskControl(Construct scope, String id, Code code, IVpc vpc, EnvironmentDefaults defaults) {
        super(scope, id);
        // 15 minutes: stopping a CDC task can take minutes; the handler answers FAILED 30 s before this.
        function = new JavaFunction(this, "Function", JavaFunctionProps.builder()
                .description("Pauses DMS tasks before their resources change and starts them after each deploy")
                .code(code)
                .handler(HANDLER)
                .memoryMb(256)
                .timeout(Duration.minutes(15))
                .reservedConcurrency(2)
                .vpc(vpc)
                .defaults(defaults)
                .invocation(new Invocation.CustomResource())
                .build());
        Stack stack = Stack.of(this);
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dms:DescribeReplicationTasks"))
                .resources(List.of("*"))
                .build());
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dms:StartReplicationTask", "dms:StopReplicationTask"))
                .resources(List.of("arn:" + stack.getPartition() + ":dms:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":task:*"))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:ResourceTag/udong:environment", defaults.environment()),
                        "StringLike", Map.of("aws:ResourceTag/udong:stack", Names.sourceStackArea("*"))))
                .build());
        Acknowledge.awsSolutions(function.function(), "IAM5", "DescribeReplicationTasks supports no resource-level "
                        + "permission; start and stop are limited by tag to the tasks of this environment's source stacks, "
                        + "whose ARNs CloudFormation generates and which a replacement changes, so they cannot be listed beforehand.",
                List.of("Resource::*", "Resource::arn:<AWS::Partition>:dms:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":task:*"));
        Acknowledge.grantedInlinePolicy(function.role());
    }

    public IFunction function() {
        return function.invoked();
    }
}
