package market.udong.infra.stacks;

import market.udong.infra.constructs.analytics.FederatedMysqlCatalog;
import market.udong.infra.constructs.analytics.Metabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.core.analytics.SavedQuery;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AnalyticsStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).analytics());
    }

    /** Every managed policy of a workgroup's people (the workgroup's and its data policies), as JSON-ish text. */
    private static String policyOf(String env, String workgroup) {
        String name = "udong-" + env + "-athena-" + workgroup;
        Map<String, Map<String, Object>> policies = template(env).findResources("AWS::IAM::ManagedPolicy", Map.of(
                "Properties", Map.of("ManagedPolicyName", Match.stringLikeRegexp(name + "(-data-[0-9]+)?"))));
        assertTrue(!policies.isEmpty(), "policies of " + workgroup);
        return policies.values().toString();
    }

    /** The flight-meta source's stack, which holds its federated catalog. */
    private static Template flightMeta(String env) {
        return TestApps.source(env, "flight-meta");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"platform, 10737418240", "growth, 10737418240", "ops, 1073741824"})
    void workgroup_enforcesItsConfig_engine3_metrics_andScanCutoff(String name, long cutoff) {
        template("prod").hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", name,
                "WorkGroupConfiguration", Match.objectLike(Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "PublishCloudWatchMetricsEnabled", true,
                        "BytesScannedCutoffPerQuery", cutoff,
                        "EngineVersion", Map.of("SelectedEngineVersion", "Athena engine version 3")))));
    }

    @Test
    void workgroupResults_goUnderTheirOwnPrefix_withSseKms() {
        template("prod").hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", "growth",
                "WorkGroupConfiguration", Match.objectLike(Map.of("ResultConfiguration", Match.objectLike(Map.of(
                        "OutputLocation", Map.of("Fn::Join", List.of("", List.of("s3://",
                                Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*AthenaResultsZone.*")), "/growth/"))),
                        "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_KMS",
                                "KmsKey", Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Lake:.*Key.*")))))))));
    }

    @Test
    void hiveCatalog_isTheAccountsGlueCatalog() {
        template("prod").hasResourceProperties("AWS::Athena::DataCatalog", Map.of(
                "Name", "hive", "Type", "GLUE", "Parameters", Map.of("catalog-id", "333333333333")));
    }

    @Test
    void mysqlCatalog_isLambda_pointingAtTheConnectorFunction_inItsSourcesStack() {
        flightMeta("prod").hasResourceProperties("AWS::Athena::DataCatalog", Map.of(
                "Name", "mysql", "Type", "LAMBDA",
                "Parameters", Map.of("function", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                        ":lambda:ap-northeast-2:333333333333:function:udong-prod-athena-mysql"))))));
    }

    @Test
    void connector_isThePinnedSarApplication_wiredToReplicaSecretSpillAndVpc() {
        Template t = flightMeta("prod");
        t.hasResourceProperties("AWS::Serverless::Application", Map.of(
                "Location", Map.of("ApplicationId", FederatedMysqlCatalog.APPLICATION_ID,
                        "SemanticVersion", FederatedMysqlCatalog.SEMANTIC_VERSION),
                "Parameters", Match.objectLike(Map.of(
                        "LambdaFunctionName", "udong-prod-athena-mysql",
                        "DefaultConnectionString", Map.of("Fn::Join", List.of("", List.of("mysql://jdbc:mysql://",
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReplicasReplica1.*"), "Endpoint.Address")),
                                ":3306/flight_meta?${udong/prod/replicas/flight-meta/readonly}"))),
                        "SecretNamePrefix", "udong/prod/replicas/flight-meta/",
                        "SpillBucket", Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*AthenaSpillZone.*")),
                        "SpillPrefix", "mysql",
                        "DisableSpillEncryption", "false",
                        "LambdaRoleARN", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FederatedCatalogRole.*"), "Arn")),
                        "SecurityGroupIds", Map.of("Fn::Join", List.of(",", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FederatedCatalogSecurityGroup.*"), "GroupId")),
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReplicasConsumersSecurityGroup.*"), "GroupId"))))),
                        "SubnetIds", Map.of("Fn::Join", List.of(",", Match.arrayWith(List.of(
                                Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*PrivateSubnet1.*"))))))))));
        assertEquals("AWS::Serverless-2016-10-31", t.toJSON().get("Transform"));
    }

    @Test
    void connectorRole_readsOnlyItsSourcesSecret_andItsSpillPrefix() {
        Map<String, Map<String, Object>> policies = flightMeta("prod").findResources("AWS::IAM::ManagedPolicy",
                Map.of("Properties", Map.of("Description", "What the Athena mysql connector may do")));
        String policy = policies.values().iterator().next().toString();
        assertTrue(policy.contains("ReplicasReadOnlySecret"), policy);
        assertFalse(policy.contains("Dms"), policy);
        assertTrue(policy.contains("/mysql/*"), policy);
        assertFalse(policy.contains("s3:*"), policy);
    }

    @Test
    void connectorLogs_areKmsEncrypted_underTheFunctionsName() {
        flightMeta("prod").hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/aws/lambda/udong-prod-athena-mysql",
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                "RetentionInDays", 365));
    }

    @Test
    void namedQuery_isTheSeedSqlVerbatim_inThePlatformWorkgroup() {
        template("prod").hasResourceProperties("AWS::Athena::NamedQuery", Map.of(
                "Name", "flights-per-airport",
                "WorkGroup", "platform",
                "Database", "flight_history",
                "QueryString", SavedQuery.FLIGHTS_PER_AIRPORT.sql()));
    }

    @Test
    void flightsTable_isParquetInTheCuratedZone_partitionedByDt_withProjection() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "flight_history"))));
        t.hasResourceProperties("AWS::Glue::Table", Map.of(
                "DatabaseName", "flight_history",
                "TableInput", Match.objectLike(Map.of(
                        "Name", "flights",
                        "PartitionKeys", List.of(Map.of("Name", "dt", "Type", "string")),
                        "Parameters", Match.objectLike(Map.of(
                                "classification", "parquet",
                                "projection.enabled", "true",
                                "projection.dt.type", "date",
                                "projection.dt.range", "2020-01-01,NOW")),
                        "StorageDescriptor", Match.objectLike(Map.of(
                                "Location", Map.of("Fn::Join", List.of("", List.of("s3://",
                                        Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*CuratedZone.*")),
                                        "/flight-history/flight_history/flights/"))),
                                "InputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                                "Columns", Match.arrayWith(List.of(Map.of("Name", "code", "Type", "string")))))))));
    }

    @Test
    void teamPolicy_allowsOnlyItsOwnWorkgroup_andResultsPrefix() {
        String growth = policyOf("prod", "growth");
        assertTrue(growth.contains(":athena:ap-northeast-2:333333333333:workgroup/growth"), growth);
        assertFalse(growth.contains("workgroup/ops") || growth.contains("workgroup/platform"), growth);
        assertTrue(growth.contains("/growth/*"), growth);
        assertFalse(growth.contains("/ops/*") || growth.contains("/platform/*"), growth);
    }

    @Test
    void teamPolicy_readsOnlyTheDatabasesItsConfigGrants() {
        String growth = policyOf("prod", "growth");
        // By database and each source's prefix of it, never by table: a new table needs no policy change.
        assertTrue(growth.contains("database/orders") && growth.contains("/orders/orders/*"), growth);
        assertFalse(growth.contains("/orders/orders/members/"), growth);
        assertFalse(growth.contains("flight_meta") || growth.contains("flight_history"), growth);
        assertFalse(growth.contains("lambda:InvokeFunction") || growth.contains("datacatalog/mysql"), growth);
        assertFalse(growth.contains("RawZone"), "no team reads the raw zone: " + growth);
    }

    @Test
    void teamGrantedAFederatedSource_mayInvokeItsConnector_andReadItsSpill() {
        String ops = policyOf("prod", "ops");
        assertTrue(ops.contains("lambda:InvokeFunction") && ops.contains("function:udong-prod-athena-mysql"), ops);
        assertTrue(ops.contains("datacatalog/mysql") && ops.contains("/mysql/*"), ops);
        assertTrue(ops.contains("database/flight_history") && ops.contains("/flight-history/flight_history/*"), ops);
        assertFalse(ops.contains("database/orders"), ops);
    }

    @Test
    void bi_isOffInDev() {
        Template t = template("dev");
        t.resourceCountIs("AWS::ECS::Service", 0);
        t.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
    }

    @Test
    void bi_runsPinnedMetabase_behindAnInternalHttpsLoadBalancer_withAccessLogs() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internal",
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "deletion_protection.enabled", "Value", "true"),
                        Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true")))));
        t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn", TestApps.config("prod").environment().bi().certificateArn()))));
        t.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        t.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Image", Metabase.IMAGE))))));
        t.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of(Match.objectLike(Map.of(
                "CidrIp", "10.100.0.0/16", "FromPort", 443, "ToPort", 443)))));
    }

    @Test
    void biTasks_joinTheBiClientsGroup_thatEveryReplicaAdmits_whateverTheNumberOfSources() {
        template("prod").hasResourceProperties("AWS::ECS::Service", Map.of("NetworkConfiguration", Map.of(
                "AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED", "SecurityGroups", List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BiTask.*"), "GroupId")),
                        Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Network:.*BiClients.*"))))))));
        // And the Analytics stack depends on no source stack.
        TestApps.stacks("prod").analytics().getDependencies().forEach(d ->
                assertFalse(d.getStackName().contains("-Source-"), d.toString()));
    }

    @Test
    void platformPolicy_grantsEveryDatabaseByWildcard_inOnePolicy() {
        String platform = policyOf("prod", "platform");
        assertTrue(platform.contains("database/*") && platform.contains("table/*/*"), platform);
        assertEquals(1, template("prod").findResources("AWS::IAM::ManagedPolicy", Map.of("Properties", Map.of(
                "ManagedPolicyName", Match.stringLikeRegexp("udong-prod-athena-platform.*")))).size());
    }

    @Test
    void biAppDatabase_isEncryptedPostgres_inIsolatedSubnets() {
        template("prod").hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "Engine", "postgres", "StorageEncrypted", true, "MultiAZ", true, "DeletionProtection", true,
                "PubliclyAccessible", false));
    }
}
