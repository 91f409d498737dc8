package market.udong.infra.constructs.analytics;

import market.udong.infra.constructs.common.LogRetention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnDataCatalog;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sam.CfnApplication;
import market.udong.core.config.LakeZone;
import market.udong.core.naming.Names;
import market.udong.infra.constructs.replicas.SourceReplicas;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * An Athena federated catalog over a MySQL-compatible replica: Athena's MySQL connector from the
 * Serverless Application Repository at a pinned version, running as a Lambda in the platform VPC
 * with a role, security group and log group made here, and the {@code LAMBDA} data catalog that
 * points at it.
 *
 * <p>The connector reads the replica as the read-only user (its secret is named in the connection
 * string), spills large results under its catalog's prefix of the spill bucket (AES-GCM encrypted
 * by the connector, SSE-KMS by the bucket), and joins the source's consumers security group so the
 * replica admits it. People who query the catalog need {@code lambda:InvokeFunction} on the function
 * and read access to the spill prefix; {@link TeamAccess} grants both.
 */
public final class FederatedMysqlCatalog extends Construct {

    /** The connector application Athena publishes. */
    public static final String APPLICATION_ID =
            "arn:aws:serverlessrepo:us-east-1:292517598671:applications/AthenaMySQLConnector";
    /** Pinned so a deploy never picks up a new connector unreviewed; upgrades are a pull request. */
    public static final String SEMANTIC_VERSION = "2026.33.1";
    /** Lambda's maximum; a federated scan may take long. */
    static final int TIMEOUT_SECONDS = 900;
    static final int MEMORY_MB = 3008;

    private final CfnDataCatalog catalog;
    private final String functionArn;
    private final SecurityGroup securityGroup;

    private final String functionName;
    private final String host;
    private final int port;
    private final String defaultDatabase;
    private final String secretName;
    private final String spillPrefix;

    public FederatedMysqlCatalog(Construct scope, String id, FederatedMysqlCatalogProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String env = props.defaults().environment();
        SourceReplicas replicas = props.replicas();
        String source = replicas.source().name();
        functionName = Names.connectorFunctionName(env, props.catalog());
        if (!functionName.matches("[a-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("the connector's function name must match [a-z0-9_-]{1,64} "
                    + "(the Serverless Application Repository template enforces it), got '" + functionName + "'");
        }
        host = replicas.readerEndpoint();
        port = replicas.port();
        defaultDatabase = replicas.source().tables().isEmpty() ? "information_schema"
                : replicas.source().tables().get(0).database();
        secretName = Names.readOnlySecretName(env, source);
        spillPrefix = Names.spillPrefix(props.catalog());
        IBucket spill = props.lake().bucket(LakeZone.ATHENA_SPILL);
        List<String> workgroupArns = props.workgroups().stream().map(w -> stack.formatArn(ArnComponents.builder()
                .service("athena").resource("workgroup").resourceName(w).build())).toList();
        functionArn = stack.formatArn(ArnComponents.builder().service("lambda").resource("function")
                .resourceName(functionName).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());

        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Athena " + props.catalog() + " connector: HTTPS to AWS APIs; the replica through the consumers group")
                .allowAllOutbound(false)
                .build();
        // Secrets Manager, KMS and Logs answer on interface endpoints, S3 on the gateway endpoint, and
        // Athena (query status) through NAT: all HTTPS.
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to AWS APIs");

        LogGroup logs = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName("/aws/lambda/" + functionName)
                .encryptionKey(props.defaults().logKey())
                .retention(LogRetention.of(props.defaults().logRetentionDays()))
                .removalPolicy(props.defaults().removalPolicy())
                .build();

        ManagedPolicy policy = ManagedPolicy.Builder.create(this, "Policy")
                .description("What the Athena " + props.catalog() + " connector may do")
                .build();
        // Statements rather than grants: the secret's and the spill bucket's keys live in other stacks,
        // whose key policies already delegate to IAM.
        policy.addStatements(
                PolicyStatement.Builder.create()
                        .sid("ReadOnlySecret")
                        .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                        .resources(List.of(replicas.readOnlySecret().getSecretArn()))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("SpillObjects")
                        .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"))
                        .resources(List.of(spill.arnForObjects(spillPrefix + "*")))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("SpillListing")
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(spill.getBucketArn()))
                        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(spillPrefix + "*"))))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("Keys")
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                        .resources(keyArns(replicas, spill))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("Logs")
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resources(List.of(logs.getLogGroupArn()))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("QueryStatus")
                        .actions(List.of("athena:GetQueryExecution"))
                        .resources(workgroupArns)
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("VpcNetworkInterfaces")
                        .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))
                        .resources(List.of("*"))
                        .build());
        Acknowledge.awsSolutions(policy, "IAM5", "Lambda manages the connector's VPC network interfaces, which "
                + "EC2 authorizes on resource '*' only; the other wildcards are object keys under the catalog's own spill "
                + "prefix and the KMS data-key actions S3 needs for SSE-KMS.");
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the Athena " + props.catalog() + " connector")
                .managedPolicies(List.of(policy))
                .build();

        List<String> subnetIds = props.vpc().selectSubnets(SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnetIds();
        CfnApplication connector = CfnApplication.Builder.create(this, "Connector")
                .location(CfnApplication.ApplicationLocationProperty.builder()
                        .applicationId(APPLICATION_ID)
                        .semanticVersion(SEMANTIC_VERSION)
                        .build())
                .parameters(Map.ofEntries(
                        Map.entry("LambdaFunctionName", functionName),
                        Map.entry("DefaultConnectionString", connectionString()),
                        Map.entry("SecretNamePrefix", Names.replicaSecretPrefix(env, source)),
                        Map.entry("SpillBucket", spill.getBucketName()),
                        Map.entry("SpillPrefix", spillPrefix.replaceAll("/$", "")),
                        Map.entry("LambdaRoleARN", role.getRoleArn()),
                        Map.entry("LambdaTimeout", String.valueOf(TIMEOUT_SECONDS)),
                        Map.entry("LambdaMemory", String.valueOf(MEMORY_MB)),
                        Map.entry("DisableSpillEncryption", "false"),
                        Map.entry("SecurityGroupIds", Fn.join(",", List.of(securityGroup.getSecurityGroupId(),
                                replicas.consumers().getSecurityGroupId()))),
                        Map.entry("SubnetIds", Fn.join(",", subnetIds))))
                .build();
        // The function must find its log group, role and policy in place when the nested stack creates it.
        connector.getNode().addDependency(logs, role, policy);

        catalog = CfnDataCatalog.Builder.create(this, "Resource")
                .name(props.catalog())
                .type("LAMBDA")
                .description("Live " + defaultDatabase + " data on its read replica, through Athena's MySQL connector")
                .parameters(Map.of("function", functionArn))
                .build();
        catalog.getNode().addDependency(connector);
    }

    private static List<String> keyArns(SourceReplicas replicas, IBucket spill) {
        List<String> arns = new ArrayList<>();
        if (replicas.readOnlySecret().getEncryptionKey() != null) {
            arns.add(replicas.readOnlySecret().getEncryptionKey().getKeyArn());
        }
        if (spill.getEncryptionKey() != null) {
            arns.add(spill.getEncryptionKey().getKeyArn());
        }
        return arns;
    }

    /**
     * {@code mysql://jdbc:mysql://<host>:<port>/<db>?${<secret>}}: the connector replaces the
     * {@code ${...}} part with the secret's user and password.
     */
    String connectionString() {
        return "mysql://jdbc:mysql://" + host + ":" + port + "/" + defaultDatabase + "?${" + secretName + "}";
    }

    public CfnDataCatalog catalog() {
        return catalog;
    }

    public String name() {
        return catalog.getName();
    }

    /** ARN of the connector function queries invoke. */
    public String functionArn() {
        return functionArn;
    }

    /** The connector's own security group. */
    public SecurityGroup securityGroup() {
        return securityGroup;
    }
}
