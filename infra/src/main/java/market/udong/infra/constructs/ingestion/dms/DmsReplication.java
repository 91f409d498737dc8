package market.udong.infra.constructs.ingestion.dms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.Engine;
import market.udong.core.config.LakeZone;
import market.udong.core.config.MigrationType;
import market.udong.core.config.SourceConfig;
import market.udong.core.dms.DmsS3TargetSettings;
import market.udong.core.dms.TableMappings;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dms.CfnEndpoint;
import software.amazon.awscdk.services.dms.CfnReplicationInstance;
import software.amazon.awscdk.services.dms.CfnReplicationSubnetGroup;
import software.amazon.awscdk.services.dms.CfnReplicationTask;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * DMS replication of one source's {@code ingestion: dms} tables into the raw zone: a subnet group
 * in the private subnets, a replication instance (size and Multi-AZ from {@code dms}, KMS,
 * never public), a source endpoint authenticated through Secrets Manager, an S3 target endpoint
 * writing Parquet under {@code dms/<source>/} with SSE-KMS, and a replication task whose table
 * mappings come from config ({@link TableMappings}).
 *
 * <p>Deploys keep the task running: a {@code Pause} custom resource stops the instance's tasks
 * before the endpoints or the task change (DMS modifies stopped tasks only), and a {@code Start}
 * resource starts the new task or resumes the changed one afterwards. Both carry a fingerprint of
 * everything the endpoints and the task are built from, so CloudFormation calls them exactly
 * when something changes. A stopped or failed task notifies the alarm topic.
 *
 * <p>The instance, endpoints and task have no fixed names, so CloudFormation can replace them
 * (a replaced task is started, and the task it replaces stopped, by the {@code Start} resource);
 * tags name their source.
 */
public final class DmsReplication extends Construct {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** DMS task settings: task logs in CloudWatch Logs (through {@code dms-cloudwatch-logs-role}). */
    static final String TASK_SETTINGS = "{\"Logging\":{\"EnableLogging\":true}}";

    private final CfnReplicationInstance instance;
    private final CfnEndpoint sourceEndpoint;
    private final CfnEndpoint targetEndpoint;
    private final CfnReplicationTask task;
    private final SecurityGroup securityGroup;
    private final String fingerprint;

    public DmsReplication(Construct scope, String id, DmsReplicationProps props) {
        super(scope, id);
        SourceConfig source = props.source();
        SourceConfig.Dms dms = source.dms();
        Stack stack = Stack.of(this);

        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("DMS replication instance of source " + source.name())
                .allowAllOutbound(false)
                .build();
        List<String> instanceGroups = new java.util.ArrayList<>(List.of(securityGroup.getSecurityGroupId()));
        if (props.database().access() instanceof DmsSourceDatabase.AsConsumer consumer) {
            instanceGroups.add(consumer.consumers().getSecurityGroupId());
        } else if (props.database().access() instanceof DmsSourceDatabase.ThroughSecurityGroup outside) {
            outside.network().connect(this, "Database", securityGroup.getSecurityGroupId(), outside.securityGroupId(),
                    props.database().port(), "DMS replication instance of " + source.name());
        }
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "S3, Secrets Manager and KMS over HTTPS");

        CfnReplicationSubnetGroup subnetGroup = CfnReplicationSubnetGroup.Builder.create(this, "SubnetGroup")
                .replicationSubnetGroupDescription("Private subnets of the DMS replication instance of " + source.name())
                .subnetIds(props.vpc().selectSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnetIds())
                .build();
        instance = CfnReplicationInstance.Builder.create(this, "Resource")
                .replicationInstanceClass(dms.instanceClass())
                .allocatedStorage(dms.allocatedStorageGb())
                .multiAz(dms.multiAz())
                .publiclyAccessible(false)
                .kmsKeyId(props.lake().key().getKeyArn())
                .replicationSubnetGroupIdentifier(subnetGroup.getRef())
                .vpcSecurityGroupIds(instanceGroups)
                .autoMinorVersionUpgrade(true)
                .build();
        props.accountRoles().ifPresent(roles -> {
            subnetGroup.getNode().addDependency(roles);
            instance.getNode().addDependency(roles);
        });

        Role secretsRole = Role.Builder.create(this, "SecretsAccessRole")
                // DMS assumes the secrets-access role through its regional service principal.
                .assumedBy(new ServicePrincipal("dms." + stack.getRegion() + ".amazonaws.com"))
                .description("Lets DMS read the connection secret of source " + source.name())
                .build();
        secretsRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                .resources(List.of(props.database().secretArn()))
                .build());
        Acknowledge.grantedInlinePolicy(secretsRole);
        sourceEndpoint = CfnEndpoint.Builder.create(this, "SourceEndpoint")
                .endpointType("source")
                .engineName(engineName(source.engine()))
                .sslMode("require")
                .kmsKeyId(props.lake().key().getKeyArn())
                .build();
        if (source.engine().isMysqlCompatible()) {
            sourceEndpoint.setMySqlSettings(CfnEndpoint.MySqlSettingsProperty.builder()
                    .secretsManagerSecretId(props.database().secretArn())
                    .secretsManagerAccessRoleArn(secretsRole.getRoleArn())
                    .build());
        } else {
            sourceEndpoint.setDatabaseName(TableMappings.sourceDatabase(source).orElseThrow());
            sourceEndpoint.setPostgreSqlSettings(CfnEndpoint.PostgreSqlSettingsProperty.builder()
                    .secretsManagerSecretId(props.database().secretArn())
                    .secretsManagerAccessRoleArn(secretsRole.getRoleArn())
                    .build());
        }

        String folder = DmsS3TargetSettings.bucketFolder(source.name());
        Role targetRole = Role.Builder.create(this, "TargetAccessRole")
                .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                .description("Lets DMS write source " + source.name() + " under " + Names.rawDmsPrefix(source.name())
                        + " in the raw bucket")
                .build();
        targetRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"))
                .resources(List.of(props.lake().bucket(LakeZone.RAW).arnForObjects(Names.rawDmsPrefix(source.name()) + "*")))
                .build());
        targetRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(props.lake().bucket(LakeZone.RAW).getBucketArn()))
                .build());
        props.lake().key().grant(targetRole, "kms:GenerateDataKey", "kms:Decrypt");
        Acknowledge.awsSolutions(targetRole, "IAM5", "DMS names its full-load and CDC files at run time under the "
                        + "source's own prefix dms/" + source.name() + "/ of the raw bucket; the role reaches nothing else.",
                List.of(Acknowledge.attributeResource(props.lake().bucket(LakeZone.RAW), "Arn", "/" + Names.rawDmsPrefix(source.name()) + "*")));
        Acknowledge.grantedInlinePolicy(targetRole);
        DmsS3TargetSettings s3 = DmsS3TargetSettings.of(source);
        targetEndpoint = CfnEndpoint.Builder.create(this, "TargetEndpoint")
                .endpointType("target")
                .engineName("s3")
                .kmsKeyId(props.lake().key().getKeyArn())
                .s3Settings(CfnEndpoint.S3SettingsProperty.builder()
                        .bucketName(props.lake().bucket(LakeZone.RAW).getBucketName())
                        .bucketFolder(folder)
                        .serviceAccessRoleArn(targetRole.getRoleArn())
                        .expectedBucketOwner(stack.getAccount())
                        .dataFormat(s3.dataFormat())
                        .parquetVersion(s3.parquetVersion())
                        .compressionType(s3.compressionType())
                        .enableStatistics(s3.enableStatistics())
                        .parquetTimestampInMillisecond(s3.parquetTimestampInMillisecond())
                        .includeOpForFullLoad(s3.includeOpForFullLoad())
                        .cdcInsertsOnly(s3.cdcInsertsOnly())
                        .cdcInsertsAndUpdates(s3.cdcInsertsAndUpdates())
                        .timestampColumnName(s3.timestampColumnName())
                        .useTaskStartTimeForFullLoadTimestamp(s3.useTaskStartTimeForFullLoadTimestamp())
                        .datePartitionEnabled(s3.datePartitionEnabled())
                        .datePartitionSequence(s3.datePartitionSequence())
                        .datePartitionDelimiter(s3.datePartitionDelimiter())
                        .encryptionMode(s3.encryptionMode())
                        .serverSideEncryptionKmsKeyId(props.lake().key().getKeyArn())
                        .cdcMaxBatchInterval(s3.cdcMaxBatchInterval())
                        .cdcMinFileSize(s3.cdcMinFileSize())
                        .build())
                .build();

        String mappings = TableMappings.of(source).toJson();
        fingerprint = fingerprint(source, mappings, s3);
        Map<String, Object> pauseProperties = new LinkedHashMap<>();
        pauseProperties.put("Action", "Pause");
        pauseProperties.put("ReplicationInstanceArn", instance.getRef());
        pauseProperties.putAll(changeInputs(props));
        CustomResource pause = CustomResource.Builder.create(this, "TaskPause")
                .serviceToken(props.taskControl().getFunctionArn())
                .resourceType(DmsTaskControl.RESOURCE_TYPE)
                .properties(pauseProperties)
                .build();
        sourceEndpoint.getNode().addDependency(pause);
        targetEndpoint.getNode().addDependency(pause);
        // DMS reads the secret and writes the bucket through these roles from the first task run on.
        sourceEndpoint.getNode().addDependency(secretsRole);
        targetEndpoint.getNode().addDependency(targetRole);

        task = CfnReplicationTask.Builder.create(this, "Task")
                .migrationType(dms.migrationType().id())
                .replicationInstanceArn(instance.getRef())
                .sourceEndpointArn(sourceEndpoint.getRef())
                .targetEndpointArn(targetEndpoint.getRef())
                .tableMappings(mappings)
                .replicationTaskSettings(TASK_SETTINGS)
                .build();
        task.getNode().addDependency(pause);

        Map<String, Object> startProperties = new LinkedHashMap<>();
        startProperties.put("Action", "Start");
        startProperties.put("ReplicationTaskArn", task.getRef());
        startProperties.putAll(changeInputs(props));
        CustomResource.Builder.create(this, "TaskStart")
                .serviceToken(props.taskControl().getFunctionArn())
                .resourceType(DmsTaskControl.RESOURCE_TYPE)
                .properties(startProperties)
                .build();

        // A full-load task stops by design when the load is done; only a failure is news then.
        List<String> alarming = dms.migrationType() == MigrationType.FULL_LOAD
                ? List.of("REPLICATION_TASK_FAILED")
                : List.of("REPLICATION_TASK_FAILED", "REPLICATION_TASK_STOPPED");
        Rule.Builder.create(this, "TaskStateRule")
                .description("Notifies the alarm topic when the DMS task of source " + source.name() + " stops or fails")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.dms"))
                        .detailType(List.of("DMS Replication Task State Change"))
                        .resources(List.of(task.getRef()))
                        .detail(Map.of("eventType", alarming))
                        .build())
                .targets(List.of(new SnsTopic(props.alarmTopic())))
                .build();
    }

    /** What besides the fingerprint makes the control resources run: deploy-time values of other stacks. */
    private Map<String, Object> changeInputs(DmsReplicationProps props) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("Fingerprint", fingerprint);
        inputs.put("SourceDatabase", props.database().host() + ":" + props.database().port());
        inputs.put("SourceSecretArn", props.database().secretArn());
        return inputs;
    }

    /**
     * SHA-256 of everything from config a source's endpoints, instance and task are built from; the
     * control resources carry it, so CloudFormation pauses and restarts the task exactly when it changes.
     */
    public static String fingerprintOf(SourceConfig source) {
        return fingerprint(source, TableMappings.of(source).toJson(), DmsS3TargetSettings.of(source));
    }

    private static String fingerprint(SourceConfig source, String mappings, DmsS3TargetSettings s3) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("engine", source.engine().id());
        inputs.put("dms", source.dms());
        inputs.put("tableMappings", mappings);
        inputs.put("taskSettings", TASK_SETTINGS);
        inputs.put("s3", s3);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(inputs)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the DMS settings of " + source.name(), e);
        }
    }

    /** DMS's engine name of a source engine. */
    static String engineName(Engine engine) {
        return switch (engine) {
            case MYSQL -> "mysql";
            case MARIADB -> "mariadb";
            case POSTGRES -> "postgres";
            case AURORA_MYSQL -> "aurora";
            case AURORA_POSTGRES -> "aurora-postgresql";
        };
    }

    public CfnReplicationInstance instance() {
        return instance;
    }

    public CfnEndpoint sourceEndpoint() {
        return sourceEndpoint;
    }

    public CfnEndpoint targetEndpoint() {
        return targetEndpoint;
    }

    public CfnReplicationTask task() {
        return task;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    /** SHA-256 of the config the endpoints and the task are built from. */
    public String fingerprint() {
        return fingerprint;
    }
}
