package market.udong.lambdas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.SourceConfig;
import market.udong.core.testing.CloudFormationResponses;
import market.udong.core.testing.LambdaJar;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.RepoRoot;
import market.udong.lambdas.logging.StructuredLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Custom::DeployedSource against a real S3 API (S3Proxy) and a stand-in for the response URL. */
class DeployedSourcePublisherHandlerTest {

    static final String BUCKET = "udong-dev-config-111111111111-ap-northeast-2";
    /** The CDK bootstrap bucket the CLI uploads file assets to (named in the event files). */
    static final String ASSETS = "cdk-hnb659fds-assets-111111111111-ap-northeast-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalS3 s3;
    private static S3Client client;

    @BeforeAll
    static void start() {
        s3 = LocalS3.startInMemory();
        client = s3.client();
        s3.createBucket(BUCKET);
        s3.createBucket(ASSETS);
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    static DeployedSource orders() {
        SourceConfig orders = new ConfigLoader().load(RepoRoot.find().resolve("config"), "dev").source("orders").orElseThrow();
        return DeployedSource.of(orders, Optional.of("udong-dev-orders"));
    }

    /**
     * An event file with its placeholders filled in, {@code document} uploaded to the assets bucket of
     * {@code server} the way the CDK CLI uploads a file asset (under its SHA-256).
     */
    static String event(LocalS3 server, String file, String responseUrl, String document, String physicalId) {
        String key;
        try {
            key = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8))) + ".json";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server.put(ASSETS, key, document.getBytes(StandardCharsets.UTF_8));
        return LambdaJar.event(DeployedSourcePublisherHandlerTest.class, file)
                .replace("${ResponseURL}", responseUrl)
                .replace("${Bucket}", BUCKET)
                .replace("${PhysicalResourceId}", physicalId)
                .replace("${DocumentKey}", key);
    }

    static String event(String file, String responseUrl, String document, String physicalId) {
        return event(s3, file, responseUrl, document, physicalId);
    }

    private JsonNode handle(String event, CloudFormationResponses cloudFormation) throws IOException {
        DeployedSourcePublisherHandler handler = new DeployedSourcePublisherHandler(client,
                new StructuredLog(DeployedSourcePublisherHandler.SERVICE, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return cloudFormation.responses().get(cloudFormation.responses().size() - 1);
    }

    @Test
    void create_writesTheDocument_andAnswersWithTheObjectAsPhysicalId() throws IOException {
        try (CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            // WHEN CloudFormation creates the orders source's config
            JsonNode answer = handle(event("cfn-deployed-source-create.json", cloudFormation.url(), orders().toJson(), ""),
                    cloudFormation);

            // THEN the object holds exactly that config, and CloudFormation hears SUCCESS with its URI
            assertEquals("SUCCESS", answer.path("Status").asText(), answer.toString());
            assertEquals("s3://" + BUCKET + "/sources/orders.json", answer.path("PhysicalResourceId").asText());
            String written = new String(s3.get(BUCKET, "sources/orders.json"), StandardCharsets.UTF_8);
            assertEquals(orders(), DeployedSource.fromJson(written, "written"));
        }
    }

    @Test
    void update_replacesTheDocument() throws IOException {
        try (CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            handle(event("cfn-deployed-source-create.json", cloudFormation.url(), orders().toJson(), ""), cloudFormation);
            DeployedSource changed = new DeployedSource("orders", orders().engine(), null, "changed_at", List.of());

            JsonNode answer = handle(event("cfn-deployed-source-update.json", cloudFormation.url(), changed.toJson(), ""),
                    cloudFormation);

            assertEquals("SUCCESS", answer.path("Status").asText(), answer.toString());
            assertEquals(changed, DeployedSource.fromJson(
                    new String(s3.get(BUCKET, "sources/orders.json"), StandardCharsets.UTF_8), "written"));
        }
    }

    @Test
    void badDocument_failsTheDeploy_andWritesNothing() throws IOException {
        try (CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            s3.createBucket("udong-dev-config-empty");
            String event = event("cfn-deployed-source-create.json", cloudFormation.url(), "{\"version\":7}", "")
                    .replace(BUCKET, "udong-dev-config-empty");

            JsonNode answer = handle(event, cloudFormation);

            assertEquals("FAILED", answer.path("Status").asText());
            assertTrue(answer.path("Reason").asText().contains("version must be 1"), answer.toString());
            assertTrue(s3.keys("udong-dev-config-empty", "").isEmpty());
        }
    }

    @Test
    void documentOfAnotherSource_failsTheDeploy_andWritesNothing() throws IOException {
        try (CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            s3.createBucket("udong-dev-config-other");
            DeployedSource payments = new DeployedSource("payments", orders().engine(), null, null, List.of());
            String event = event("cfn-deployed-source-create.json", cloudFormation.url(), payments.toJson(), "")
                    .replace(BUCKET, "udong-dev-config-other");

            JsonNode answer = handle(event, cloudFormation);

            assertEquals("FAILED", answer.path("Status").asText());
            assertTrue(answer.path("Reason").asText().contains("'payments'"), answer.toString());
            assertTrue(s3.keys("udong-dev-config-other", "").isEmpty());
        }
    }

    @Test
    void delete_removesTheObject_andAResourceThatNeverWroteOneSucceeds() throws IOException {
        try (CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            handle(event("cfn-deployed-source-create.json", cloudFormation.url(), orders().toJson(), ""), cloudFormation);

            JsonNode deleted = handle(event("cfn-deployed-source-delete.json", cloudFormation.url(), orders().toJson(),
                    "s3://" + BUCKET + "/sources/orders.json"), cloudFormation);
            JsonNode neverWritten = handle(event("cfn-deployed-source-delete.json", cloudFormation.url(), orders().toJson(),
                    "DeployedConfig"), cloudFormation);

            assertEquals("SUCCESS", deleted.path("Status").asText(), deleted.toString());
            assertTrue(s3.keys(BUCKET, "sources/").isEmpty());
            assertEquals("SUCCESS", neverWritten.path("Status").asText(), neverWritten.toString());
        }
    }
}
