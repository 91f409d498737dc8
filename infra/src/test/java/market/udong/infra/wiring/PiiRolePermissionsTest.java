package market.udong.infra.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import market.udong.core.config.Ingestion;
import market.udong.core.config.LakeZone;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.StreamsConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.naming.Names;
import market.udong.infra.EnvironmentStacks;
import market.udong.infra.TestApps;
import market.udong.infra.constructs.ingestion.masking.MaskingPipeline;
import market.udong.infra.stacks.SourceStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The two roles that handle data before it is masked, the masking function's and each source's
 * Glue job role (one per source, shared by its table jobs), hold exactly the permissions listed
 * here: every statement of every policy attached to them in the synthesized templates (inline
 * policies, {@code AWS::IAM::Policy} and managed policies naming the role, managed policy ARNs),
 * expanded to one line per action and resource, compared as a set. A broader grant, an extra
 * action or another resource fails the test; a {@code *} resource appears only where the list says
 * why.
 */
class PiiRolePermissionsTest {

    /** X-Ray's trace writes have no resource-level permissions (active tracing of the function). */
    private static final List<String> XRAY = List.of(
            "xray:PutTelemetryRecords *",
            "xray:PutTraceSegments *");
    /**
     * Managed policies: AWSLambdaBasicExecutionRole (the function's log streams) and
     * AWSLambdaVPCAccessExecutionRole (its network interfaces in the VPC; EC2's Describe actions have
     * no resource-level permissions), which CDK attaches to every VPC function's role.
     */
    private static final List<String> LAMBDA_MANAGED = List.of(
            "managed arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "managed arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
    /**
     * AWSGlueServiceRole, the base policy AWS documents for a Glue job role: the job's network
     * interfaces for the JDBC connection (EC2 Describe actions without resource-level permissions),
     * its /aws-glue/ logs and its Glue metrics. It also allows glue:* and the aws-glue-* buckets on
     * any resource; it stays until a scoped replacement has run a job in dev (docs/testing.md).
     */
    private static final List<String> GLUE_MANAGED = List.of(
            "managed arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole");

    // ---- the masking function ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void maskingRole_mayOnlyReadExportsAndDmsFiles_writeCuratedAndQuarantine_andUseTheLakeKey(String env) {
        EnvironmentStacks stacks = TestApps.stacks(env);
        Templates templates = new Templates(stacks.all());
        assertExactly(expectedMasking(env, stacks), grantsOf(templates, maskingRole(templates)), "the masking role");
    }

    @Test
    void aBroaderGrant_toTheMaskingRole_isFound() {
        // GIVEN the masking role granted read-write on the whole curated bucket, and one more Glue action
        EnvironmentStacks stacks = TestApps.build(TestApps.config("dev"));
        MaskingPipeline masking = stacks.ingestion().masking();
        stacks.lake().references().bucket(LakeZone.CURATED).grantReadWrite(masking.masking().role());
        masking.masking().function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:DeleteTable")).resources(List.of("*")).build());

        // WHEN
        Templates templates = new Templates(stacks.all());
        Set<String> unexpected = new TreeSet<>(grantsOf(templates, maskingRole(templates)));
        unexpected.removeAll(expectedMasking("dev", stacks));

        // THEN
        String curated = bucketArn("dev", stacks, LakeZone.CURATED);
        assertTrue(unexpected.contains("s3:GetObject* " + curated + "/*"), unexpected.toString());
        assertTrue(unexpected.contains("s3:List* " + curated), unexpected.toString());
        assertTrue(unexpected.contains("glue:DeleteTable *"), unexpected.toString());
    }

    private static List<String> expectedMasking(String env, EnvironmentStacks stacks) {
        String exports = bucketArn(env, stacks, LakeZone.EXPORTS);
        String raw = bucketArn(env, stacks, LakeZone.RAW);
        String curated = bucketArn(env, stacks, LakeZone.CURATED);
        String quarantine = bucketArn(env, stacks, LakeZone.QUARANTINE);
        String config = "arn:aws:s3:::" + Names.configBucketName(env, account(stacks), region(stacks));
        String lakeKey = "key alias/udong-" + env + "-lake";
        String catalog = "arn:aws:glue:" + region(stacks) + ":" + account(stacks);
        List<String> expected = new ArrayList<>(List.of(
                // Inputs: snapshot-export files and DMS files (s3:ListBucket so a vanished file is 404, not 403).
                "s3:GetObject " + exports + "/*",
                "s3:ListBucket " + exports,
                "s3:GetObject " + raw + "/dms/*",
                "s3:ListBucket " + raw,
                // The deployed column policies of every source.
                "s3:GetObject " + config + "/sources/*",
                "s3:ListBucket " + config,
                // Masked output (single or multipart; an output completed before its file failed is deleted) and
                // quarantined copies with their reasons. No read of the curated zone.
                "s3:PutObject " + curated + "/*",
                "s3:AbortMultipartUpload " + curated + "/*",
                "s3:DeleteObject " + curated + "/*",
                "s3:PutObject " + quarantine + "/*",
                // The lake key: decrypt inputs, data keys for outputs.
                "kms:Decrypt " + lakeKey,
                "kms:GenerateDataKey " + lakeKey,
                // The HMAC key of the hash policy, decrypted through Secrets Manager only.
                "secretsmanager:GetSecretValue secret " + Names.hashingKeySecretName(env),
                "secretsmanager:DescribeSecret secret " + Names.hashingKeySecretName(env),
                "kms:Decrypt " + lakeKey + " if {\"StringEquals\":{\"kms:ViaService\":\"secretsmanager." + region(stacks)
                        + ".amazonaws.com\"}}",
                // Catalog tables and partitions. Every database: curated databases are named after the source
                // databases, with no common prefix, and listing them would grow with config towards the role's
                // inline-policy quota.
                "glue:CreateTable " + catalog + ":catalog",
                "glue:CreateTable " + catalog + ":database/*",
                "glue:CreateTable " + catalog + ":table/*",
                "glue:CreatePartition " + catalog + ":catalog",
                "glue:CreatePartition " + catalog + ":database/*",
                "glue:CreatePartition " + catalog + ":table/*"));
        // Its work queue (the event source mapping), encrypted with the Ingestion stack's key.
        String queue = "queue " + stacks.ingestion().getStackName() + "/"
                + stacks.ingestion().getLogicalId((CfnElement) stacks.ingestion().masking().queue()
                        .queue().getNode().getDefaultChild());
        for (String action : List.of("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl", "sqs:ReceiveMessage")) {
            expected.add(action + " " + queue);
        }
        expected.add("kms:Decrypt key alias/udong-" + env + "-ingestion");
        expected.addAll(XRAY);
        expected.addAll(LAMBDA_MANAGED);
        return expected;
    }

    // ---- the Glue jobs ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void glueJobRole_isOnePerSource_andMayOnlyWriteItsSourcesCuratedPrefix_readItsTwoSecrets_andItsOwnCatalog(String env) {
        EnvironmentStacks stacks = TestApps.stacks(env);
        Templates templates = new Templates(stacks.all());
        int checked = 0;
        for (SourceConfig source : TestApps.config(env).sources()) {
            List<TableConfig> tables = source.tablesUsing(Ingestion.GLUE);
            if (tables.isEmpty()) {
                continue;
            }
            SourceStack stack = stacks.source(source.name()).orElseThrow();
            List<Templates.Resource> jobs = templates.all("AWS::Glue::Job").stream()
                    .filter(j -> j.stack().equals(stack.getStackName())).toList();
            assertEquals(tables.size(), jobs.size(), source.name());
            Set<String> roles = new TreeSet<>();
            jobs.forEach(j -> roles.add(templates.target(j.stack(), j.props().path("Role")).orElseThrow().toString()));
            assertEquals(1, roles.size(), "one role for the jobs of " + source.name() + ": " + roles);
            Templates.Resource role = templates.target(jobs.get(0).stack(), jobs.get(0).props().path("Role")).orElseThrow();

            assertExactly(expectedGlue(env, stacks, templates, source, jobs), grantsOf(templates, role),
                    "the Glue job role of " + source.name());
            checked++;
        }
        assertTrue(checked > 0, "no source of " + env + " has Glue tables");
    }

    private static List<String> expectedGlue(String env, EnvironmentStacks stacks, Templates templates, SourceConfig source,
                                             List<Templates.Resource> jobs) {
        String curated = bucketArn(env, stacks, LakeZone.CURATED);
        String config = "arn:aws:s3:::" + Names.configBucketName(env, account(stacks), region(stacks));
        String lakeKey = "key alias/udong-" + env + "-lake";
        String region = region(stacks);
        String account = account(stacks);
        List<String> expected = new ArrayList<>();
        // The job's own code: the script and jar objects its definition names, not the whole asset bucket.
        for (Templates.Resource job : jobs) {
            expected.add("s3:GetObject " + s3Arn(templates, job, job.props().path("Command").path("ScriptLocation")));
            expected.add("s3:GetObject " + s3Arn(templates, job, job.props().path("DefaultArguments").path("--extra-jars")));
        }
        // Its source's curated prefix: Spark reads, writes and deletes what its committer stages there.
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject")) {
            expected.add(action + " " + curated + "/" + source.name() + "/*");
        }
        expected.add("s3:ListBucket " + curated);
        // Its own deployed config, no other source's.
        expected.add("s3:GetObject " + config + "/" + Names.deployedSourceKey(source.name()));
        expected.add("s3:ListBucket " + config);
        // The lake key: S3 data and the security configuration's encrypted bookmarks.
        expected.addAll(List.of("kms:Decrypt " + lakeKey, "kms:Encrypt " + lakeKey, "kms:GenerateDataKey " + lakeKey));
        // Two secrets: the HMAC key and the replica's read-only user, decrypted through Secrets Manager only.
        String viaSecretsManager = " if {\"StringEquals\":{\"kms:ViaService\":\"secretsmanager." + region + ".amazonaws.com\"}}";
        for (String secret : List.of(Names.hashingKeySecretName(env), Names.readOnlySecretName(env, source.name()))) {
            expected.add("secretsmanager:GetSecretValue secret " + secret);
            expected.add("secretsmanager:DescribeSecret secret " + secret);
        }
        expected.add("kms:Decrypt " + lakeKey + viaSecretsManager);
        expected.add("kms:Decrypt key alias/udong-" + env + "-source-" + source.name() + viaSecretsManager);
        // The security configuration encrypts the job's log groups, which Glue names per run under /aws-glue/.
        expected.add("logs:AssociateKmsKey arn:aws:logs:" + region + ":" + account + ":log-group:/aws-glue/*");
        // The catalog entries of its own curated databases.
        String catalog = "arn:aws:glue:" + region + ":" + account;
        Set<String> databases = new TreeSet<>();
        source.tablesUsing(Ingestion.GLUE).forEach(t -> databases.add(CatalogNames.curatedDatabase(t.database())));
        for (String action : List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable", "glue:BatchCreatePartition")) {
            expected.add(action + " " + catalog + ":catalog");
            for (String db : databases) {
                expected.add(action + " " + catalog + ":database/" + db);
                expected.add(action + " " + catalog + ":table/" + db + "/*");
            }
        }
        expected.addAll(GLUE_MANAGED);
        return expected;
    }

    // ---- the events landing jobs ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eventJobRole_isOnePerTable_andMayOnlyReadItsTopic_andTouchItsOwnPrefixesAndCatalogTable(String env) {
        EnvironmentStacks stacks = TestApps.stacks(env);
        Templates templates = new Templates(stacks.all());
        List<StreamsConfig.EventTable> tables = TestApps.config(env).streams().stream().flatMap(s -> s.events().stream()).toList();
        List<Templates.Resource> jobs = templates.all("AWS::Glue::Job").stream()
                .filter(j -> j.props().path("Name").asText().startsWith(Names.eventJobNamePrefix(env))).toList();
        assertFalse(tables.isEmpty(), "the fixture of " + env + " has no event table");
        assertEquals(tables.size(), jobs.size());
        Set<String> roles = new TreeSet<>();
        for (StreamsConfig.EventTable table : tables) {
            Templates.Resource job = jobs.stream()
                    .filter(j -> j.props().path("Name").asText().equals(Names.eventJobName(env, table.table()))).findFirst()
                    .orElseThrow();
            Templates.Resource role = templates.target(job.stack(), job.props().path("Role")).orElseThrow();
            roles.add(role.toString());
            assertExactly(expectedEvents(env, stacks, templates, table, job), grantsOf(templates, role),
                    "the events job role of " + table.table());
        }
        assertEquals(tables.size(), roles.size(), "one role per event table: " + roles);
    }

    private static List<String> expectedEvents(String env, EnvironmentStacks stacks, Templates templates,
                                               StreamsConfig.EventTable table, Templates.Resource job) {
        String lakeKey = "key alias/udong-" + env + "-lake";
        String region = region(stacks);
        String account = account(stacks);
        String t = table.table();
        List<String> expected = new ArrayList<>();
        expected.add("s3:GetObject " + s3Arn(templates, job, job.props().path("Command").path("ScriptLocation")));
        expected.add("s3:GetObject " + s3Arn(templates, job, job.props().path("DefaultArguments").path("--extra-jars")));
        // Its own table, checkpoint and quarantine prefixes: Iceberg and Spark write, read back and clean up there.
        for (var place : List.of(Map.entry(LakeZone.CURATED, Names.eventTablePrefix(t)),
                Map.entry(LakeZone.RAW, Names.eventCheckpointPrefix(t)), Map.entry(LakeZone.QUARANTINE, Names.eventQuarantinePrefix(t)))) {
            String bucket = bucketArn(env, stacks, place.getKey());
            for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject")) {
                expected.add(action + " " + bucket + "/" + place.getValue() + "*");
            }
            expected.add("s3:ListBucket " + bucket);
        }
        expected.addAll(List.of("kms:Decrypt " + lakeKey, "kms:Encrypt " + lakeKey, "kms:GenerateDataKey " + lakeKey));
        String viaSecretsManager = " if {\"StringEquals\":{\"kms:ViaService\":\"secretsmanager." + region + ".amazonaws.com\"}}";
        expected.add("secretsmanager:GetSecretValue secret " + Names.hashingKeySecretName(env));
        expected.add("secretsmanager:DescribeSecret secret " + Names.hashingKeySecretName(env));
        expected.add("kms:Decrypt " + lakeKey + viaSecretsManager);
        // Its one topic, read over IAM, and the consumer groups named after its table.
        String cluster = "udong-" + env + "-events";
        String kafka = "arn:aws:kafka:" + region + ":" + account;
        String clusterArn = "AWS::MSK::Cluster " + stacks.streaming().getStackName() + "/"
                + stacks.streaming().getLogicalId(stacks.streaming().cluster().cluster()) + ".Arn";
        expected.add("kafka-cluster:Connect " + clusterArn);
        expected.add("kafka-cluster:DescribeCluster " + clusterArn);
        expected.add("kafka-cluster:DescribeTopic " + kafka + ":topic/" + cluster + "/*/" + table.topic());
        expected.add("kafka-cluster:ReadData " + kafka + ":topic/" + cluster + "/*/" + table.topic());
        expected.add("kafka-cluster:DescribeGroup " + kafka + ":group/" + cluster + "/*/udong-events-" + t + "*");
        expected.add("kafka-cluster:AlterGroup " + kafka + ":group/" + cluster + "/*/udong-events-" + t + "*");
        // Its table in the events database, which Iceberg's Glue catalog creates and commits to.
        String catalog = "arn:aws:glue:" + region + ":" + account;
        for (String action : List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable",
                "glue:CreateTableOptimizer")) {
            expected.add(action + " " + catalog + ":catalog");
            expected.add(action + " " + catalog + ":database/events");
            expected.add(action + " " + catalog + ":table/events/" + t);
        }
        // The table optimizers' role, passed to Glue when the job enables them on its table.
        Templates.Resource optimizer = templates.target(job.stack(), job.props().path("DefaultArguments")
                .path(EventJobArgs.OPTIMIZER_ROLE)).orElseThrow();
        expected.add("iam:PassRole AWS::IAM::Role " + optimizer.stack() + "/" + optimizer.id() + ".Arn");
        expected.add("cloudwatch:PutMetricData * if {\"StringEquals\":{\"cloudwatch:namespace\":\"Udong/Events\"}}");
        expected.add("logs:AssociateKmsKey arn:aws:logs:" + region + ":" + account + ":log-group:/aws-glue/*");
        expected.addAll(GLUE_MANAGED);
        return expected;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void piiRoles_nameNoWildcardAction(String env) {
        Templates templates = new Templates(TestApps.stacks(env).all());
        Map<String, Templates.Resource> roles = new LinkedHashMap<>();
        Templates.Resource masking = maskingRole(templates);
        roles.put(masking.toString(), masking);
        templates.all("AWS::Glue::Job").forEach(j -> templates.target(j.stack(), j.props().path("Role"))
                .ifPresent(r -> roles.put(r.toString(), r)));
        assertTrue(roles.size() > 1, roles.keySet().toString());
        for (Templates.Resource role : roles.values()) {
            for (String grant : grantsOf(templates, role)) {
                String action = grant.substring(0, grant.indexOf(' '));
                assertTrue(grant.startsWith("managed ") || !action.contains("*"), role + ": " + grant);
            }
        }
    }

    // ---- reading the templates ----

    /** Fails with what is missing and what is granted beyond {@code expected}. */
    private static void assertExactly(List<String> expected, List<String> actual, String role) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), role + "\n  granted beyond the list: " + unexpected
                + "\n  listed but not granted: " + missing);
    }

    private static Templates.Resource maskingRole(Templates templates) {
        List<Templates.Resource> functions = templates.all("AWS::Lambda::Function").stream()
                .filter(f -> f.props().path("Handler").asText().equals(MaskingPipeline.MASKING_HANDLER)).toList();
        assertEquals(1, functions.size(), functions.toString());
        return templates.target(functions.get(0).stack(), functions.get(0).props().path("Role")).orElseThrow();
    }

    /**
     * Every permission attached to {@code role}: {@code "<action> <resource>"}, with
     * {@code " if <condition>"} when the statement has one, {@code "Deny "} before a deny, and
     * {@code "managed <arn>"} per AWS managed policy.
     */
    static List<String> grantsOf(Templates templates, Templates.Resource role) {
        List<Map.Entry<String, JsonNode>> statements = new ArrayList<>(templates.statementsOf(role));
        List<String> grants = new ArrayList<>();
        for (JsonNode arn : Templates.elements(role.props().path("ManagedPolicyArns"))) {
            var policy = templates.target(role.stack(), arn).filter(p -> p.type().equals("AWS::IAM::ManagedPolicy"));
            if (policy.isPresent()) {
                policy.get().props().path("PolicyDocument").path("Statement")
                        .forEach(s -> statements.add(Map.entry(policy.get().stack(), s)));
            } else {
                grants.add("managed " + render(templates, role.stack(), arn));
            }
        }
        for (Map.Entry<String, JsonNode> entry : statements) {
            JsonNode s = entry.getValue();
            String effect = s.path("Effect").asText().equals("Allow") ? "" : s.path("Effect").asText() + " ";
            String condition = s.has("Condition") ? " if " + s.get("Condition") : "";
            // Anything but Action and Resource (NotAction, NotResource, Principal) shows up as itself.
            s.fieldNames().forEachRemaining(field -> {
                if (!Set.of("Effect", "Action", "Resource", "Condition", "Sid").contains(field)) {
                    grants.add(effect + field + " " + s.get(field));
                }
            });
            for (JsonNode action : Templates.elements(s.path("Action"))) {
                for (JsonNode resource : Templates.elements(s.path("Resource"))) {
                    grants.add(effect + action.asText() + " " + render(templates, entry.getKey(), resource) + condition);
                }
            }
        }
        return grants;
    }

    /**
     * A policy value as text, references resolved across stacks: a bucket by its name, a secret by
     * its name, a key by its alias, other resources by {@code <stack>/<logical id>}.
     */
    private static String render(Templates templates, String stack, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            JsonNode parts = value.get("Fn::Join").get(1);
            for (int i = 0; i < parts.size(); i++) {
                joined.append(i == 0 ? "" : value.get("Fn::Join").get(0).asText()).append(render(templates, stack, parts.get(i)));
            }
            return joined.toString();
        }
        if (value.has("Fn::ImportValue")) {
            Map.Entry<String, JsonNode> export = templates.exports.get(value.get("Fn::ImportValue").asText());
            return export == null ? value.toString() : render(templates, export.getKey(), export.getValue());
        }
        if (value.has("Ref") && value.get("Ref").asText().startsWith("AWS::")) {
            return value.get("Ref").asText().equals("AWS::Partition") ? "aws" : "${" + value.get("Ref").asText() + "}";
        }
        String attribute = value.has("Fn::GetAtt") ? value.get("Fn::GetAtt").get(1).asText() : "Ref";
        return templates.target(stack, value).map(r -> name(templates, r, attribute)).orElse(value.toString());
    }

    private static String name(Templates templates, Templates.Resource r, String attribute) {
        JsonNode p = r.props();
        return switch (r.type() + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + p.path("BucketName").asText(r.toString());
            case "AWS::S3::Bucket.Ref" -> p.path("BucketName").asText(r.toString());
            case "AWS::SecretsManager::Secret.Ref" -> "secret " + p.path("Name").asText(r.toString());
            case "AWS::SQS::Queue.Arn" -> "queue " + p.path("QueueName").asText(r.toString());
            case "AWS::KMS::Key.Arn" -> "key " + templates.all("AWS::KMS::Alias").stream()
                    .filter(a -> a.stack().equals(r.stack()))
                    .filter(a -> templates.target(a.stack(), a.props().path("TargetKeyId")).map(Templates.Resource::id)
                            .filter(r.id()::equals).isPresent())
                    .map(a -> a.props().path("AliasName").asText()).findFirst().orElse(r.toString());
            default -> r.type() + " " + r + "." + attribute;
        };
    }

    private static String bucketArn(String env, EnvironmentStacks stacks, LakeZone zone) {
        return "arn:aws:s3:::" + Names.bucketName(env, zone, account(stacks), region(stacks));
    }

    private static String account(EnvironmentStacks stacks) {
        return stacks.lake().getAccount();
    }

    private static String region(EnvironmentStacks stacks) {
        return stacks.lake().getRegion();
    }

    /** The object ARN of an {@code s3://bucket/key} value of {@code job}. */
    private static String s3Arn(Templates templates, Templates.Resource job, JsonNode value) {
        String url = render(templates, job.stack(), value);
        assertTrue(url.startsWith("s3://"), url);
        return "arn:aws:s3:::" + url.substring("s3://".length());
    }
}
