package market.udong.infra.constructs.ingestion.glue;

import market.udong.infra.constructs.common.SecretAccess;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.TableConfigJson;
import market.udong.core.config.Ingestion;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.GlueJobArgs;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Stack;
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
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The Glue (Spark) ingestion path: for every table with {@code ingestion: glue}, a Glue 5.0 job
 * running the Java {@code TableIngestJob} with the table's own worker type and count, a
 * schedule, and an alarm on failed runs; per source, a JDBC connection in a private subnet
 * that the replica admits. Jobs write encrypted logs, bookmarks and data (one security
 * configuration) and their role may touch only the curated zone, the two secrets and the
 * catalog entries of its own databases.
 */
public final class GlueIngestion extends Construct {

    /** Glue version of every job (Spark 3.5.4, Java 17). */
    public static final String GLUE_VERSION = "5.0";

    private final Map<String, CfnJob> jobs = new HashMap<>();
    private final Role role;

    public GlueIngestion(Construct scope, String id, GlueIngestionProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String prefix = "udong-" + props.envName();

        role = Role.Builder.create(this, "JobRole")
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Runs the Glue ingestion jobs of " + props.envName())
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSGlueServiceRole")))
                .build();
        Asset jar = Asset.Builder.create(this, "JobJar").path(props.jobJar().toString()).build();
        Asset script = Asset.Builder.create(this, "EntryScript").path(props.entryScript().toString()).build();
        jar.grantRead(role);
        script.grantRead(role);
        props.curated().grantReadWrite(role);
        SecretAccess.grantRead(role, props.hashingKey(), props.key());
        props.key().grantEncryptDecrypt(role);
        props.key().grantEncryptDecrypt(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com"));
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:AssociateKmsKey"))
                .resources(List.of("arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":log-group:/aws-glue/*"))
                .build());

        CfnSecurityConfiguration security = CfnSecurityConfiguration.Builder.create(this, "SecurityConfiguration")
                .name(prefix + "-glue-jobs")
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-KMS").kmsKeyArn(props.key().getKeyArn()).build()))
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(props.key().getKeyArn()).build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS").kmsKeyArn(props.key().getKeyArn()).build())
                        .build())
                .build();

        List<String> jobNames = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        for (SourceConfig source : props.sources()) {
            List<TableConfig> tables = source.tablesUsing(Ingestion.GLUE);
            if (tables.isEmpty()) {
                continue;
            }
            DatabaseAccess access = props.access().get(source.name());
            SecretAccess.grantRead(role, access.readOnlySecret(), access.readOnlySecret().getEncryptionKey());
            CfnConnection connection = connection(props, source, tables.get(0).database(), access, prefix);
            for (TableConfig table : tables) {
                String jobName = prefix + "-" + source.name() + "-" + CatalogNames.table(table.name()).replace('_', '-');
                databases.add(CatalogNames.curatedDatabase(table.database()));
                TableConfig.GlueSettings glue = table.glue() == null
                        ? new TableConfig.GlueSettings(null, null, null, null, null, null, null, null) : table.glue();
                Map<String, String> args = new HashMap<>();
                args.put("--job-language", "scala");
                args.put("--class", GlueJobArgs.JOB_CLASS);
                args.put("--extra-jars", jar.getS3ObjectUrl());
                args.put("--job-bookmark-option", "job-bookmark-disable");
                args.put("--enable-metrics", "true");
                args.put("--enable-observability-metrics", "true");
                args.put("--enable-continuous-cloudwatch-log", "true");
                args.put(GlueJobArgs.SOURCE, source.name());
                args.put(GlueJobArgs.ENGINE, source.engine().id());
                args.put(GlueJobArgs.TABLE_CONFIG, TableConfigJson.write(table));
                args.put(GlueJobArgs.REPLICA_HOST, access.host());
                args.put(GlueJobArgs.REPLICA_PORT, Integer.toString(access.port()));
                args.put(GlueJobArgs.DB_SECRET, access.readOnlySecret().getSecretArn());
                args.put(GlueJobArgs.HMAC_SECRET, props.hashingKey().getSecretArn());
                args.put(GlueJobArgs.CURATED_LOCATION, "s3://" + props.curated().getBucketName());
                args.put(GlueJobArgs.REGION, stack.getRegion());
                args.put(GlueJobArgs.FULL_REFRESH, "false");
                String jobId = "Job-" + source.name() + "-" + table.name();
                CfnJob job = CfnJob.Builder.create(this, jobId)
                        .name(jobName)
                        .description("Ingests " + table.qualifiedName() + " of source " + source.name() + " into the curated zone")
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
                        .securityConfiguration(security.getRef())
                        .defaultArguments(args)
                        .build();
                jobs.put(source.name() + "." + table.qualifiedName(), job);
                jobNames.add(jobName);
                CfnTrigger.Builder.create(this, "Schedule-" + source.name() + "-" + table.name())
                        .name(jobName + "-schedule")
                        .type("SCHEDULED")
                        .schedule(glue.schedule())
                        .startOnCreation(true)
                        .actions(List.of(CfnTrigger.ActionProperty.builder().jobName(job.getRef()).build()))
                        .build();
            }
        }
        String catalog = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        List<String> catalogResources = new ArrayList<>(List.of(catalog + ":catalog"));
        databases.stream().distinct().sorted().forEach(db -> {
            catalogResources.add(catalog + ":database/" + db);
            catalogResources.add(catalog + ":table/" + db + "/*");
        });
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable",
                        "glue:GetPartition", "glue:GetPartitions", "glue:CreatePartition", "glue:BatchCreatePartition",
                        "glue:UpdatePartition"))
                .resources(catalogResources)
                .build());

        if (!jobNames.isEmpty()) {
            Rule.Builder.create(this, "JobFailed")
                    .description("A Glue ingestion job run failed, timed out or errored")
                    .eventPattern(EventPattern.builder()
                            .source(List.of("aws.glue"))
                            .detailType(List.of("Glue Job State Change"))
                            .detail(Map.of("jobName", jobNames, "state", List.of("FAILED", "TIMEOUT", "ERROR")))
                            .build())
                    .targets(List.of(new SnsTopic(props.alarms())))
                    .build();
        }
        Acknowledge.awsSolutionsMatching(role, "IAM5", "Wildcards come from CDK grant methods (objects of the "
                + "curated bucket, the job's asset objects, S3 and KMS action families), the tables of the curated "
                + "databases the jobs write, and the /aws-glue/ log groups Glue names per job run.", List.of(
                "^Action::s3:.*\\*$", "^Action::kms:.*\\*$", "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*Zone[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                "^Resource::arn:<AWS::Partition>:glue:.*:table/.*/\\*$", "^Resource::arn:<AWS::Partition>:logs:.*:log-group:/aws-glue/\\*$",
                "^Resource::arn:<AWS::Partition>:s3:::cdk-.*-assets-.*/\\*$"));
        Acknowledge.awsSolutions(role, "IAM4", "AWSGlueServiceRole is the documented base policy of a Glue job "
                + "role (its own logs, metrics and network interfaces).",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSGlueServiceRole"));
    }

    private CfnConnection connection(GlueIngestionProps props, SourceConfig source, String database,
                                     DatabaseAccess access, String prefix) {
        SecurityGroup sg = SecurityGroup.Builder.create(this, "ConnectionSecurityGroup-" + source.name())
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
        return CfnConnection.Builder.create(this, "Connection-" + source.name())
                .catalogId(Stack.of(this).getAccount())
                .connectionInput(CfnConnection.ConnectionInputProperty.builder()
                        .name(prefix + "-" + source.name() + "-replica")
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
    }

    /** Jobs by {@code <source>.<db>.<table>}. */
    public Map<String, CfnJob> jobs() {
        return Map.copyOf(jobs);
    }

    public Role role() {
        return role;
    }
}
