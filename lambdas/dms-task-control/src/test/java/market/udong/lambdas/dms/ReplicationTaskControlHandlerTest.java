package market.udong.lambdas.dms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.udong.lambdas.logging.StructuredLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The DMS task control as CloudFormation invokes it, against a local stand-in of the DMS API
 * that moves tasks through their statuses as DMS does, and that receives the custom resource's
 * answer on its pre-signed-URL path.
 */
class ReplicationTaskControlHandlerTest {

    private static final String INSTANCE = "arn:aws:dms:ap-northeast-2:333333333333:rep:ORDERSINSTANCE";
    private static final String NEW_TASK = "arn:aws:dms:ap-northeast-2:333333333333:task:ORDERSTASKNEW";
    private static final String OLD_TASK = "arn:aws:dms:ap-northeast-2:333333333333:task:ORDERSTASKOLD";

    private DmsApiStub stub;
    private SdkHttpClient http;
    private ReplicationTaskControlHandler handler;

    @BeforeEach
    void startStub() throws IOException {
        stub = new DmsApiStub();
        http = UrlConnectionHttpClient.create();
        DmsApi dms = new DmsApi(stub.endpoint(), Region.AP_NORTHEAST_2,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), http);
        handler = new ReplicationTaskControlHandler(
                new ReplicationTaskControl(dms, Clock.systemUTC(), Duration.ofMillis(20)), Clock.systemUTC(),
                new StructuredLog(ReplicationTaskControlHandler.SERVICE, new PrintStream(new ByteArrayOutputStream()),
                        Clock.systemUTC()));
    }

    @AfterEach
    void stopStub() {
        http.close();
        stub.close();
    }

    private JsonNode invoke(String eventFile, Map<String, String> values) throws IOException {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        event = event.replace("${ResponseURL}", stub.responseUrl());
        for (Map.Entry<String, String> v : values.entrySet()) {
            event = event.replace("${" + v.getKey() + "}", v.getValue());
        }
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        assertEquals(1, stub.cfnResponses().size(), "exactly one answer to CloudFormation");
        return stub.cfnResponses().get(0);
    }

    @Test
    void start_onCreate_waitsUntilTheTaskIsReady_thenStartsReplication() throws IOException {
        // GIVEN a task CloudFormation has just created, still 'creating' for two looks
        DmsApiStub.Task task = stub.add(new DmsApiStub.Task(NEW_TASK, INSTANCE, "full-load-and-cdc", "creating")
                .then("creating", "creating", "ready"));

        // WHEN CloudFormation creates the Start resource
        JsonNode response = invoke("cfn-dms-task-start-create.json", Map.of());

        // THEN the task was started once, from ready, as a first run
        List<DmsApiStub.Call> starts = stub.calls("StartReplicationTask");
        assertEquals(1, starts.size());
        assertEquals(NEW_TASK, starts.get(0).body().path("ReplicationTaskArn").asText());
        assertEquals("start-replication", starts.get(0).body().path("StartReplicationTaskType").asText());
        assertEquals("SUCCESS", response.path("Status").asText(), response.toString());
        assertEquals(NEW_TASK, response.path("PhysicalResourceId").asText());
        assertEquals("DmsordersTaskStartA1B2C3D4", response.path("LogicalResourceId").asText());
        assertTrue(stub.calls("DescribeReplicationTasks").size() >= 3, "waited for ready");
        assertTrue(List.of("starting", "running").contains(task.status));
    }

    @Test
    void pause_onUpdate_stopsTheInstancesRunningTasks_andAnswersOnlyOnceTheyAreStopped() throws IOException {
        // GIVEN a running task on the replication instance
        DmsApiStub.Task task = stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load-and-cdc", "running"));

        // WHEN the task's definition changed, so CloudFormation updates the Pause resource first
        JsonNode response = invoke("cfn-dms-task-pause-update.json", Map.of());

        // THEN the task was stopped and is stopped when CloudFormation goes on to modify it
        assertEquals(1, stub.calls("StopReplicationTask").size());
        assertEquals("stopped", task.status);
        assertEquals("SUCCESS", response.path("Status").asText(), response.toString());
        assertTrue(stub.calls("StartReplicationTask").isEmpty(), "Pause never starts anything");
    }

    @Test
    void start_onUpdate_resumesTheStoppedTask_soCdcContinuesFromItsCheckpoint() throws IOException {
        // GIVEN a task Pause stopped and CloudFormation then modified
        stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load-and-cdc", "modifying").then("modifying", "stopped"));

        // WHEN the Start resource is updated with the same task
        JsonNode response = invoke("cfn-dms-task-start-update.json", Map.of("TaskArn", OLD_TASK, "OldTaskArn", OLD_TASK));

        // THEN it resumes rather than restarting from scratch
        List<DmsApiStub.Call> starts = stub.calls("StartReplicationTask");
        assertEquals(1, starts.size());
        assertEquals("resume-processing", starts.get(0).body().path("StartReplicationTaskType").asText());
        assertEquals("SUCCESS", response.path("Status").asText(), response.toString());
    }

    @Test
    void start_onUpdate_ofAFullLoadOnlyTask_reloadsTheTarget() throws IOException {
        stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load", "stopped"));

        invoke("cfn-dms-task-start-update.json", Map.of("TaskArn", OLD_TASK, "OldTaskArn", OLD_TASK));

        assertEquals("reload-target", stub.calls("StartReplicationTask").get(0).body().path("StartReplicationTaskType").asText());
    }

    @Test
    void start_onUpdate_withAReplacedTask_stopsTheOldTaskBeforeStartingTheNewOne() throws IOException {
        // GIVEN CloudFormation replaced the task: the old one still runs, the new one is ready
        DmsApiStub.Task old = stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load-and-cdc", "running"));
        stub.add(new DmsApiStub.Task(NEW_TASK, INSTANCE, "full-load-and-cdc", "ready"));

        // WHEN
        JsonNode response = invoke("cfn-dms-task-start-update.json", Map.of("TaskArn", NEW_TASK, "OldTaskArn", OLD_TASK));

        // THEN the old task was stopped first, so two tasks never write the same raw prefix
        assertEquals(OLD_TASK, stub.calls("StopReplicationTask").get(0).body().path("ReplicationTaskArn").asText());
        assertEquals("stopped", old.status);
        assertEquals(NEW_TASK, stub.calls("StartReplicationTask").get(0).body().path("ReplicationTaskArn").asText());
        assertEquals("start-replication", stub.calls("StartReplicationTask").get(0).body().path("StartReplicationTaskType").asText());
        assertEquals(NEW_TASK, response.path("PhysicalResourceId").asText());
    }

    @Test
    void start_onDelete_stopsTheTask_soCloudFormationCanDeleteIt() throws IOException {
        DmsApiStub.Task task = stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load-and-cdc", "running"));

        JsonNode response = invoke("cfn-dms-task-start-delete.json", Map.of());

        assertEquals("stopped", task.status);
        assertEquals("SUCCESS", response.path("Status").asText());
        assertEquals(OLD_TASK, response.path("PhysicalResourceId").asText());
    }

    @Test
    void start_onDelete_ofATaskThatIsGone_succeeds() throws IOException {
        JsonNode response = invoke("cfn-dms-task-start-delete.json", Map.of());

        assertEquals("SUCCESS", response.path("Status").asText(), response.toString());
        assertTrue(stub.calls("StopReplicationTask").isEmpty());
    }

    @Test
    void start_answersFailed_namingTheTask_whenItDoesNotSettleInTime() throws IOException {
        // GIVEN a task stuck in 'modifying' and a function with 31 seconds left (one after the safety margin)
        stub.add(new DmsApiStub.Task(OLD_TASK, INSTANCE, "full-load-and-cdc", "modifying"));
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/cfn-dms-task-start-update.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${ResponseURL}", stub.responseUrl()).replace("${TaskArn}", OLD_TASK).replace("${OldTaskArn}", OLD_TASK);
        }

        // WHEN
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new RemainingTime(31_000));

        // THEN CloudFormation hears FAILED with the reason, instead of waiting an hour
        JsonNode response = stub.cfnResponses().get(0);
        assertEquals("FAILED", response.path("Status").asText());
        assertTrue(response.path("Reason").asText().contains(OLD_TASK), response.toString());
        assertTrue(response.path("Reason").asText().contains("modifying"), response.toString());
        assertTrue(stub.calls("StartReplicationTask").isEmpty());
    }

    @Test
    void requests_areSignedForDms_withTheJson11Target() throws IOException {
        stub.add(new DmsApiStub.Task(NEW_TASK, INSTANCE, "cdc", "ready"));

        invoke("cfn-dms-task-start-create.json", Map.of());

        DmsApiStub.Call describe = stub.calls("DescribeReplicationTasks").get(0);
        String authorization = describe.headers().get("Authorization").get(0);
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/ap-northeast-2/dms/aws4_request"), authorization);
        assertEquals("application/x-amz-json-1.1", describe.headers().get("Content-type").get(0));
        assertEquals("replication-task-arn", describe.body().path("Filters").path(0).path("Name").asText());
    }

    /** A Lambda context that only knows how much time is left. */
    private record RemainingTime(int millis) implements com.amazonaws.services.lambda.runtime.Context {
        public String getAwsRequestId() {
            return "test-request";
        }

        public String getLogGroupName() {
            return null;
        }

        public String getLogStreamName() {
            return null;
        }

        public String getFunctionName() {
            return null;
        }

        public String getFunctionVersion() {
            return null;
        }

        public String getInvokedFunctionArn() {
            return null;
        }

        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return millis;
        }

        public int getMemoryLimitInMB() {
            return 256;
        }

        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return null;
        }
    }
}
