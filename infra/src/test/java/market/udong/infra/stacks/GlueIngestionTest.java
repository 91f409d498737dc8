package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.Names;
import market.udong.core.naming.GlueJobArgs;
import market.udong.infra.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The Glue path of a source stack: a job per {@code ingestion: glue} table that reads its settings from
 * the deployed config, a trigger per schedule, a failure rule per source; the security configuration
 * is the environment's (Ingestion stack).
 */
class GlueIngestionTest {

    private static Template template(String env) {
        return TestApps.source(env, "orders");
    }

    private static TableConfig orderItems(String env) {
        SourceConfig orders = TestApps.config(env).source("orders").orElseThrow();
        return orders.tablesUsing(Ingestion.GLUE).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void job_runsTheJavaClassOnGlue5_withTheTablesWorkerSettings(String env) {
        TableConfig table = orderItems(env);
        template(env).hasResourceProperties("AWS::Glue::Job", Map.of(
                "Name", Names.glueJobName(env, "orders", table.database(), table.name()),
                "GlueVersion", "5.0",
                "WorkerType", table.glue().workerType(),
                "NumberOfWorkers", table.glue().workers(),
                "Timeout", table.glue().timeoutMinutes(),
                "MaxRetries", table.glue().maxRetries(),
                "Command", Map.of("Name", "glueetl", "ScriptLocation", Match.anyValue()),
                "DefaultArguments", Match.objectLike(Map.of(
                        "--job-language", "scala",
                        "--class", GlueJobArgs.JOB_CLASS,
                        GlueJobArgs.SOURCE, "orders",
                        GlueJobArgs.TABLE, table.qualifiedName(),
                        GlueJobArgs.FULL_REFRESH, "false"))));
    }

    @Test
    void job_readsItsTableFromTheDeployedConfig_soNoPolicyEverTravelsInItsArguments() {
        Map<String, Map<String, Object>> jobs = template("prod").findResources("AWS::Glue::Job");
        assertEquals(1, jobs.size());
        String args = ((Map<?, ?>) jobs.values().iterator().next().get("Properties")).get("DefaultArguments").toString();
        assertTrue(args.contains(GlueJobArgs.SOURCE_CONFIG + "=") && args.contains("/sources/orders.json"), args);
        assertTrue(!args.contains("mask_phone") && !args.contains("nullify") && !args.contains("columns"), args);
        // The first run waits for the config to be written.
        String config = template("prod").findResources("Custom::DeployedSource").keySet().iterator().next();
        template("prod").findResources("AWS::Glue::Trigger").values().forEach(trigger ->
                assertTrue(trigger.get("DependsOn") instanceof List<?> l && l.contains(config), trigger.toString()));
    }

    @Test
    void job_isScheduled_andRunsWithTheEnvironmentsEncryptingSecurityConfiguration() {
        Template t = template("dev");
        t.hasResourceProperties("AWS::Glue::Trigger", Map.of(
                "Type", "SCHEDULED",
                "Schedule", orderItems("dev").glue().schedule(),
                "StartOnCreation", true));
        t.hasResourceProperties("AWS::Glue::Job", Map.of("SecurityConfiguration",
                Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Dev-Ingestion:.*GlueSecurity.*"))));
        Template.fromStack(TestApps.stacks("dev").ingestion()).hasResourceProperties("AWS::Glue::SecurityConfiguration", Map.of("EncryptionConfiguration", Map.of(
                "S3Encryptions", List.of(Match.objectLike(Map.of("S3EncryptionMode", "SSE-KMS"))),
                "CloudWatchEncryption", Match.objectLike(Map.of("CloudWatchEncryptionMode", "SSE-KMS")),
                "JobBookmarksEncryption", Match.objectLike(Map.of("JobBookmarksEncryptionMode", "CSE-KMS")))));
    }

    @Test
    void connection_isJdbcInAPrivateSubnet_throughTheReplicasConsumersGroup() {
        Map<String, Map<String, Object>> connections = template("dev").findResources("AWS::Glue::Connection");
        assertEquals(1, connections.size());
        String c = connections.values().iterator().next().toString();
        assertTrue(c.contains("JDBC_CONNECTION_URL") && c.contains("jdbc:mysql://"), c);
        assertTrue(c.contains("JDBC_ENFORCE_SSL=true"), c);
        assertTrue(c.contains("SecurityGroupIdList"), c);
    }

    @Test
    void failedRun_notifiesTheAlarmTopic() {
        template("dev").hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "source", List.of("aws.glue"),
                "detail-type", List.of("Glue Job State Change"),
                "detail", Map.of("jobName", List.of(Map.of("prefix", Names.glueJobNamePrefix("dev", "orders"))),
                        "state", List.of("FAILED", "TIMEOUT", "ERROR"))))));
    }
}
