package market.udong.infra.constructs.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.Names;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * A team's access as one customer-managed policy: queries in its own workgroup only, results
 * under its own prefix only, Glue and S3 read access to the databases its config grants, and the
 * federated catalogs of granted sources. Nothing else: no other workgroup, no other team's results,
 * no raw zone.
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

    public TeamAccess(Construct scope, String id, TeamAccessProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String resultsPrefix = Names.athenaResultsPrefix(props.workgroup().name());
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement("OwnWorkgroup", WORKGROUP_ACTIONS, List.of(props.workgroup().arn())));
        statements.add(statement("ListWorkgroupsAndCatalogs",
                List.of("athena:ListWorkGroups", "athena:ListDataCatalogs", "athena:ListEngineVersions"), List.of("*")));
        statements.add(statement("GrantedCatalogs", CATALOG_ACTIONS, props.catalogs().stream()
                .map(c -> stack.formatArn(ArnComponents.builder().service("athena").resource("datacatalog").resourceName(c).build()))
                .toList()));
        statements.add(statement("OwnResults", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"), List.of(props.results().arnForObjects(resultsPrefix + "*"))));
        statements.add(PolicyStatement.Builder.create()
                .sid("ListOwnResults")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(props.results().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(resultsPrefix + "*"))))
                .build());
        List<String> buckets = new ArrayList<>(List.of(props.results().getBucketArn()));
        if (!props.databases().isEmpty()) {
            List<String> glue = new ArrayList<>(List.of(glueArn(stack, "catalog", null)));
            for (String db : props.databases()) {
                glue.add(glueArn(stack, "database", db));
                glue.add(glueArn(stack, "table", db + "/*"));
            }
            statements.add(statement("GrantedDatabases", GLUE_READ_ACTIONS, glue));
            statements.add(statement("GrantedData", List.of("s3:GetObject"),
                    props.dataPrefixes().stream().map(p -> props.curated().arnForObjects(p + "*")).toList()));
            statements.add(PolicyStatement.Builder.create()
                    .sid("ListGrantedData")
                    .actions(List.of("s3:ListBucket"))
                    .resources(List.of(props.curated().getBucketArn()))
                    .conditions(Map.of("StringLike", Map.of("s3:prefix",
                            props.dataPrefixes().stream().map(p -> p + "*").toList())))
                    .build());
            buckets.add(props.curated().getBucketArn());
        }
        if (!props.connectors().isEmpty()) {
            statements.add(statement("FederatedConnectors", List.of("lambda:InvokeFunction"),
                    props.connectors().stream().map(TeamAccessProps.Connector::functionArn).toList()));
            statements.add(statement("FederatedSpill", List.of("s3:GetObject"),
                    props.connectors().stream().map(c -> props.spill().arnForObjects(c.spillPrefix() + "*")).toList()));
            buckets.add(props.spill().getBucketArn());
        }
        // Athena checks the results bucket's region before a query, and reads data buckets' too.
        statements.add(statement("BucketLocations", List.of("s3:GetBucketLocation"), buckets));
        statements.add(statement("LakeKey", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                List.of(props.lakeKey().getKeyArn())));

        policy = ManagedPolicy.Builder.create(this, "Resource")
                .managedPolicyName(props.policyName())
                .description("Athena workgroup " + props.workgroup().name() + ": its results, its granted databases")
                .statements(statements)
                .build();
        Acknowledge.awsSolutions(policy, "IAM5", "Wildcards are object keys under the team's own results prefix, "
                + "its granted databases' data prefixes and tables, and its connectors' spill prefixes; the Athena list "
                + "actions authorize on resource '*' only and reveal names, not data.");
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    private static String glueArn(Stack stack, String resource, String name) {
        return stack.formatArn(ArnComponents.builder().service("glue").resource(resource).resourceName(name).build());
    }

    public ManagedPolicy policy() {
        return policy;
    }
}
