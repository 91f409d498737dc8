package market.udong.lambdas.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import market.udong.core.streams.TopicSpec;
import market.udong.lambdas.cloudformation.CustomResourceResponse;
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
        CustomResourceResponse response;
        try {
            if ("Delete".equals(event.path("RequestType").asText())) {
                response = CustomResourceResponse.success("topics are kept with their data", PHYSICAL_ID);
            } else {
                JsonNode props = event.path("ResourceProperties");
                List<TopicSpec> topics = TopicSpec.fromJson(props.path("Topics").asText());
                try (Admin admin = admins.apply(props.path("BootstrapServers").asText())) {
                    List<String> changes = new TopicProvisioner(admin).apply(topics);
                    response = CustomResourceResponse.success(
                            changes.isEmpty() ? "topics already match config" : String.join("; ", changes), PHYSICAL_ID);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            response = CustomResourceResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), PHYSICAL_ID);
        }
        output.write(response.sendFor(event));
    }
}
