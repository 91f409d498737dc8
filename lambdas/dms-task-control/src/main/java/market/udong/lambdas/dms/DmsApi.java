package market.udong.lambdas.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * The four DMS control-plane calls the task control needs, spoken in DMS's JSON 1.1 protocol and
 * signed with the SDK's SigV4 signer. The SDK's own DMS module is not available from the registry
 * this project builds from, and these four calls do not justify a generated client.
 */
public final class DmsApi {

    /** A replication task as {@code DescribeReplicationTasks} reports it. */
    public record Task(String arn, String status, String migrationType, String instanceArn) {
    }

    /** DMS refused a call; {@link #code()} is its fault name, e.g. {@code InvalidResourceStateFault}. */
    public static final class DmsException extends RuntimeException {
        private final String code;

        DmsException(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AmazonDMSv20160101.";

    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint    DMS endpoint, {@code https://dms.<region>.amazonaws.com} (see {@link #endpointOf})
     * @param region      signing region
     * @param credentials the function's credentials
     * @param http        the HTTP client (url-connection in Lambda)
     */
    public DmsApi(URI endpoint, Region region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The public DMS endpoint of a region. */
    public static URI endpointOf(Region region) {
        return URI.create("https://dms." + region.id() + "." + region.metadata().domain());
    }

    /**
     * The endpoint to call: {@code AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE} or {@code AWS_ENDPOINT_URL}
     * when set (the SDK's own override convention, honoured the same way here), else the region's.
     */
    public static URI endpointOf(Region region, java.util.function.Function<String, String> env) {
        for (String key : List.of("AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", "AWS_ENDPOINT_URL")) {
            String value = env.apply(key);
            if (value != null && !value.isBlank()) {
                return URI.create(value);
            }
        }
        return endpointOf(region);
    }

    /** Every task matching the DescribeReplicationTasks filter (e.g. {@code replication-task-arn}), all pages. */
    public List<Task> describeTasks(String filterName, List<String> values) {
        List<Task> tasks = new ArrayList<>();
        String marker = null;
        do {
            ObjectNode request = JSON.createObjectNode();
            ArrayNode filterValues = request.putArray("Filters").addObject().put("Name", filterName).putArray("Values");
            values.forEach(filterValues::add);
            request.put("WithoutSettings", true);
            if (marker != null) {
                request.put("Marker", marker);
            }
            JsonNode response;
            try {
                response = call("DescribeReplicationTasks", request);
            } catch (DmsException e) {
                if ("ResourceNotFoundFault".equals(e.code())) {
                    return tasks;
                }
                throw e;
            }
            for (JsonNode task : response.path("ReplicationTasks")) {
                tasks.add(new Task(task.path("ReplicationTaskArn").asText(), task.path("Status").asText(),
                        task.path("MigrationType").asText(), task.path("ReplicationInstanceArn").asText()));
            }
            marker = response.hasNonNull("Marker") ? response.get("Marker").asText() : null;
        } while (marker != null && !marker.isEmpty());
        return tasks;
    }

    /** StartReplicationTask with {@code start-replication}, {@code resume-processing} or {@code reload-target}. */
    public void startTask(String taskArn, String startType) {
        ObjectNode request = JSON.createObjectNode()
                .put("ReplicationTaskArn", taskArn)
                .put("StartReplicationTaskType", startType);
        call("StartReplicationTask", request);
    }

    /** StopReplicationTask. */
    public void stopTask(String taskArn) {
        call("StopReplicationTask", JSON.createObjectNode().put("ReplicationTaskArn", taskArn));
    }

    private JsonNode call(String action, ObjectNode body) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET_PREFIX + action)
                .build();
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            JsonNode json = read(response);
            int status = response.httpResponse().statusCode();
            if (status >= 300) {
                String type = json.path("__type").asText("HTTP " + status);
                throw new DmsException(type.substring(type.indexOf('#') + 1),
                        json.path("message").asText(json.path("Message").asText("")));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(action + " failed: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
