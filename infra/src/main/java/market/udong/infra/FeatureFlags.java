package market.udong.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;

/**
 * CDK feature flags the platform is built with: every flag {@code cdk init} sets for a new app of
 * aws-cdk-lib 2.263.0 (its {@code recommended-feature-flags.json}) at its recommended value unless
 * a comment says why not, plus the platform's own. They are set in code, so the tests synthesize
 * exactly what the CLI does, and listed in cdk.json, which the CLI reads ({@code FeatureFlagsTest}
 * keeps the two equal).
 */
public final class FeatureFlags {
    private FeatureFlags() {
    }

    static final Map<String, Object> FLAGS = Map.ofEntries(
            Map.entry("@aws-cdk-containers/ecs-service-extensions:enableDefaultLogDriver", true),
            Map.entry("@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId", true),
            Map.entry("@aws-cdk/aws-apigateway:disableCloudWatchRole", true),
            Map.entry("@aws-cdk/aws-apigateway:requestValidatorUniqueId", true),
            Map.entry("@aws-cdk/aws-appsync:appSyncGraphQLAPIScopeLambdaPermission", true),
            Map.entry("@aws-cdk/aws-appsync:useArnForSourceApiAssociationIdentifier", true),
            Map.entry("@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig", true),
            Map.entry("@aws-cdk/aws-batch:defaultToAL2023", true),
            Map.entry("@aws-cdk/aws-cloudfront:defaultFunctionRuntimeV2_0", true),
            Map.entry("@aws-cdk/aws-cloudwatch-actions:changeLambdaPermissionLogicalIdForLambdaAction", true),
            Map.entry("@aws-cdk/aws-codedeploy:removeAlarmsFromDeploymentGroup", true),
            Map.entry("@aws-cdk/aws-codepipeline-actions:useNewDefaultBranchForCodeCommitSource", true),
            Map.entry("@aws-cdk/aws-codepipeline:crossAccountKeyAliasStackSafeResourceName", true),
            Map.entry("@aws-cdk/aws-codepipeline:crossAccountKeysDefaultValueToFalse", true),
            Map.entry("@aws-cdk/aws-codepipeline:defaultPipelineTypeToV2", true),
            Map.entry("@aws-cdk/aws-dynamodb:resourcePolicyPerReplica", true),
            Map.entry("@aws-cdk/aws-dynamodb:retainTableReplica", true),
            Map.entry("@aws-cdk/aws-ec2:bastionHostUseAmazonLinux2023ByDefault", true),
            Map.entry("@aws-cdk/aws-ec2:ebsDefaultGp3Volume", true),
            Map.entry("@aws-cdk/aws-ec2:ec2SumTImeoutEnabled", true),
            Map.entry("@aws-cdk/aws-ec2:launchTemplateDefaultUserData", true),
            Map.entry("@aws-cdk/aws-ec2:requirePrivateSubnetsForEgressOnlyInternetGateway", true),
            Map.entry("@aws-cdk/aws-ec2:restrictDefaultSecurityGroup", true),
            Map.entry("@aws-cdk/aws-ec2:uniqueImdsv2TemplateName", true),
            Map.entry("@aws-cdk/aws-ecs-patterns:secGroupsDisablesImplicitOpenListener", true),
            Map.entry("@aws-cdk/aws-ecs-patterns:uniqueTargetGroupId", true),
            Map.entry("@aws-cdk/aws-ecs:arnFormatIncludesClusterName", true),
            Map.entry("@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker", true),
            Map.entry("@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions", true),
            Map.entry("@aws-cdk/aws-ecs:removeDefaultDeploymentAlarm", true),
            Map.entry("@aws-cdk/aws-efs:denyAnonymousAccess", true),
            Map.entry("@aws-cdk/aws-efs:mountTargetOrderInsensitiveLogicalId", true),
            Map.entry("@aws-cdk/aws-eks:defaultToAL2023", true),
            Map.entry("@aws-cdk/aws-eks:nodegroupNameAttribute", true),
            Map.entry("@aws-cdk/aws-eks:useNativeOidcProvider", true),
            Map.entry("@aws-cdk/aws-elasticloadbalancingV2:albDualstackWithoutPublicIpv4SecurityGroupRulesDefault", true),
            Map.entry("@aws-cdk/aws-elasticloadbalancingv2:networkLoadBalancerWithSecurityGroupByDefault", true),
            Map.entry("@aws-cdk/aws-elasticloadbalancingv2:usePostQuantumTlsPolicy", true),
            Map.entry("@aws-cdk/aws-events:eventsTargetQueueSameAccount", true),
            Map.entry("@aws-cdk/aws-events:requireEventBusPolicySid", true),
            Map.entry("@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName", true),
            Map.entry("@aws-cdk/aws-iam:minimizePolicies", true),
            Map.entry("@aws-cdk/aws-iam:oidcRejectUnauthorizedConnections", true),
            Map.entry("@aws-cdk/aws-iam:standardizedServicePrincipals", true),
            Map.entry("@aws-cdk/aws-kms:aliasNameRef", true),
            Map.entry("@aws-cdk/aws-kms:applyImportedAliasPermissionsToPrincipal", true),
            Map.entry("@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope", true),
            Map.entry("@aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages", true),
            Map.entry("@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion", true),
            Map.entry("@aws-cdk/aws-lambda:createNewPoliciesWithAddToRolePolicy", false),
            Map.entry("@aws-cdk/aws-lambda:recognizeLayerVersion", true),
            // The platform's functions bring their own KMS-encrypted log groups; with the flag the CDK's internal
            // singleton functions (custom resources) get log groups of their own without encryption.
            Map.entry("@aws-cdk/aws-lambda:useCdkManagedLogGroup", false),
            Map.entry("@aws-cdk/aws-opensearchservice:enableOpensearchMultiAzWithStandby", true),
            Map.entry("@aws-cdk/aws-rds:auroraClusterChangeScopeOfInstanceParameterGroupWithEachParameters", true),
            Map.entry("@aws-cdk/aws-rds:databaseProxyUniqueResourceName", true),
            Map.entry("@aws-cdk/aws-rds:preventRenderingDeprecatedCredentials", true),
            Map.entry("@aws-cdk/aws-rds:setCorrectValueForDatabaseInstanceReadReplicaInstanceResourceId", true),
            Map.entry("@aws-cdk/aws-redshift:columnId", true),
            Map.entry("@aws-cdk/aws-route53-patterns:useDistribution", true),
            Map.entry("@aws-cdk/aws-route53-patters:useCertificate", true),
            Map.entry("@aws-cdk/aws-route53-targets:userPoolDomainNameMethodWithoutCustomResource", true),
            Map.entry("@aws-cdk/aws-s3:createDefaultLoggingPolicy", true),
            Map.entry("@aws-cdk/aws-s3:keepNotificationInImportedBucket", false),
            Map.entry("@aws-cdk/aws-s3:publicAccessBlockedByDefault", true),
            Map.entry("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true),
            Map.entry("@aws-cdk/aws-s3:setUniqueReplicationRoleName", true),
            Map.entry("@aws-cdk/aws-secretsmanager:useAttachedSecretResourcePolicyForSecretTargetAttachments", true),
            Map.entry("@aws-cdk/aws-signer:signingProfileNamePassedToCfn", true),
            Map.entry("@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption", true),
            Map.entry("@aws-cdk/aws-stepfunctions-tasks:enableEmrServicePolicyV2", true),
            Map.entry("@aws-cdk/aws-stepfunctions-tasks:fixRunEcsTaskPolicy", true),
            Map.entry("@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2", true),
            Map.entry("@aws-cdk/core:annotationsInValidationReport", true),
            Map.entry("@aws-cdk/core:aspectPrioritiesMutating", true),
            Map.entry("@aws-cdk/core:cfnIncludeRejectComplexResourceUpdateCreatePolicyIntrinsics", true),
            Map.entry("@aws-cdk/core:checkSecretUsage", true),
            // Documented for cross-region references, but with "weak" aws-cdk-lib 2.263 writes Fn::GetStackOutput for
            // the same-region references between the platform's stacks too (seen in the templates), which lets a
            // producer stack drop a value a consumer still uses; "strong" keeps them CloudFormation exports.
            Map.entry("@aws-cdk/core:defaultCrossStackReferences", "strong"),
            // No usage data about the platform's constructs goes to AWS (the CLI's telemetry is off too), and
            // templates stay free of it.
            Map.entry("@aws-cdk/core:enableAdditionalMetadataCollection", false),
            // Templates keep Ref AWS::Partition, so one template deploys in every partition (aws, aws-cn, aws-us-gov)
            // and the compliance acknowledgements, which name <AWS::Partition>, keep matching.
            Map.entry("@aws-cdk/core:enablePartitionLiterals", false),
            Map.entry("@aws-cdk/core:explicitStackTags", true),
            Map.entry("@aws-cdk/core:includePrefixInUniqueNameGeneration", true),
            // The platform checks CloudFormation's resource quota itself, before building (config checks) and after
            // synthesis (TemplateQuotas), naming the stack and the fix; the CDK's own check ends in a jsii stack trace.
            Map.entry("@aws-cdk/core:stackResourceLimit", 0),
            Map.entry("@aws-cdk/core:target-partitions", List.of("aws", "aws-cn")),
            // CloudFormation's own rules fail synthesis where validation runs (bin/synth --validate, bin/test,
            // CloudFormationValidationTest); a verified false positive is acknowledged next to its construct.
            Map.entry("@aws-cdk/core:validateAgainstDefaultRules", true),
            Map.entry("@aws-cdk/core:validateSnapshotRemovalPolicy", true),
            Map.entry("@aws-cdk/custom-resources:logApiResponseDataPropertyTrueDefault", false),
            Map.entry("@aws-cdk/customresources:installLatestAwsSdkDefault", false),
            Map.entry("@aws-cdk/s3-notifications:addS3TrustKeyPolicyForSnsSubscriptions", true));

    /** Sets every flag on a new app, before any construct is added. */
    public static void apply(App app) {
        FLAGS.forEach((flag, value) -> app.getNode().setContext(flag, value));
    }

    /** The flags, by name. */
    public static Map<String, Object> flags() {
        return FLAGS;
    }
}
