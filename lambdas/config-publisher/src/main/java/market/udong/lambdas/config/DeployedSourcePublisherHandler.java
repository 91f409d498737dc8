package market.udong.lambdas.config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import market.udong.core.config.DeployedSource;
import market.udong.core.naming.Names;
import market.udong.lambdas.cloudformation.CustomResourceResponse;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Serves {@code Custom::DeployedSource}: each source's stack declares one, whose properties
 * {@value #BUCKET} and {@value #KEY} name the object to write in the config bucket, and
 * {@value #DOCUMENT_BUCKET} and {@value #DOCUMENT_KEY} the {@link DeployedSource} JSON the CDK CLI
 * uploaded as a file asset (a new document is a new asset key, so CloudFormation sends an Update).
 * Create and Update read the document, check that it parses and belongs to the source the key
 * names (so a bad one fails the deploy instead of the functions that read it), and write it;
 * Delete removes it, so a removed source is no longer exported or masked. The physical id is the
 * object's {@code s3://} URI: a new key makes CloudFormation delete the old object after the update.
 */
public final class DeployedSourcePublisherHandler implements RequestStreamHandler {

    /** Custom resource properties. */
    public static final String BUCKET = "Bucket";
    public static final String KEY = "Key";
    public static final String DOCUMENT_BUCKET = "DocumentBucket";
    public static final String DOCUMENT_KEY = "DocumentKey";

    static final String SERVICE = "deployed-source-publisher";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final StructuredLog log;

    /** For the Lambda runtime: the S3 client over the JDK's HTTP stack, the region from the runtime. */
    public DeployedSourcePublisherHandler() {
        this(S3Client.builder().region(Region.of(System.getenv("AWS_REGION")))
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                new StructuredLog(SERVICE, System.out, Clock.systemUTC()));
    }

    /** For tests: the given client and log. */
    public DeployedSourcePublisherHandler(S3Client s3, StructuredLog log) {
        this.s3 = s3;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.startInvocation(context == null ? null : context.getAwsRequestId());
        JsonNode event = JSON.readTree(input);
        String requestType = event.path("RequestType").asText();
        JsonNode props = event.path("ResourceProperties");
        String bucket = props.path(BUCKET).asText();
        String key = props.path(KEY).asText();
        String uri = "s3://" + bucket + "/" + key;
        CustomResourceResponse response;
        try {
            if ("Delete".equals(requestType)) {
                String physicalId = event.path("PhysicalResourceId").asText();
                response = delete(physicalId);
            } else {
                String asset = "s3://" + props.path(DOCUMENT_BUCKET).asText() + "/" + props.path(DOCUMENT_KEY).asText();
                String text = s3.getObjectAsBytes(b -> b.bucket(props.path(DOCUMENT_BUCKET).asText())
                        .key(props.path(DOCUMENT_KEY).asText())).asUtf8String();
                DeployedSource config = DeployedSource.fromJson(text, asset);
                if (!Names.deployedSourceKey(config.source()).equals(key)) {
                    throw new IllegalArgumentException(asset + " is the config of source '" + config.source()
                            + "', which belongs at " + Names.deployedSourceKey(config.source()) + ", not " + key);
                }
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                        RequestBody.fromString(config.toJson()));
                log.info("wrote the deployed config of a source", Map.of("source", config.source(), "object", uri,
                        "tables", config.tables().size()));
                response = CustomResourceResponse.success("wrote " + uri, uri);
            }
        } catch (RuntimeException e) {
            log.error("could not publish the deployed config", Map.of("requestType", requestType, "object", uri,
                    "reason", String.valueOf(e.getMessage())));
            String physicalId = event.hasNonNull("PhysicalResourceId") ? event.get("PhysicalResourceId").asText() : uri;
            response = CustomResourceResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), physicalId);
        }
        output.write(response.sendFor(event));
    }

    /** Removes the object a resource wrote; a resource whose create failed wrote none. */
    private CustomResourceResponse delete(String physicalId) {
        if (!physicalId.startsWith("s3://") || physicalId.indexOf('/', 5) < 0) {
            return CustomResourceResponse.success("nothing was written", physicalId);
        }
        String bucket = physicalId.substring(5, physicalId.indexOf('/', 5));
        String key = physicalId.substring(physicalId.indexOf('/', 5) + 1);
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        log.info("deleted the deployed config of a source", Map.of("object", physicalId));
        return CustomResourceResponse.success("deleted " + physicalId, physicalId);
    }
}
