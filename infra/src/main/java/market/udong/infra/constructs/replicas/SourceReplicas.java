package market.udong.infra.constructs.replicas;

import market.udong.infra.constructs.monitoring.Alarms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import market.udong.core.config.Engine;
import market.udong.core.config.InstanceClasses;
import market.udong.core.config.SourceConfig;
import market.udong.core.cost.TemplateCosts;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.network.ServiceNetwork;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupEgress;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.AuroraMysqlClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraMysqlEngineVersion;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.CfnDBParameterGroup;
import software.amazon.awscdk.services.rds.IParameterGroup;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.CfnDBInstance;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceAttributes;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.IClusterEngine;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.IDatabaseInstance;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.MariaDbEngineVersion;
import software.amazon.awscdk.services.rds.MariaDbInstanceEngineProps;
import software.amazon.awscdk.services.rds.MySqlInstanceEngineProps;
import software.amazon.awscdk.services.rds.MysqlEngineVersion;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The read replicas of one source and what consumers need to use them.
 *
 * <ul>
 *   <li>The primary: imported (RDS instance or Aurora cluster) or, where the environment allows
 *       it, a small one created in the isolated subnets with automated backups (read replicas need
 *       them) and a generated admin secret.</li>
 *   <li>N replicas: RDS read replicas in the platform VPC's isolated subnets, or Aurora readers
 *       (promotion tier 15, so a failover never lands on them). Storage encryption, Performance
 *       Insights (KMS), enhanced monitoring, and deletion protection where data is retained.</li>
 *   <li>Two security groups: the replicas' own, which admits only members of the
 *       <em>consumers</em> group on the database port, and the consumers group that BI, the
 *       federated connector, DMS and Glue attach to their network interfaces.</li>
 *   <li>The read-only user's secret ({@code username}, {@code password}, {@code host},
 *       {@code port}, {@code engine}); the user itself is created on the primary with the SQL of
 *       {@link market.udong.core.replicas.ReadOnlyUser} (see docs/analytics.md).</li>
 *   <li>Where DMS reads the source (MySQL or MariaDB tables with {@code ingestion: dms}): binary
 *       logging on the first replica (automated backups on it, a parameter group with
 *       {@code binlog_format = ROW}, {@code binlog_row_image = FULL} and replica updates logged),
 *       and the DMS user's secret, so DMS reads the platform's own replica and never reaches into
 *       the service's network.</li>
 * </ul>
 *
 * <p>Readers added to an imported Aurora cluster live in the cluster's VPC and security groups;
 * the consumers group is admitted on the cluster's group instead, which needs the service VPC to be
 * peered with (or attached through a transit gateway to) the platform VPC.
 */
public final class SourceReplicas extends Construct {

    /** Enhanced monitoring granularity. */
    static final Duration MONITORING_INTERVAL = Duration.seconds(60);
    /** Major version of a MySQL primary the platform creates; RDS picks its default minor version. */
    static final String CREATED_MYSQL_VERSION = "8.4";
    /** Major version of a MariaDB primary the platform creates. */
    static final String CREATED_MARIADB_VERSION = "11.4";
    /** Aurora promotes readers with the lowest tier first; ours come last. */
    static final int READER_PROMOTION_TIER = 15;

    private final SourceConfig source;
    private final int port;
    private final SecurityGroup consumers;
    private final String readerEndpoint;
    private final Secret readOnlySecret;
    /** Why a major engine version passes although the validator's list holds only full versions. */
    static final String MAJOR_ENGINE_VERSION = "RDS takes a major version (8.4, 10.11) as EngineVersion and "
            + "creates the instance on that major version's default minor version, which automatic minor upgrades then "
            + "keep current (RDS API reference, CreateDBInstance, EngineVersion); the validator's schema lists full "
            + "versions only. A full version here would make every minor upgrade a template drift.";

    private ISecret createdPrimarySecret;
    private String createdPrimaryIdentifier;
    /** Per RDS replica its instance identifier; for Aurora the cluster identifier (one metric covers all readers). */
    private final List<String> rdsReplicaIds = new ArrayList<>();
    private String auroraClusterId;
    private String binaryLogHost;
    private Secret dmsSecret;

    public SourceReplicas(Construct scope, String id, SourceReplicasProps props) {
        super(scope, id);
        source = props.source();
        String env = props.defaults().environment();
        Engine engine = source.engine();
        port = source.existingPrimary().map(SourceConfig.Primary::port).orElse(defaultPort(engine));
        consumers = SecurityGroup.Builder.create(this, "ConsumersSecurityGroup")
                .vpc(props.vpc())
                .description("Members reach the " + source.name() + " read replicas (BI, federated connector, DMS, Glue)")
                .allowAllOutbound(false)
                .build();

        if (engine.isAurora() && !props.createsPrimary()) {
            readerEndpoint = addReadersToImportedCluster(props);
        } else {
            SecurityGroup replicaGroup = SecurityGroup.Builder.create(this, "ReplicaSecurityGroup")
                    .vpc(props.vpc())
                    .description("The " + source.name() + " read replicas: the database port from consumers only")
                    .allowAllOutbound(false)
                    .build();
            replicaGroup.addIngressRule(consumers, Port.tcp(port), "Consumers of the " + source.name() + " replicas");
            consumers.addEgressRule(replicaGroup, Port.tcp(port), "The " + source.name() + " replicas");
            props.biClients().ifPresent(bi -> admitBi(bi, replicaGroup.getSecurityGroupId(), "replicas"));
            readerEndpoint = engine.isAurora()
                    ? createAuroraCluster(props, replicaGroup)
                    : addRdsReplicas(props, replicaGroup);
        }
        readOnlySecret = userSecret("ReadOnlySecret", Names.readOnlySecretName(env, source.name()), Names.READ_ONLY_USER,
                readerEndpoint, "Read-only user of the " + source.name() + " replicas (BI, federated query, Glue)", props);
        Acknowledge.awsSolutions(readOnlySecret, "SMG4", READ_ONLY_ROTATION_REASON);
        Acknowledge.compliancePacks(readOnlySecret, "SecretsManagerRotationEnabled", READ_ONLY_ROTATION_REASON);
        if (source.dmsReadsReplica()) {
            dmsSecret = userSecret("DmsSecret", Names.dmsSecretName(env, source.name()), Names.DMS_USER, binaryLogHost,
                    "DMS user of the " + source.name() + " replica that keeps a binary log", props);
            Acknowledge.awsSolutions(dmsSecret, "SMG4", READ_ONLY_ROTATION_REASON);
            Acknowledge.compliancePacks(dmsSecret, "SecretsManagerRotationEnabled", READ_ONLY_ROTATION_REASON);
        }
    }


    /** A generated password for one of the source's database users, with the connection DMS and JDBC need. */
    private Secret userSecret(String id, String name, String user, String host, String description,
                              SourceReplicasProps props) {
        return Secret.Builder.create(this, id)
                .secretName(name)
                .description(description)
                .encryptionKey(props.key())
                .generateSecretString(SecretStringGenerator.builder()
                        // Sorted keys: a template that changed text would make CloudFormation generate a new password.
                        .secretStringTemplate(Stack.of(this).toJsonString(new TreeMap<>(Map.of(
                                "username", user,
                                "engine", source.engine().id(),
                                "host", host,
                                "port", port))))
                        .generateStringKey("password")
                        // Letters and digits only: the password goes into SQL and JDBC URLs unescaped.
                        .excludePunctuation(true)
                        .passwordLength(32)
                        .build())
                .removalPolicy(props.defaults().removalPolicy())
                .build();
    }

    private static final String READ_ONLY_ROTATION_REASON = "The read-only user lives on the service's primary, "
            + "which the platform cannot log in to; the service team rotates it by generating a new value here and "
            + "re-running the ReadOnlyUser SQL on the primary (docs/analytics.md). A rotation Lambda would need the "
            + "primary's admin credentials, which stay with the service team.";

    private String addRdsReplicas(SourceReplicasProps props, SecurityGroup replicaGroup) {
        String env = props.defaults().environment();
        IDatabaseInstance primary;
        IInstanceEngine engine = instanceEngine(source.engine(), props.createsPrimary());
        if (props.createsPrimary()) {
            primary = createRdsPrimary(props, engine);
        } else {
            SourceConfig.Primary existing = source.primary();
            primary = DatabaseInstance.fromDatabaseInstanceAttributes(this, "Primary", DatabaseInstanceAttributes.builder()
                    .instanceIdentifier(existing.instanceIdentifier())
                    .instanceEndpointAddress(existing.endpoint())
                    .port(port)
                    .securityGroups(List.of(SecurityGroup.fromSecurityGroupId(this, "PrimarySecurityGroup",
                            existing.securityGroupId(), SecurityGroupImportOptions.builder().mutable(false).build())))
                    .engine(engine)
                    .build());
        }
        String instanceClass = source.replicas().instanceClass();
        String first = null;
        for (int i = 1; i <= source.replicas().count(); i++) {
            boolean binaryLog = i == 1 && source.dmsReadsReplica();
            DatabaseInstanceReadReplica.Builder builder = DatabaseInstanceReadReplica.Builder.create(this, "Replica" + i)
                    .sourceDatabaseInstance(primary)
                    .instanceType(instanceType(instanceClass))
                    .vpc(props.vpc())
                    .vpcSubnets(isolated())
                    .securityGroups(List.of(replicaGroup))
                    .publiclyAccessible(false)
                    .multiAz(false)
                    // No storage encryption setting: a same-region replica inherits its source's encryption and
                    // key, and CloudFormation ignores StorageEncrypted next to SourceDBInstanceIdentifier.
                    .enablePerformanceInsights(supportsPerformanceInsights(instanceClass))
                    .performanceInsightEncryptionKey(supportsPerformanceInsights(instanceClass) ? props.key() : null)
                    .performanceInsightRetention(supportsPerformanceInsights(instanceClass) ? PerformanceInsightRetention.DEFAULT : null)
                    .monitoringInterval(MONITORING_INTERVAL)
                    .monitoringRole(props.monitoringRole())
                    .cloudwatchLogsExports(logExports(source.engine()))
                    .autoMinorVersionUpgrade(true)
                    .deletionProtection(props.defaults().retainsData())
                    .removalPolicy(props.defaults().removalPolicy());
            if (binaryLog) {
                // A MySQL replica writes a binary log once it has automated backups; DMS reads it for CDC.
                builder.backupRetention(Duration.days(1)).parameterGroup(binaryLogParameters(props));
            }
            DatabaseInstanceReadReplica replica = builder.build();
            if (!props.createsPrimary() && source.primary().engineVersion() != null) {
                // The replica runs its imported primary's version; bin/cost reads it here (Extended Support).
                Tags.of(replica).add(TemplateCosts.ENGINE_VERSION_TAG, source.primary().engineVersion());
            }
            acknowledgeReplica(replica, props);
            rdsReplicaIds.add(replica.getInstanceIdentifier());
            first = first == null ? replica.getDbInstanceEndpointAddress() : first;
        }
        binaryLogHost = first;
        return first;
    }

    /**
     * The parameter group of the replica DMS reads: the family of the primary's engine version
     * ({@code primaries.<env>.engineVersion}, or the version the platform creates), with what DMS
     * needs of a binary log (DMS User Guide, "Using a MySQL-compatible database as a source"), and
     * connections over TLS only.
     */
    private IParameterGroup binaryLogParameters(SourceReplicasProps props) {
        String family = (source.engine() == Engine.MARIADB ? "mariadb" : "mysql") + primaryMajorVersion(props);
        // TLS only: DMS (SslMode require), the Glue jobs (JDBC_ENFORCE_SSL) and the federated connector (Connector/J
        // prefers TLS) already use it; BI connects with SSL on (docs/analytics.md).
        Map<String, String> parameters = new TreeMap<>(Map.of("binlog_format", "ROW", "binlog_row_image", "full",
                "require_secure_transport", "1"));
        if (source.engine() == Engine.MARIADB) {
            // MariaDB replicas do not log the changes they replay unless told to; MySQL 8 does by default.
            parameters.put("log_slave_updates", "1");
        }
        CfnDBParameterGroup group = CfnDBParameterGroup.Builder.create(this, "BinaryLogParameters")
                .family(family)
                .description("Binary log of the " + source.name() + " replica that DMS reads")
                .parameters(parameters)
                .build();
        return ParameterGroup.fromParameterGroupName(this, "BinaryLogParameterGroup", group.getRef());
    }

    private String primaryMajorVersion(SourceReplicasProps props) {
        if (props.createsPrimary()) {
            return source.engine() == Engine.MARIADB ? CREATED_MARIADB_VERSION : CREATED_MYSQL_VERSION;
        }
        String version = source.primary().engineVersion();
        if (version == null) {
            // Config validation requires the version where DMS reads a replica; this is the backstop.
            throw new IllegalArgumentException("source '" + source.name() + "': DMS reads its replica, whose parameter "
                    + "group needs the primary's engine version; set primaries.<env>.engineVersion (e.g. \"8.0\")");
        }
        return version;
    }

    private DatabaseInstance createRdsPrimary(SourceReplicasProps props, IInstanceEngine engine) {
        SecurityGroup primaryGroup = SecurityGroup.Builder.create(this, "CreatedPrimarySecurityGroup")
                .vpc(props.vpc())
                .description("The created " + source.name() + " primary: no ingress until a loader is admitted")
                .allowAllOutbound(false)
                .build();
        createdPrimaryIdentifier = Names.createdPrimaryIdentifier(props.defaults().environment(), source.name());
        DatabaseInstance primary = DatabaseInstance.Builder.create(this, "Primary")
                .instanceIdentifier(createdPrimaryIdentifier)
                .engine(engine)
                .instanceType(instanceType(InstanceClasses.smallPrimaryClass(source.engine())))
                .vpc(props.vpc())
                .vpcSubnets(isolated())
                .securityGroups(List.of(primaryGroup))
                .port(port)
                .credentials(Credentials.fromGeneratedSecret("udong_admin", CredentialsBaseOptions.builder()
                        .secretName(Names.createdPrimarySecretName(props.defaults().environment(), source.name()))
                        .encryptionKey(props.key())
                        .build()))
                .storageEncrypted(true)
                .storageEncryptionKey(props.key())
                .allocatedStorage(20)
                .maxAllocatedStorage(100)
                // Read replicas need automated backups on their source.
                .backupRetention(Duration.days(1))
                .deleteAutomatedBackups(!props.defaults().retainsData())
                .multiAz(false)
                .publiclyAccessible(false)
                .monitoringInterval(MONITORING_INTERVAL)
                .monitoringRole(props.monitoringRole())
                .cloudwatchLogsExports(logExports(source.engine()))
                .autoMinorVersionUpgrade(true)
                .iamAuthentication(true)
                .deletionProtection(props.defaults().retainsData())
                .removalPolicy(props.defaults().removalPolicy())
                .build();
        createdPrimarySecret = primary.getSecret();
        acknowledgeCreatedPrimary(primary);
        Acknowledge.cloudFormationRule(primary, "E9006", MAJOR_ENGINE_VERSION);
        return primary;
    }

    private String createAuroraCluster(SourceReplicasProps props, SecurityGroup replicaGroup) {
        String readerClass = source.replicas().instanceClass();
        List<IClusterInstance> readers = new ArrayList<>();
        for (int i = 1; i <= source.replicas().count(); i++) {
            readers.add("db.serverless".equals(readerClass)
                    ? ClusterInstance.serverlessV2("Replica" + i, ServerlessV2ClusterInstanceProps.builder()
                            .enablePerformanceInsights(true).performanceInsightEncryptionKey(props.key())
                            .publiclyAccessible(false).build())
                    : ClusterInstance.provisioned("Replica" + i, ProvisionedClusterInstanceProps.builder()
                            .instanceType(instanceType(readerClass))
                            .promotionTier(READER_PROMOTION_TIER)
                            .enablePerformanceInsights(true)
                            .performanceInsightEncryptionKey(props.key())
                            .publiclyAccessible(false)
                            .build()));
        }
        createdPrimaryIdentifier = Names.createdPrimaryIdentifier(props.defaults().environment(), source.name());
        DatabaseCluster cluster = DatabaseCluster.Builder.create(this, "Primary")
                .clusterIdentifier(createdPrimaryIdentifier)
                .engine(clusterEngine(source.engine()))
                .writer(ClusterInstance.provisioned("Writer", ProvisionedClusterInstanceProps.builder()
                        .instanceType(instanceType(InstanceClasses.smallPrimaryClass(source.engine())))
                        .publiclyAccessible(false)
                        .enablePerformanceInsights(true)
                        .performanceInsightEncryptionKey(props.key())
                        .build()))
                .readers(readers)
                .vpc(props.vpc())
                .vpcSubnets(isolated())
                .securityGroups(List.of(replicaGroup))
                .port(port)
                .credentials(Credentials.fromGeneratedSecret("udong_admin", CredentialsBaseOptions.builder()
                        .secretName(Names.createdPrimarySecretName(props.defaults().environment(), source.name()))
                        .encryptionKey(props.key())
                        .build()))
                .storageEncrypted(true)
                .storageEncryptionKey(props.key())
                .backup(BackupProps.builder().retention(Duration.days(1)).build())
                .monitoringInterval(MONITORING_INTERVAL)
                .monitoringRole(props.monitoringRole())
                .cloudwatchLogsExports(logExports(source.engine()))
                .iamAuthentication(true)
                .deletionProtection(props.defaults().retainsData())
                .removalPolicy(props.defaults().removalPolicy())
                .build();
        createdPrimarySecret = cluster.getSecret();
        auroraClusterId = createdPrimaryIdentifier;
        acknowledgeCreatedPrimary(cluster);
        return cluster.getClusterReadEndpoint().getHostname();
    }

    private String addReadersToImportedCluster(SourceReplicasProps props) {
        SourceConfig.Primary existing = source.primary();
        // The readers are instances of the cluster, in the service's VPC: the rules cross the connection config names.
        ServiceNetwork network = props.primaryNetwork().orElseThrow(() -> new IllegalStateException("source '"
                + source.name() + "' adds readers to a cluster in another VPC without a connection to it; config "
                + "validation should have refused it"));
        network.connect(this, "ClusterConsumers", consumers.getSecurityGroupId(), existing.securityGroupId(), port,
                "Consumers of the " + source.name() + " readers");
        props.biClients().ifPresent(bi -> network.connect(this, "ClusterBi", bi.getSecurityGroupId(),
                existing.securityGroupId(), port, "The BI tool"));
        String readerEndpoint = existing.endpoint().replace(".cluster-", ".cluster-ro-");
        auroraClusterId = existing.clusterIdentifier();
        String instanceClass = source.replicas().instanceClass();
        for (int i = 1; i <= source.replicas().count(); i++) {
            // The L2 cannot add instances to an imported cluster; a reader is an instance that names its cluster.
            CfnDBInstance reader = CfnDBInstance.Builder.create(this, "Replica" + i)
                    .dbClusterIdentifier(existing.clusterIdentifier())
                    .engine(source.engine() == Engine.AURORA_MYSQL ? "aurora-mysql" : "aurora-postgresql")
                    .dbInstanceClass(instanceClass)
                    .promotionTier(READER_PROMOTION_TIER)
                    .publiclyAccessible(false)
                    .enablePerformanceInsights(true)
                    .performanceInsightsKmsKeyId(props.key().getKeyArn())
                    .performanceInsightsRetentionPeriod(7)
                    .monitoringInterval(MONITORING_INTERVAL.toSeconds())
                    .monitoringRoleArn(props.monitoringRole().getRoleArn())
                    .autoMinorVersionUpgrade(true)
                    .build();
            reader.applyRemovalPolicy(props.defaults().removalPolicy());
            Acknowledge.compliancePacks(reader, "RDSInBackupPlan", "Aurora backs up the cluster's shared storage, not "
                    + "its readers; the service team's cluster backups cover recovery, and a reader holds nothing of its own.");
        }
        return readerEndpoint;
    }

    /**
     * Lets the BI tool's group (Network stack) reach the database group on the port. Both rules are
     * resources of this stack, written directly: CDK would put the egress rule in the BI group's
     * stack, which must not depend on a source.
     */
    private void admitBi(ISecurityGroup bi, String databaseGroupId, String what) {
        CfnSecurityGroupIngress.Builder.create(this, "BiIngress")
                .groupId(databaseGroupId)
                .sourceSecurityGroupId(bi.getSecurityGroupId())
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .description("The BI tool")
                .build();
        CfnSecurityGroupEgress.Builder.create(this, "BiEgress")
                .groupId(bi.getSecurityGroupId())
                .destinationSecurityGroupId(databaseGroupId)
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .description("The " + source.name() + " " + what)
                .build();
    }

    /** Why a replica template carries no storage encryption setting. */
    static final String INHERITED_ENCRYPTION = "A same-Region read replica inherits its source's storage encryption "
            + "and KMS key (RDS User Guide, Working with read replicas; CloudFormation ignores StorageEncrypted next to "
            + "SourceDBInstanceIdentifier, validator rule F3020). The service's primary must be encrypted; docs/deploy.md "
            + "lists it among the prerequisites, and created primaries are.";

    private void acknowledgeReplica(Construct replica, SourceReplicasProps props) {
        Acknowledge.awsSolutions(replica, "RDS2", INHERITED_ENCRYPTION);
        Acknowledge.compliancePacks(replica, "RDSStorageEncrypted", INHERITED_ENCRYPTION);
        Acknowledge.compliancePacks(replica, "RDSMultiAZSupport", "A read replica is a disposable copy for analytics; "
                + "the service's primary is the system of record and carries its own Multi-AZ setting. A lost replica is "
                + "recreated from the primary.");
        Acknowledge.awsSolutions(replica, "RDS3", "A read replica is a disposable copy for analytics; the primary is the "
                + "system of record and carries its own Multi-AZ setting.");
        Acknowledge.compliancePacks(replica, "RDSInBackupPlan", "Read replicas hold no data of their own: they are "
                + "rebuilt from the primary, whose automated backups (and the service team's backup plan) cover recovery.");
        Acknowledge.compliancePacks(replica, "RDSInstanceBackupEnabled", "Read replicas hold no data of their own: "
                + "they are rebuilt from the primary, whose automated backups cover recovery.");
        Acknowledge.awsSolutions(replica, "RDS11", "A replica listens on its primary's port, which the service chose; "
                + "the security group admits only the platform's consumers on it.");
        if (!props.defaults().retainsData()) {
            Acknowledge.compliancePacks(replica, "RDSInstanceDeletionProtectionEnabled", "Deletion protection is on in "
                    + "environments that retain data (prod); here replicas are disposable copies rebuilt from the primary.");
            Acknowledge.awsSolutions(replica, "RDS10", "Deletion protection is on in environments that retain data "
                    + "(prod); here replicas are disposable copies rebuilt from the primary.");
        }
    }

    private void acknowledgeCreatedPrimary(Construct primary) {
        String devOnly = "This primary exists only in standalone environments that may be destroyed (features."
                + "createPrimaries, never where data is retained); it holds synthetic data so the environment stands alone.";
        Acknowledge.compliancePacks(primary, "RDSMultiAZSupport", devOnly);
        Acknowledge.awsSolutions(primary, "RDS3", devOnly);
        Acknowledge.compliancePacks(primary, "RDSInBackupPlan", devOnly + " Automated backups (1 day) serve the replicas.");
        Acknowledge.compliancePacks(primary, "RDSInstanceDeletionProtectionEnabled", devOnly);
        Acknowledge.awsSolutions(primary, "RDS10", devOnly);
        Acknowledge.awsSolutions(primary, "RDS11", devOnly + " It keeps the engine's default port like the services' primaries.");
        Acknowledge.awsSolutions(primary, "SMG4", devOnly + " Its admin secret is regenerated with the environment.");
        Acknowledge.compliancePacks(primary, "SecretsManagerRotationEnabled", devOnly + " Its admin secret is regenerated "
                + "with the environment.");
        Acknowledge.compliancePacks(primary, "RDSLoggingEnabled", devOnly + " Error, general and slow-query logs are "
                + "exported; the audit log needs an engine-version-specific option group not worth keeping for synthetic data.");
        Acknowledge.awsSolutions(primary, "RDS14", devOnly + " Backtracking is not needed for synthetic data.");
    }

    private static boolean supportsPerformanceInsights(String instanceClass) {
        // RDS MySQL, MariaDB and PostgreSQL offer no Performance Insights on micro and small classes.
        return !(instanceClass.endsWith(".micro") || instanceClass.endsWith(".small"));
    }

    private static SubnetSelection isolated() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }

    /** CDK instance types omit the {@code db.} prefix the config uses. */
    private static InstanceType instanceType(String instanceClass) {
        return new InstanceType(instanceClass.startsWith("db.") ? instanceClass.substring(3) : instanceClass);
    }

    static int defaultPort(Engine engine) {
        return engine.isMysqlCompatible() ? 3306 : 5432;
    }

    static List<String> logExports(Engine engine) {
        return switch (engine) {
            case MYSQL, MARIADB -> List.of("error", "general", "slowquery");
            case AURORA_MYSQL -> List.of("audit", "error", "general", "slowquery");
            case POSTGRES -> List.of("postgresql", "upgrade");
            case AURORA_POSTGRES -> List.of("postgresql");
        };
    }

    /**
     * The engine of a replica's primary. Replicas of an imported primary follow its version, so
     * only the engine type is named; a created primary gets the engine's current major version
     * and RDS picks the default minor version.
     */
    private static IInstanceEngine instanceEngine(Engine engine, boolean created) {
        return switch (engine) {
            case MYSQL -> created ? DatabaseInstanceEngine.mysql(MySqlInstanceEngineProps.builder()
                    .version(MysqlEngineVersion.of(CREATED_MYSQL_VERSION, CREATED_MYSQL_VERSION)).build()) : DatabaseInstanceEngine.MYSQL;
            case MARIADB -> created ? DatabaseInstanceEngine.mariaDb(MariaDbInstanceEngineProps.builder()
                    .version(MariaDbEngineVersion.of(CREATED_MARIADB_VERSION, CREATED_MARIADB_VERSION)).build()) : DatabaseInstanceEngine.MARIADB;
            case POSTGRES -> created ? DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                    .version(PostgresEngineVersion.of("17", "17")).build()) : DatabaseInstanceEngine.POSTGRES;
            default -> throw new IllegalArgumentException(engine.id() + " is an Aurora engine; it has clusters, not instances");
        };
    }

    private static IClusterEngine clusterEngine(Engine engine) {
        return switch (engine) {
            case AURORA_MYSQL -> DatabaseClusterEngine.auroraMysql(AuroraMysqlClusterEngineProps.builder()
                    .version(AuroraMysqlEngineVersion.VER_3_09_0).build());
            case AURORA_POSTGRES -> DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                    .version(AuroraPostgresEngineVersion.VER_16_6).build());
            default -> throw new IllegalArgumentException(engine.id() + " is not an Aurora engine");
        };
    }

    public SourceConfig source() {
        return source;
    }

    /** Members of this group reach the replicas on {@link #port()}: attach it to a consumer's network interfaces. */
    public ISecurityGroup consumers() {
        return consumers;
    }

    /** The database port of the primary and its replicas. */
    public int port() {
        return port;
    }

    /** The host consumers read from: the first replica, or the Aurora cluster's reader endpoint. */
    public String readerEndpoint() {
        return readerEndpoint;
    }

    /** Secret of the read-only user: JSON with username, password, host, port and engine. */
    public ISecret readOnlySecret() {
        return readOnlySecret;
    }

    /**
     * Alarms when a replica falls more than {@code maxLag} behind its primary for 15 minutes: BI and
     * federated queries would read stale data. RDS replicas: {@code ReplicaLag} (seconds) per replica;
     * Aurora: {@code AuroraReplicaLagMaximum} (milliseconds) of the cluster, the worst of its readers.
     */
    public void addLagAlarms(ITopic topic, Duration maxLag) {
        for (int i = 0; i < rdsReplicaIds.size(); i++) {
            lagAlarm("Replica" + (i + 1) + "LagAlarm", "Read replica " + (i + 1) + " of " + source.name(),
                    Alarms.maximum("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", rdsReplicaIds.get(i))),
                    maxLag.toSeconds(), topic);
        }
        if (auroraClusterId != null) {
            lagAlarm("ReadersLagAlarm", "An Aurora reader of " + source.name(),
                    Alarms.maximum("AWS/RDS", "AuroraReplicaLagMaximum", Map.of("DBClusterIdentifier", auroraClusterId)),
                    maxLag.toMilliseconds(), topic);
        }
    }

    private void lagAlarm(String id, String who, Metric metric, Number threshold, ITopic topic) {
        Alarms.sustainedAbove(this, id, who + " is behind its primary by more than the platform's limit; BI and "
                + "federated queries read stale data", metric, threshold, TreatMissingData.MISSING, topic);
    }

    /**
     * The instance identifier (RDS) or cluster identifier (Aurora) of the primary this construct
     * creates; empty where the primary is imported from config.
     */
    public Optional<String> createdPrimaryIdentifier() {
        return Optional.ofNullable(createdPrimaryIdentifier);
    }

    /**
     * What DMS reads where the source's replica keeps a binary log ({@link SourceConfig#dmsReadsReplica}): the first
     * replica, with the DMS user's secret, reached as a member of the consumers group. Empty otherwise.
     */
    public Optional<market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase> binaryLogDatabase() {
        if (dmsSecret == null) {
            return Optional.empty();
        }
        return Optional.of(new market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase(binaryLogHost, port,
                dmsSecret.getSecretArn(), new market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase.AsConsumer(consumers)));
    }

    /** The created primary's admin secret; null where the primary is imported. */
    public ISecret createdPrimarySecret() {
        return createdPrimarySecret;
    }
}
