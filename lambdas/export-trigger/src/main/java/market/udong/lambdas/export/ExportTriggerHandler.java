package market.udong.lambdas.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import market.udong.core.config.DeployedSources;
import market.udong.lambdas.config.S3DeployedSources;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.RdsClientBuilder;

/**
 * Starts the S3 export of a configured source's automated RDS snapshot. Invoked asynchronously by
 * EventBridge: on "automated snapshot created" events (RDS-EVENT-0091 for instances,
 * RDS-EVENT-0169 for Aurora clusters), on a schedule as a fallback that exports each source's
 * latest automated snapshot, or with {@code {"exportLatestOf": "<source>"}} for one source.
 *
 * <p>Returns {@code {"outcomes": [...]}} (see {@link ExportOutcome}). Throws
 * {@link RetryableExportException} only when an export failed in a way a retry may fix, so
 * Lambda's asynchronous retries and failure destination see exactly those; unknown sources and
 * snapshots are reported (ERROR log line and metric), not retried.
 *
 * <p>Environment: {@code UDONG_ENVIRONMENT}, {@code UDONG_EXPORTS_BUCKET}, {@code UDONG_KMS_KEY_ARN},
 * {@code UDONG_EXPORT_ROLE_ARN}, {@code UDONG_CONFIG_BUCKET} (keys in
 * {@link market.udong.core.naming.LambdaEnv}), plus the runtime's {@code AWS_REGION}. Which sources
 * to export, from which database and which tables, it reads from the deployed source configs in
 * the config bucket on each invocation (conditional GETs of what it has read before).
 */
public final class ExportTriggerHandler implements RequestStreamHandler {

    static final String SERVICE = "export-trigger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnapshotExportService service;
    private final StructuredLog log;

    /** For the Lambda runtime: builds the RDS and S3 clients once and reads the environment once. */
    public ExportTriggerHandler() {
        this(Region.of(requiredRegion()), ExportTriggerSettings.fromEnvironment(System::getenv));
    }

    private ExportTriggerHandler(Region region, ExportTriggerSettings settings) {
        this(rdsClient(region, EnvironmentVariableCredentialsProvider.create(), null), settings,
                new S3DeployedSources(S3Client.builder().region(region).credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                        settings.configBucket(), Duration.ZERO, Clock.systemUTC()),
                new StructuredLog(SERVICE, System.out, Clock.systemUTC()));
    }

    /** For tests: the given client, settings, deployed source configs and log. */
    public ExportTriggerHandler(RdsClient rds, ExportTriggerSettings settings, DeployedSources sources, StructuredLog log) {
        this.service = new SnapshotExportService(rds, settings, sources, log);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.startInvocation(context == null ? null : context.getAwsRequestId());
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (IOException e) {
            event = null;
        }
        List<ExportOutcome> outcomes = service.handle(TriggerEvent.parse(event));
        List<ExportOutcome> failed = outcomes.stream().filter(o -> o.status() == ExportStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            throw new RetryableExportException(failed.size() + " export(s) failed and will be retried: "
                    + failed.stream().map(ExportOutcome::reason).collect(Collectors.joining("; ")));
        }
        JSON.writeValue(output, Map.of("outcomes", outcomes));
    }

    /**
     * The RDS client the function uses: the JDK's HTTP stack (no Netty or Apache in the jar), an
     * explicit region, and a call timeout well inside the function's.
     *
     * @param endpoint an endpoint override (tests); null for the region's RDS endpoint
     */
    static RdsClient rdsClient(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        RdsClientBuilder builder = RdsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(40)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static String requiredRegion() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (the Lambda runtime sets it)");
        }
        return region;
    }
}
