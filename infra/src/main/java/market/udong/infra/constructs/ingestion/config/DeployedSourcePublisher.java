package market.udong.infra.constructs.ingestion.config;

import java.util.List;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.Invocation;
import market.udong.infra.constructs.common.JavaFunction;
import market.udong.infra.constructs.common.JavaFunctionProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The function behind every {@link DeployedSourceConfig} of the environment
 * ({@code market.udong.lambdas.config.DeployedSourcePublisherHandler}): it writes a source's deployed
 * config to the config bucket when the source's stack deploys, and removes it when the stack is
 * deleted. It reads the documents from the CDK bootstrap bucket, where the CLI uploads them as file
 * assets, and may write and delete only under {@code sources/} of the config bucket.
 */
public final class DeployedSourcePublisher extends Construct {

    static final String HANDLER = "market.udong.lambdas.config.DeployedSourcePublisherHandler::handleRequest";

    private final JavaFunction function;

    public DeployedSourcePublisher(Construct scope, String id, Code code, IBucket configBucket, IVpc vpc,
                                   EnvironmentDefaults defaults) {
        super(scope, id);
        function = new JavaFunction(this, "Function", JavaFunctionProps.builder()
                .description("Writes the deployed config of each source to the config bucket at deploy")
                .code(code)
                .handler(HANDLER)
                .memoryMb(512)
                .timeout(Duration.minutes(2))
                .reservedConcurrency(2)
                .vpc(vpc)
                .defaults(defaults)
                .invocation(new Invocation.CustomResource())
                .build());
        // The documents are file assets of the source stacks, in the CDK bootstrap bucket of this account and region.
        Stack stack = Stack.of(this);
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of("arn:" + stack.getPartition() + ":s3:::cdk-*-assets-" + stack.getAccount() + "-"
                        + stack.getRegion() + "/*"))
                .build());
        configBucket.grantPut(function.role(), Names.DEPLOYED_SOURCES_PREFIX + "*");
        configBucket.grantDelete(function.role(), Names.DEPLOYED_SOURCES_PREFIX + "*");
        Acknowledge.awsSolutionsMatching(function.function(), "IAM5", "The function writes and deletes one object per "
                + "source under sources/ of the config bucket, named by the source stacks that call it; the KMS "
                + "wildcards are the data-key actions of the CDK grant on the bucket's key.", List.of(
                "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*ConfigBucket[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/sources/\\*$",
                "^Action::kms:.*\\*$", "^Action::s3:.*\\*$",
                "^Resource::arn:<AWS::Partition>:s3:::cdk-\\*-assets-.*/\\*$"));
    }

    /** The function CloudFormation invokes (the custom resources' service token). */
    public IFunction function() {
        return function.invoked();
    }
}
