package market.udong.lambdas.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.udong.core.testing.LambdaJar;
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
        try (DmsApiStub dms = new DmsApiStub()) {
            // GIVEN a task DMS reports ready
            dms.add(new DmsApiStub.Task(TASK, "arn:aws:dms:ap-northeast-2:333333333333:rep:ORDERS", "full-load-and-cdc", "ready"));

            // WHEN the function runs from the jar with only the Lambda environment
            LambdaJar.Result run = LambdaJar.invoke(Path.of("target", "udong-dms-task-lambda.jar"),
                    "market.udong.lambdas.dms.ReplicationTaskControlHandler", "stream", Map.of(
                            "AWS_REGION", "ap-northeast-2",
                            "AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", dms.endpoint().toString()),
                    LambdaJar.event(getClass(), "cfn-dms-task-start-create.json").replace("${ResponseURL}", dms.responseUrl()));
            String output = run.output();

            // THEN it started the task and told CloudFormation so
            assertEquals(0, run.exitCode(), output);
            List<DmsApiStub.Call> starts = dms.calls("StartReplicationTask");
            assertEquals(1, starts.size(), output);
            JsonNode answer = dms.cfnResponses().get(0);
            assertEquals("SUCCESS", answer.path("Status").asText(), output);
            assertEquals(TASK, answer.path("PhysicalResourceId").asText());
        }
    }
}
