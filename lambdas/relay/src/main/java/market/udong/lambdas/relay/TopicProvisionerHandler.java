package market.udong.lambdas.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import market.udong.core.streams.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * CloudFormation custom resource {@code Custom::KafkaTopics}: on Create and Update applies the
 * topics in {@code ResourceProperties.Topics} (written by core {@link TopicSpec#toJson}) to the
 * brokers in {@code BootstrapServers}; on Delete keeps every topic and its data. The result is
 * sent to the pre-signed {@code ResponseURL}, as the custom resource protocol requires; a
 * failure is reported as FAILED with its reason, so the deploy stops and says why.
 */
public final class TopicProvisionerHandler implements RequestStreamHandler {

    /** Physical id of the one topic set per cluster; stable, so updates never replace it. */
    static final String PHYSICAL_ID = "udong-kafka-topics";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Admin> admins;

    /** For the Lambda runtime: admin clients authenticate with MSK IAM. */
    public TopicProvisionerHandler() {
        this(RelaySettings.KafkaAuth.IAM);
    }

    /** For tests: {@code auth} chooses how the admin client reaches the brokers. */
    public TopicProvisionerHandler(RelaySettings.KafkaAuth auth) {
        this(bootstrap -> {
            Map<String, Object> p = new HashMap<>(auth.properties());
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
            return Admin.create(p);
        });
    }

    TopicProvisionerHandler(Function<String, Admin> admins) {
        this.admins = admins;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        ObjectNode response = JSON.createObjectNode();
        response.put("StackId", event.path("StackId").asText());
        response.put("RequestId", event.path("RequestId").asText());
        response.put("LogicalResourceId", event.path("LogicalResourceId").asText());
        response.put("PhysicalResourceId", PHYSICAL_ID);
        try {
            String requestType = event.path("RequestType").asText();
            if ("Delete".equals(requestType)) {
                response.put("Status", "SUCCESS");
                response.put("Reason", "topics are kept with their data");
            } else {
                JsonNode props = event.path("ResourceProperties");
                List<TopicSpec> topics = TopicSpec.fromJson(props.path("Topics").asText());
                try (Admin admin = admins.apply(props.path("BootstrapServers").asText())) {
                    List<String> changes = new TopicProvisioner(admin).apply(topics);
                    response.put("Status", "SUCCESS");
                    response.put("Reason", changes.isEmpty() ? "topics already match config" : String.join("; ", changes));
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            response.put("Status", "FAILED");
            response.put("Reason", truncate(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        send(event.path("ResponseURL").asText(), JSON.writeValueAsBytes(response));
        output.write(JSON.writeValueAsBytes(response));
    }

    /** CloudFormation accepts a reason of up to 4 KB in the whole response. */
    private static String truncate(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    private static void send(String url, byte[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            // The pre-signed URL is signed without a content type.
            c.setRequestProperty("Content-Type", "");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                throw new IOException("CloudFormation response URL answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the custom resource response", e);
        }
    }
}
