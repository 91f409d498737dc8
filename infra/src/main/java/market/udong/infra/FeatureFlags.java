package market.udong.infra;

import java.util.Map;
import software.amazon.awscdk.App;

/**
 * CDK feature flags the platform is built with. They are set in code, not in cdk.json, so the
 * CLI, {@code bin/synth} and the tests synthesize exactly the same templates.
 */
public final class FeatureFlags {
    private FeatureFlags() {
    }

    static final Map<String, Object> FLAGS = Map.ofEntries(
            Map.entry("@aws-cdk/core:checkSecretUsage", true),
            Map.entry("@aws-cdk/aws-iam:minimizePolicies", true),
            Map.entry("@aws-cdk/core:validateSnapshotRemovalPolicy", true),
            Map.entry("@aws-cdk/aws-s3:createDefaultLoggingPolicy", true),
            Map.entry("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true),
            Map.entry("@aws-cdk/aws-kms:aliasNameRef", true),
            Map.entry("@aws-cdk/aws-ec2:restrictDefaultSecurityGroup", true),
            Map.entry("@aws-cdk/aws-lambda:recognizeLayerVersion", true),
            Map.entry("@aws-cdk/aws-rds:databaseProxyUniqueResourceName", true),
            Map.entry("@aws-cdk/aws-iam:standardizedServicePrincipals", true),
            Map.entry("@aws-cdk/customresources:installLatestAwsSdkDefault", false),
            // The platform checks CloudFormation's resource quota itself, before building (config checks) and after
            // synthesis (TemplateQuotas), naming the stack and the fix; the CDK's own check ends in a jsii stack trace.
            Map.entry("@aws-cdk/core:stackResourceLimit", 0),
            // Stacks share values through CloudFormation exports, which stop a producer stack from
            // removing a value a consumer still uses; stated explicitly so the choice is ours, not a default.
            Map.entry("@aws-cdk/core:defaultCrossStackReferences", "strong"));

    /** Sets every flag on a new app, before any construct is added. */
    public static void apply(App app) {
        FLAGS.forEach((flag, value) -> app.getNode().setContext(flag, value));
    }
}
