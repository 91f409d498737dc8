package market.udong.infra.constructs.ingestion.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.Ingestion;
import market.udong.core.config.LakeZone;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.cost.TemplateCosts;
import market.udong.core.glue.GlueSchedules;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.ObjectAccess;
import market.udong.infra.constructs.common.SecretAccess;
import market.udong.infra.constructs.network.PlatformVpc;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.glue.CfnConnection;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * One source's Glue (Spark) ingestion: for every table with {@code ingestion: glue}, a Glue 5.0 job
 * running the Java {@code TableIngestJob} with the table's own worker type and count; a schedule
 * trigger per distinct schedule (up to {@value GlueSchedules#JOBS_PER_TRIGGER} jobs each, Glue's limit); one
 * JDBC connection in a private subnet that the replica admits; a rule that notifies the alarm
 * topic of a failed run. A job's arguments name only its source, table and where things are; the
 * table's policies and settings it reads from the source's deployed config, so a policy change
 * never changes a job. Besides AWSGlueServiceRole (the job-role base AWS documents), the role may
 * touch only this source's curated prefix, its two secrets, its deployed config, its job's two
 * asset objects and the catalog entries of its own databases (PiiRolePermissionsTest holds the list).
 */
public final class GlueIngestion extends Construct {

    /** Glue version of every job (Spark 3.5.4, Java 17). */
    public static final String GLUE_VERSION = "5.0";
    /** Why cdk-nag cannot see the jobs' encryption (the events landing jobs share it). */
    public static final String GLUE_SECURITY_REASON = "Every job runs with the environment's security configuration (GlueSecurity "
            + "in the Ingestion stack: CloudWatch logs SSE-KMS, job bookmarks CSE-KMS, S3 SSE-KMS with the lake key); the "
            + "job names it across stacks, which the rule cannot resolve.";
    private final Map<String, CfnJob> jobs = new LinkedHashMap<>();
    private final Role role;

    public GlueIngestion(Construct scope, String id, GlueIngestionProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        SourceConfig source = props.source();
        String env = props.defaults().environment();
        DatabaseAccess access = props.access();

        role = Role.Builder.create(this, "JobRole")
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Runs the Glue ingestion jobs of source " + source.name() + " (" + env + ")")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSGlueServiceRole")))
                .build();
        Asset jar = Asset.Builder.create(this, "JobJar").path(props.code().jar().toString()).build();
        Asset script = Asset.Builder.create(this, "EntryScript").path(props.code().entryScript().toString()).build();
        // The two asset objects, not the whole bootstrap bucket (every stack's code).
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey()),
                        script.getBucket().arnForObjects(script.getS3ObjectKey())))
                .build());
        // Spark reads and rewrites the source's own curated prefix (its tables and ingest state) and deletes what
        // its committer stages there.
        IBucket curated = props.lake().bucket(LakeZone.CURATED);
        ObjectAccess.grantRead(role, curated, source.name() + "/*");
        ObjectAccess.grantMultipartPut(role, curated, source.name() + "/*");
        ObjectAccess.grantDelete(role, curated, source.name() + "/*");
        ObjectAccess.grantRead(role, props.lake().config(), Names.deployedSourceKey(source.name()));
        SecretAccess.grantRead(role, props.lake().hashingKey(), props.lake().key());
        SecretAccess.grantRead(role, access.readOnlySecret(), access.readOnlySecret().getEncryptionKey());
        // The security configuration: SSE-KMS writes to S3 and CSE-KMS job bookmarks with the lake key.
        props.lake().key().grant(role, "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey");
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:AssociateKmsKey"))
                .resources(List.of("arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":log-group:/aws-glue/*"))
                .build());

        List<TableConfig> tables = source.tablesUsing(Ingestion.GLUE);
        String configBucket = Names.configBucketName(env, stack.getAccount(), stack.getRegion());
        String curatedBucket = Names.bucketName(env, LakeZone.CURATED, stack.getAccount(), stack.getRegion());
        CfnConnection connection = connection(props, tables.get(0).database());
        List<String> databases = new ArrayList<>();
        for (TableConfig table : tables) {
            String jobName = Names.glueJobName(env, source.name(), table.database(), table.name());
            databases.add(CatalogNames.curatedDatabase(table.database()));
            TableConfig.GlueSettings glue = table.glueSettings();
            Map<String, String> args = new LinkedHashMap<>();
            args.put("--job-language", "scala");
            args.put("--class", GlueJobArgs.JOB_CLASS);
            args.put("--extra-jars", jar.getS3ObjectUrl());
            args.put("--job-bookmark-option", "job-bookmark-disable");
            args.put("--enable-metrics", "true");
            args.put("--enable-observability-metrics", "true");
            args.put("--enable-continuous-cloudwatch-log", "true");
            // Names, not references: every argument is a short literal, so a job costs the template ~1.3 KB and a
            // source holds hundreds of them (the replica's host and port come from the read-only secret).
            args.put(GlueJobArgs.SOURCE, source.name());
            args.put(GlueJobArgs.SOURCE_CONFIG, "s3://" + configBucket + "/" + Names.deployedSourceKey(source.name()));
            args.put(GlueJobArgs.TABLE, table.qualifiedName());
            args.put(GlueJobArgs.DB_SECRET, Names.readOnlySecretName(env, source.name()));
            args.put(GlueJobArgs.HMAC_SECRET, Names.hashingKeySecretName(env));
            args.put(GlueJobArgs.CURATED_LOCATION, "s3://" + curatedBucket);
            args.put(GlueJobArgs.REGION, stack.getRegion());
            args.put(GlueJobArgs.FULL_REFRESH, "false");
            CfnJob job = CfnJob.Builder.create(this, "Job-" + table.qualifiedName())
                    .name(jobName)
                    .role(role.getRoleArn())
                    .glueVersion(GLUE_VERSION)
                    .command(CfnJob.JobCommandProperty.builder()
                            .name("glueetl")
                            .scriptLocation(script.getS3ObjectUrl())
                            .build())
                    .workerType(glue.workerType())
                    .numberOfWorkers(glue.workers())
                    .timeout(glue.timeoutMinutes())
                    .maxRetries(glue.maxRetries())
                    .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(1).build())
                    .connections(CfnJob.ConnectionsListProperty.builder()
                            .connections(List.of(connection.getRef())).build())
                    .securityConfiguration(props.securityConfiguration())
                    .defaultArguments(args)
                    .build();
            if (glue.expectedRunMinutes() != TableConfig.GlueSettings.DEFAULT_EXPECTED_RUN_MINUTES) {
                Tags.of(job).add(TemplateCosts.EXPECTED_MINUTES_TAG, String.valueOf(glue.expectedRunMinutes()));
            }
            jobs.put(table.qualifiedName(), job);
        }
        GlueSchedules.triggers(source).forEach(trigger -> addTrigger(env, source.name(), trigger, props));
        // Once for the stack, not per job: the reason is the same for every job, and per-job metadata would be
        // most of the template's bytes at hundreds of tables.
        Acknowledge.awsSolutionsInStack(stack, "GL1", GLUE_SECURITY_REASON, null);
        Acknowledge.awsSolutionsInStack(stack, "GL3", GLUE_SECURITY_REASON, null);

        String catalog = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        List<String> catalogResources = new ArrayList<>(List.of(catalog + ":catalog"));
        databases.stream().distinct().sorted().forEach(db -> {
            catalogResources.add(catalog + ":database/" + db);
            catalogResources.add(catalog + ":table/" + db + "/*");
        });
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable", "glue:BatchCreatePartition"))
                .resources(catalogResources)
                .build());

        // One prefix, whatever the number of jobs: the pattern stays far inside EventBridge's 2,048 characters.
        Rule.Builder.create(this, "JobFailed")
                .description("A Glue ingestion job run of source " + source.name() + " failed, timed out or errored")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Job State Change"))
                        .detail(Map.of("jobName", List.of(Map.of("prefix", Names.glueJobNamePrefix(env, source.name()))),
                                "state", List.of("FAILED", "TIMEOUT", "ERROR")))
                        .build())
                .targets(List.of(new SnsTopic(props.defaults().alarmTopic())))
                .build();
        Acknowledge.awsSolutionsMatching(role, "IAM5", "Resource wildcards only: the objects under the source's own "
                + "curated prefix, the tables of the curated databases the jobs write, and the /aws-glue/ log groups Glue "
                + "names per job run.", List.of(
                "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*(Zone|ConfigBucket)[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                "^Resource::arn:<AWS::Partition>:glue:.*:table/.*/\\*$", "^Resource::arn:<AWS::Partition>:logs:.*:log-group:/aws-glue/\\*$"));
        Acknowledge.awsSolutions(role, "IAM4", "AWSGlueServiceRole is the documented base policy of a Glue job "
                + "role (its own logs, metrics and network interfaces).",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSGlueServiceRole"));
    }

    private void addTrigger(String env, String source, GlueSchedules.Trigger scheduled, GlueIngestionProps props) {
        CfnTrigger trigger = CfnTrigger.Builder.create(this, scheduled.id())
                .name("udong-" + env + "-" + source + "-" + scheduled.id())
                .description("Starts the Glue jobs of source " + source + " on " + scheduled.schedule())
                .type("SCHEDULED")
                .schedule(scheduled.schedule())
                .startOnCreation(true)
                .actions(scheduled.tables().stream().map(t -> CfnTrigger.ActionProperty.builder()
                        .jobName(jobs.get(t.qualifiedName()).getRef()).build()).toList())
                .build();
        // A run reads the source's deployed config; the first may start only once it is written.
        trigger.getNode().addDependency(props.config().resource());
    }

    private CfnConnection connection(GlueIngestionProps props, String database) {
        SourceConfig source = props.source();
        DatabaseAccess access = props.access();
        SecurityGroup sg = SecurityGroup.Builder.create(this, "ConnectionSecurityGroup")
                .vpc(props.vpc())
                .description("Glue workers reading " + source.name())
                .allowAllOutbound(false)
                .build();
        // Glue workers talk to each other on any port of their own security group.
        sg.addIngressRule(sg, Port.allTcp(), "Glue workers of the same job");
        sg.addEgressRule(sg, Port.allTcp(), "Glue workers of the same job");
        sg.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "S3, Glue, Secrets Manager and KMS over HTTPS");
        ISubnet subnet = props.vpc().selectSubnets(SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnets().get(0);
        CfnConnection connection = CfnConnection.Builder.create(this, "Connection")
                .catalogId(Stack.of(this).getAccount())
                .connectionInput(CfnConnection.ConnectionInputProperty.builder()
                        .name("udong-" + props.defaults().environment() + "-" + source.name() + "-replica")
                        .description("JDBC to the read replica of " + source.name())
                        .connectionType("JDBC")
                        .connectionProperties(Map.of(
                                "JDBC_CONNECTION_URL", "jdbc:mysql://" + access.host() + ":" + access.port() + "/" + database,
                                "SECRET_ID", access.readOnlySecret().getSecretName(),
                                "JDBC_ENFORCE_SSL", "true"))
                        .physicalConnectionRequirements(CfnConnection.PhysicalConnectionRequirementsProperty.builder()
                                .subnetId(subnet.getSubnetId())
                                .availabilityZone(subnet.getAvailabilityZone())
                                .securityGroupIdList(List.of(sg.getSecurityGroupId(), access.consumers().getSecurityGroupId()))
                                .build())
                        .build())
                .build();
        Acknowledge.cloudFormationRule(connection, "W3010", PlatformVpc.EXPLICIT_ZONES);
        return connection;
    }

    /** Jobs by {@code <db>.<table>}. */
    public Map<String, CfnJob> jobs() {
        return java.util.Collections.unmodifiableMap(jobs);
    }

    public Role role() {
        return role;
    }
}
