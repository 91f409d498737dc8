package market.udong.infra.constructs.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import market.udong.core.config.LakeZone;
import market.udong.core.quotas.TeamPolicySizes;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * A team's access as customer-managed policies: queries in its own workgroup only, results under
 * its own prefix only, the federated catalogs of granted sources, and Glue and S3 read access to
 * the databases its config grants, by database and curated prefix, never by table. Grants that do
 * not fit IAM's 6,144 characters go to further data policies ({@link TeamPolicySizes}). Nothing
 * else: no other workgroup, no other team's results, no raw zone.
 */
public final class TeamAccess extends Construct {

    static final List<String> WORKGROUP_ACTIONS = List.of(
            "athena:StartQueryExecution", "athena:StopQueryExecution", "athena:GetQueryExecution",
            "athena:GetQueryResults", "athena:GetQueryResultsStream", "athena:GetQueryRuntimeStatistics",
            "athena:ListQueryExecutions", "athena:BatchGetQueryExecution", "athena:GetWorkGroup",
            "athena:ListNamedQueries", "athena:GetNamedQuery", "athena:BatchGetNamedQuery",
            "athena:CreateNamedQuery", "athena:UpdateNamedQuery", "athena:DeleteNamedQuery");
    static final List<String> CATALOG_ACTIONS = List.of(
            "athena:GetDataCatalog", "athena:ListDatabases", "athena:GetDatabase",
            "athena:ListTableMetadata", "athena:GetTableMetadata");
    static final List<String> GLUE_READ_ACTIONS = List.of(
            "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
            "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition");

    private final ManagedPolicy policy;
    private final List<ManagedPolicy> dataPolicies = new ArrayList<>();

    public TeamAccess(Construct scope, String id, TeamAccessProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        IBucket results = props.lake().bucket(LakeZone.ATHENA_RESULTS);
        IBucket curated = props.lake().bucket(LakeZone.CURATED);
        IBucket spill = props.lake().bucket(LakeZone.ATHENA_SPILL);
        String resultsPrefix = Names.athenaResultsPrefix(props.workgroup().name());
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement("OwnWorkgroup", WORKGROUP_ACTIONS, List.of(props.workgroup().arn())));
        statements.add(statement("ListWorkgroupsAndCatalogs",
                List.of("athena:ListWorkGroups", "athena:ListDataCatalogs", "athena:ListEngineVersions"), List.of("*")));
        statements.add(statement("GrantedCatalogs", CATALOG_ACTIONS, props.catalogs().stream()
                .map(c -> stack.formatArn(ArnComponents.builder().service("athena").resource("datacatalog").resourceName(c).build()))
                .toList()));
        statements.add(statement("OwnResults", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"), List.of(results.arnForObjects(resultsPrefix + "*"))));
        statements.add(PolicyStatement.Builder.create()
                .sid("ListOwnResults")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(results.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(resultsPrefix + "*"))))
                .build());
        // Athena checks the results bucket's region before a query, and reads data buckets' too.
        statements.add(statement("BucketLocations", List.of("s3:GetBucketLocation"),
                List.of(results.getBucketArn(), curated.getBucketArn(), spill.getBucketArn())));
        statements.add(statement("LakeKey", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                List.of(props.lake().key().getKeyArn())));
        if (!props.connectors().isEmpty()) {
            statements.add(statement("FederatedConnectors", List.of("lambda:InvokeFunction"),
                    props.connectors().stream().map(TeamAccessProps.Connector::functionArn).toList()));
            statements.add(statement("FederatedSpill", List.of("s3:GetObject"),
                    props.connectors().stream().map(c -> spill.arnForObjects(c.spillPrefix() + "*")).toList()));
        }
        if (props.data() instanceof TeamAccessProps.AllDatabases) {
            statements.addAll(dataStatements(stack, curated, List.of("*"), List.of("")));
        }
        policy = ManagedPolicy.Builder.create(this, "Resource")
                .managedPolicyName(props.policyName())
                .description("Athena workgroup " + props.workgroup().name() + ": its results, its catalogs, the lake key")
                .statements(statements)
                .build();
        if (props.data() instanceof TeamAccessProps.Databases databases) {
            // The bucket's name is a reference to the Lake stack here: sized as the longest name S3 allows.
            String bucketName = Token.isUnresolved(curated.getBucketName()) ? "x".repeat(Names.MAX_BUCKET_NAME)
                    : curated.getBucketName();
            List<Map<String, List<String>>> groups = TeamPolicySizes.split(stack.getAccount(), stack.getRegion(),
                    bucketName, databases.byDatabase());
            for (int i = 0; i < groups.size(); i++) {
                Map<String, List<String>> group = groups.get(i);
                dataPolicies.add(ManagedPolicy.Builder.create(this, "Data" + (i + 1))
                        .managedPolicyName(props.policyName() + "-data-" + (i + 1))
                        .description("Athena workgroup " + props.workgroup().name() + ": read access to "
                                + group.size() + " granted lake database(s)")
                        .statements(dataStatements(stack, curated, List.copyOf(group.keySet()),
                                group.values().stream().flatMap(List::stream).toList()))
                        .build());
            }
        }
        for (ManagedPolicy p : policies()) {
            Acknowledge.awsSolutions(p, "IAM5", "Wildcards are object keys under the team's own results prefix, its "
                    + "granted databases' data prefixes and tables (all of them for the platform team), and its "
                    + "connectors' spill prefixes (for the platform team, which may query every catalog, every catalog and "
                    + "connector by the platform's name prefix); the Athena list actions authorize on resource '*' only and reveal "
                    + "names, not data.");
        }
    }

    /** Glue read access to {@code databases} ({@code *} for all) and S3 read access under {@code prefixes} of the curated zone. */
    private static List<PolicyStatement> dataStatements(Stack stack, IBucket curated, List<String> databases,
                                                        List<String> prefixes) {
        List<String> glue = new ArrayList<>(List.of(glueArn(stack, "catalog", null)));
        for (String db : databases) {
            glue.add(glueArn(stack, "database", db));
            glue.add(glueArn(stack, "table", db + "/*"));
        }
        return List.of(
                statement("GrantedDatabases", GLUE_READ_ACTIONS, glue),
                statement("GrantedData", List.of("s3:GetObject"), prefixes.stream().map(p -> curated.arnForObjects(p + "*")).toList()),
                PolicyStatement.Builder.create()
                        .sid("ListGrantedData")
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(curated.getBucketArn()))
                        .conditions(Map.of("StringLike", Map.of("s3:prefix", prefixes.stream().map(p -> p + "*").toList())))
                        .build());
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    private static String glueArn(Stack stack, String resource, String name) {
        return stack.formatArn(ArnComponents.builder().service("glue").resource(resource).resourceName(name).build());
    }

    /** The team's managed policies: the workgroup's, then the data policies (attach them all). */
    public List<ManagedPolicy> policies() {
        List<ManagedPolicy> all = new ArrayList<>(List.of(policy));
        all.addAll(dataPolicies);
        return all;
    }
}
