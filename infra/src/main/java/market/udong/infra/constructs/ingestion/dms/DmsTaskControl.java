package market.udong.infra.constructs.ingestion.dms;

import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import java.util.List;
import java.util.Map;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The function behind every {@code Custom::DmsTaskControl} resource of a stack
 * ({@code market.udong.lambdas.dms.ReplicationTaskControlHandler}): it stops a source's DMS tasks
 * before their endpoints or task change and starts or resumes the task afterwards, because DMS
 * refuses to modify running tasks and CloudFormation starts none. It may describe every task
 * (DescribeReplicationTasks has no resource-level permission) but start and stop only tasks
 * tagged with this stack's environment and area.
 */
public final class DmsTaskControl extends Construct {

    static final String HANDLER = "market.udong.lambdas.dms.ReplicationTaskControlHandler::handleRequest";
    /** CloudFormation resource type of the custom resources this function serves. */
    public static final String RESOURCE_TYPE = "Custom::DmsTaskControl";

    private final Function function;

    /**
     * @param environment   environment name; tasks tagged {@code udong:environment=<environment>} may be started and stopped
     * @param area          stack area; tasks tagged {@code udong:stack=<area>} likewise
     */
    public DmsTaskControl(Construct scope, String id, Code code, IVpc vpc, IKey logKey, int logRetentionDays,
                          RemovalPolicy removalPolicy, String environment, String area) {
        super(scope, id);
        // 15 minutes: stopping a CDC task can take minutes; the handler answers FAILED 30 s before this.
        function = new JavaFunction(this, "Function", new JavaFunctionProps(
                "Pauses DMS tasks before their resources change and starts them after each deploy",
                code, HANDLER, 256, Duration.minutes(15), Map.of(), 2, vpc, logKey, logRetentionDays, removalPolicy,
                null)).function();
        Stack stack = Stack.of(this);
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dms:DescribeReplicationTasks"))
                .resources(List.of("*"))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dms:StartReplicationTask", "dms:StopReplicationTask"))
                .resources(List.of("arn:" + stack.getPartition() + ":dms:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":task:*"))
                .conditions(Map.of("StringEquals", Map.of(
                        "aws:ResourceTag/udong:environment", environment,
                        "aws:ResourceTag/udong:stack", area)))
                .build());
        Acknowledge.awsSolutions(function, "IAM5", "DescribeReplicationTasks supports no resource-level permission; "
                        + "start and stop are limited by tag to this stack's tasks, whose ARNs CloudFormation generates "
                        + "and which a replacement changes, so they cannot be listed beforehand.",
                List.of("Resource::*", "Resource::arn:<AWS::Partition>:dms:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":task:*"));
        Acknowledge.grantedInlinePolicy(function.getRole());
        Acknowledge.compliancePacks(function, "LambdaDLQ", "CloudFormation invokes this custom-resource function and "
                + "waits for its answer; a lost invocation fails the deploy visibly, so a dead-letter queue would hold "
                + "nothing to act on.");
    }

    public Function function() {
        return function;
    }
}
