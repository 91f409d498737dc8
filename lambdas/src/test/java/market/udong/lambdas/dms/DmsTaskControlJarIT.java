package market.udong.lambdas.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-dms-task-lambda.jar}, alone on a fresh JVM's class path, answers a
 * CloudFormation Create by starting the task: proves the jar holds every class the function loads
 * (signer, HTTP client, JSON) and that the runtime constructor needs nothing but the Lambda environment.
 */
class DmsTaskControlJarIT {

    private static final String TASK = "arn:aws:dms:ap-northeast-2:333333333333:task:ORDERSTASKNEW";

    @Test
    void shadedJar_startsTheTask_andAnswersCloudFormation_withNothingElseOnTheClassPath() throws Exception {
        Path jar = Path.of("target", "udong-dms-task-lambda.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        try (DmsApiStub dms = new DmsApiStub()) {
            // GIVEN a task DMS reports ready
            dms.add(new DmsApiStub.Task(TASK, "arn:aws:dms:ap-northeast-2:333333333333:rep:ORDERS", "full-load-and-cdc", "ready"));

            // WHEN the function runs from the jar with only the Lambda environment
            Path runner = Path.of(getClass().getResource("/jar-smoke/RunDmsTaskControl.java").toURI());
            ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar.toString(), runner.toString());
            Map<String, String> env = process.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("AWS_REGION", "ap-northeast-2");
            env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
            env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
            env.put("AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", dms.endpoint().toString());
            process.redirectErrorStream(true);
            Process run = process.start();
            try (InputStream event = getClass().getResourceAsStream("/events/cfn-dms-task-start-create.json")) {
                run.getOutputStream().write(new String(event.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${ResponseURL}", dms.responseUrl()).getBytes(StandardCharsets.UTF_8));
            }
            run.getOutputStream().close();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));

            // THEN it started the task and told CloudFormation so
            assertEquals(0, run.exitValue(), output);
            List<DmsApiStub.Call> starts = dms.calls("StartReplicationTask");
            assertEquals(1, starts.size(), output);
            JsonNode answer = dms.cfnResponses().get(0);
            assertEquals("SUCCESS", answer.path("Status").asText(), output);
            assertEquals(TASK, answer.path("PhysicalResourceId").asText());
        }
    }
}
