package market.udong.lambdas.dms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.lambdas.cloudformation.CustomResourceResponse;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The CloudFormation custom resource behind {@code Custom::DmsTaskControl}: pauses the DMS tasks
 * of a replication instance before their resources change, and starts a task after it is created
 * or changed, so tasks run after every deploy without manual clicks. See
 * {@link ReplicationTaskControl} for what each action does.
 *
 * <p>Resource properties:
 * <ul>
 *   <li>{@value #ACTION} {@code Pause}: {@value #INSTANCE_ARN}; on Update it stops the tasks of the
 *       previous and the new instance. Create and Delete do nothing.</li>
 *   <li>{@value #ACTION} {@code Start}: {@value #TASK_ARN}; on Create and Update it starts the task
 *       (stopping the task it replaces, if the ARN changed); on Delete it stops the task so
 *       CloudFormation can delete it. The physical id is the task ARN.</li>
 *   <li>any other property (the stack passes a {@code Fingerprint} of everything the task and its
 *       endpoints are built from) only makes CloudFormation send an Update when it changes.</li>
 * </ul>
 * The function answers CloudFormation itself (PUT to {@code ResponseURL}) and gives up 30 seconds
 * before its own timeout with a FAILED answer naming the task, so a deploy never hangs for an hour.
 */
public final class ReplicationTaskControlHandler implements RequestStreamHandler {

    static final String SERVICE = "dms-task-control";
    static final String ACTION = "Action";
    static final String INSTANCE_ARN = "ReplicationInstanceArn";
    static final String TASK_ARN = "ReplicationTaskArn";
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(30);
    /** Used when no Lambda context tells the remaining time (tests). */
    static final Duration DEFAULT_BUDGET = Duration.ofMinutes(14);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplicationTaskControl control;
    private final Clock clock;
    private final StructuredLog log;

    /** For the Lambda runtime: the DMS client over the JDK's HTTP stack, the region from the runtime. */
    public ReplicationTaskControlHandler() {
        this(runtimeControl(), Clock.systemUTC(), new StructuredLog(SERVICE, System.out, Clock.systemUTC()));
    }

    /** For tests: the given control, clock and log. */
    public ReplicationTaskControlHandler(ReplicationTaskControl control, Clock clock, StructuredLog log) {
        this.control = control;
        this.clock = clock;
        this.log = log;
    }

    private static ReplicationTaskControl runtimeControl() {
        String regionName = System.getenv("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (the Lambda runtime sets it)");
        }
        Region region = Region.of(regionName);
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        DmsApi dms = new DmsApi(DmsApi.endpointOf(region, System::getenv), region, EnvironmentVariableCredentialsProvider.create(), http);
        return new ReplicationTaskControl(dms, Clock.systemUTC(), Duration.ofSeconds(15));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.startInvocation(context == null ? null : context.getAwsRequestId());
        JsonNode event = JSON.readTree(input);
        Duration budget = context == null ? DEFAULT_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis());
        Instant deadline = clock.instant().plus(budget).minus(SAFETY_MARGIN);
        String requestType = event.path("RequestType").asText();
        JsonNode props = event.path("ResourceProperties");
        JsonNode oldProps = event.path("OldResourceProperties");
        String action = props.path(ACTION).asText();
        String physicalId = event.hasNonNull("PhysicalResourceId")
                ? event.get("PhysicalResourceId").asText() : event.path("LogicalResourceId").asText();
        CustomResourceResponse.Status status = CustomResourceResponse.Status.SUCCESS;
        String reason = "";
        try {
            switch (action) {
                case "Pause" -> {
                    if ("Update".equals(requestType)) {
                        List<String> instances = new ArrayList<>();
                        instances.add(oldProps.path(INSTANCE_ARN).asText(null));
                        instances.add(props.path(INSTANCE_ARN).asText(null));
                        List<String> stopped = control.pause(instances, deadline);
                        log.info("paused the tasks of the replication instance", Map.of("tasks", stopped));
                    }
                    physicalId = event.path("LogicalResourceId").asText();
                }
                case "Start" -> {
                    String taskArn = props.path(TASK_ARN).asText();
                    if ("Delete".equals(requestType)) {
                        // The physical id names the task this resource started, which may be an older one.
                        control.stop(physicalId, deadline);
                        log.info("stopped the task before its deletion", Map.of("task", physicalId));
                    } else {
                        String previous = "Update".equals(requestType) ? oldProps.path(TASK_ARN).asText(null) : null;
                        String started = control.start(taskArn, previous, deadline).orElse("none (already running)");
                        log.info("started the replication task", Map.of("task", taskArn, "startType", started));
                        physicalId = taskArn;
                    }
                }
                default -> throw new IllegalArgumentException("unknown " + ACTION + " '" + action + "'; expected Pause or Start");
            }
        } catch (RuntimeException e) {
            status = CustomResourceResponse.Status.FAILED;
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("DMS task control failed", Map.of("action", action, "requestType", requestType, "reason", reason));
        }
        new CustomResourceResponse(status, reason, physicalId).sendFor(event);
    }
}
