package market.udong.infra.constructs.analytics;

import market.udong.infra.constructs.common.LogRetention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Metabase, the BI tool, for staff who browse live-ish data on the read replicas: one Fargate task
 * behind an internal Application Load Balancer that serves HTTPS only to the allowed networks,
 * with its own small PostgreSQL application database (dashboards, questions, users).
 *
 * <p>Its tasks join the environment's BI clients security group (Network stack), which every
 * source's replicas admit, so one group serves any number of sources. A
 * Metabase administrator adds each replica as a database with the host, port, user and password
 * of the source's read-only secret ({@code udong/<env>/replicas/<source>/readonly}); Metabase keeps
 * connection settings in its application database, not in its environment.
 */
public final class Metabase extends Construct {

    /** Pinned image; upgrades are a pull request (Metabase migrates its app database on start). */
    public static final String IMAGE = "metabase/metabase:v0.64.2.2";
    static final String CONTAINER_NAME = "Metabase";
    /**
     * The user the container runs as: the uid and gid Metabase's image gives its own user by default
     * (MUID/MGID 2000), so the start script runs the server directly instead of switching from root.
     */
    static final String CONTAINER_USER = "2000:2000";
    static final int CONTAINER_PORT = 3000;
    static final String HEALTH_PATH = "/api/health";
    static final String APP_DATABASE = "metabase";

    private final ApplicationLoadBalancer loadBalancer;
    private final FargateService service;
    private final DatabaseInstance appDatabase;

    public Metabase(Construct scope, String id, MetabaseProps props) {
        super(scope, id);
        SubnetSelection privateSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();

        SecurityGroup lbGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.vpc())
                .description("Metabase load balancer: HTTPS from staff networks")
                .allowAllOutbound(false)
                .build();
        props.allowedCidrs().forEach(cidr -> lbGroup.addIngressRule(Peer.ipv4(cidr), Port.tcp(443), "HTTPS from " + cidr));
        SecurityGroup taskGroup = SecurityGroup.Builder.create(this, "TaskSecurityGroup")
                .vpc(props.vpc())
                .description("Metabase tasks: from the load balancer; out to the image registry, AWS APIs and databases")
                .allowAllOutbound(false)
                .build();
        taskGroup.addIngressRule(lbGroup, Port.tcp(CONTAINER_PORT), "Metabase from its load balancer");
        lbGroup.addEgressRule(taskGroup, Port.tcp(CONTAINER_PORT), "Metabase tasks");
        // The image comes from Docker Hub and AWS APIs answer on HTTPS, through NAT or endpoints.
        taskGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS: image registry and AWS APIs");

        SecurityGroup dbGroup = SecurityGroup.Builder.create(this, "DatabaseSecurityGroup")
                .vpc(props.vpc())
                .description("Metabase application database: PostgreSQL from Metabase tasks only")
                .allowAllOutbound(false)
                .build();
        dbGroup.addIngressRule(taskGroup, Port.tcp(5432), "Metabase tasks");
        taskGroup.addEgressRule(dbGroup, Port.tcp(5432), "Metabase application database");

        appDatabase = DatabaseInstance.Builder.create(this, "Database")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.of("17", "17")).build()))
                .instanceType(new InstanceType("t4g.micro"))
                .databaseName(APP_DATABASE)
                .credentials(Credentials.fromGeneratedSecret("metabase", CredentialsBaseOptions.builder()
                        .secretName("udong/" + props.defaults().environment() + "/bi/metabase-app-db")
                        .encryptionKey(props.defaults().logKey())
                        .excludeCharacters(" %+~`#$&*()|[]{}:;<>?!'/@\"\\")
                        .build()))
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(dbGroup))
                .storageEncrypted(true)
                .storageEncryptionKey(props.defaults().logKey())
                .allocatedStorage(20)
                .maxAllocatedStorage(50)
                .multiAz(true)
                .backupRetention(Duration.days(props.defaults().retainsData() ? 14 : 7))
                // Metabase signs in with the password; IAM authentication stays available to operators.
                .iamAuthentication(true)
                .deleteAutomatedBackups(!props.defaults().retainsData())
                .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
                .monitoringInterval(Duration.seconds(60))
                .monitoringRole(props.monitoringRole())
                .autoMinorVersionUpgrade(true)
                .publiclyAccessible(false)
                .deletionProtection(props.defaults().retainsData())
                .removalPolicy(props.defaults().removalPolicy())
                .build();
        ISecret dbSecret = appDatabase.getSecret();
        // A retained database is reachable only with its password: the generated secret stays with it
        // (getSecret() is its attachment to the instance, which a retained secret does not need).
        appDatabase.getNode().findAll().stream()
                .filter(c -> c instanceof CfnSecret)
                .forEach(c -> ((CfnSecret) c)
                        .applyRemovalPolicy(props.defaults().removalPolicy()));

        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(props.vpc())
                .containerInsightsV2(ContainerInsights.ENHANCED)
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(props.defaults().logKey())
                .retention(LogRetention.of(props.defaults().logRetentionDays()))
                .removalPolicy(props.defaults().removalPolicy())
                .build();
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(1024)
                .memoryLimitMiB(3072)
                .build();
        // Metabase runs as an unprivileged user on a read-only root file system; it writes only its plugins
        // (unpacked at start) and temporary files, each on a task volume of its own.
        task.addVolume(software.amazon.awscdk.services.ecs.Volume.builder().name("plugins").build());
        task.addVolume(software.amazon.awscdk.services.ecs.Volume.builder().name("tmp").build());
        var container = task.addContainer(CONTAINER_NAME, ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(IMAGE))
                .memoryLimitMiB(3072)
                .user(CONTAINER_USER)
                .readonlyRootFilesystem(true)
                .portMappings(List.of(PortMapping.builder().containerPort(CONTAINER_PORT).build()))
                // Sorted: both become lists in the task definition, which a new order would replace.
                .environment(new TreeMap<>(Map.of(
                        "MB_DB_TYPE", "postgres",
                        "MB_PLUGINS_DIR", "/plugins",
                        "JAVA_OPTS", "-Xmx2g -Djava.io.tmpdir=/tmp")))
                .secrets(new TreeMap<>(Map.of(
                        "MB_DB_HOST", Secret.fromSecretsManager(dbSecret, "host"),
                        "MB_DB_PORT", Secret.fromSecretsManager(dbSecret, "port"),
                        "MB_DB_DBNAME", Secret.fromSecretsManager(dbSecret, "dbname"),
                        "MB_DB_USER", Secret.fromSecretsManager(dbSecret, "username"),
                        "MB_DB_PASS", Secret.fromSecretsManager(dbSecret, "password"))))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("metabase").build()))
                .build());
        container.addMountPoints(
                software.amazon.awscdk.services.ecs.MountPoint.builder().containerPath("/plugins").sourceVolume("plugins")
                        .readOnly(false).build(),
                software.amazon.awscdk.services.ecs.MountPoint.builder().containerPath("/tmp").sourceVolume("tmp")
                        .readOnly(false).build());

        List<ISecurityGroup> groups = List.of(taskGroup, props.biClients());
        service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(1)
                // One Metabase at a time: two instances would race on the app database's migrations.
                .minHealthyPercent(0)
                .maxHealthyPercent(100)
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                .vpcSubnets(privateSubnets)
                .securityGroups(groups)
                .assignPublicIp(false)
                .build();

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.vpc())
                .internetFacing(false)
                .vpcSubnets(privateSubnets)
                .securityGroup(lbGroup)
                .dropInvalidHeaderFields(true)
                .deletionProtection(props.defaults().retainsData())
                .build();
        loadBalancer.logAccessLogs(props.accessLogs(), "bi");
        ApplicationTargetGroup targets = ApplicationTargetGroup.Builder.create(this, "Targets")
                .vpc(props.vpc())
                .port(CONTAINER_PORT)
                .protocol(ApplicationProtocol.HTTP)
                .targetType(TargetType.IP)
                .healthCheck(HealthCheck.builder().path(HEALTH_PATH).healthyHttpCodes("200").build())
                .build();
        ApplicationListener https = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .port(443)
                .protocol(ApplicationProtocol.HTTPS)
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .certificates(List.of(ListenerCertificate.fromArn(props.certificateArn())))
                .defaultTargetGroups(List.of(targets))
                .open(false)
                .build());
        // Registered by hand: the L2 would open every task security group to the load balancer, and the
        // BI clients group lives in the Network stack, which must not depend on this one.
        CfnService cfnService = (CfnService) service.getNode().getDefaultChild();
        cfnService.setLoadBalancers(List.of(CfnService.LoadBalancerProperty.builder()
                .containerName(CONTAINER_NAME)
                .containerPort(CONTAINER_PORT)
                .targetGroupArn(targets.getTargetGroupArn())
                .build()));
        cfnService.setHealthCheckGracePeriodSeconds(300);
        service.getNode().addDependency(https);

        Acknowledge.awsSolutions(task, "ECS2", "Only non-secret settings are plain environment variables (the app "
                + "database type and JVM heap); every credential and address comes from Secrets Manager.");
        Acknowledge.compliancePacks(task.getExecutionRole(), "IAMNoInlinePolicy", "The task execution role and its "
                + "policy are generated by CDK and scoped to this task's log group and its app database secret; a managed "
                + "policy would add nothing but a second resource.");
        Acknowledge.compliancePacks(loadBalancer, "ALBWAFEnabled", "The load balancer is internal and admits HTTPS only "
                + "from the configured staff networks (VPN, office); Metabase authenticates every user.");
        Acknowledge.awsSolutions(appDatabase, "SMG4", "Metabase reads its application database password once at start; a "
                + "rotation would cut it off until the next deploy. The secret is KMS-encrypted and readable only by the task.");
        Acknowledge.compliancePacks(appDatabase, "SecretsManagerRotationEnabled", "Metabase reads its application database "
                + "password once at start; a rotation would cut it off until the next deploy.");
        Acknowledge.awsSolutions(appDatabase, "RDS11", "The application database is reachable only from the Metabase "
                + "tasks' security group; a non-default port would add no protection.");
        Acknowledge.compliancePacks(appDatabase, "RDSInBackupPlan", "Automated backups cover the application database, "
                + "which holds only Metabase's dashboards and users; the analytics data stays on the replicas and in the lake.");
        if (!props.defaults().retainsData()) {
            String disposable = "Deletion protection is on in environments that retain data (prod); here BI and its "
                    + "application database are disposable.";
            Acknowledge.compliancePacks(appDatabase, "RDSInstanceDeletionProtectionEnabled", disposable);
            Acknowledge.awsSolutions(appDatabase, "RDS10", disposable);
            Acknowledge.compliancePacks(loadBalancer, "ELBDeletionProtectionEnabled", disposable);
        }
    }

    /** Host name of the internal load balancer (point the BI DNS name at it). */
    public String dnsName() {
        return loadBalancer.getLoadBalancerDnsName();
    }

    public FargateService service() {
        return service;
    }

    public DatabaseInstance appDatabase() {
        return appDatabase;
    }
}
