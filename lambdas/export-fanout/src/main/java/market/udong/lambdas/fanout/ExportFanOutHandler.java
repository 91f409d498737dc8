package market.udong.lambdas.fanout;

import market.udong.core.masking.MaskingTarget;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.LambdaEnv;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EventBridge-triggered Lambda for RDS "snapshot export completed" events (detail-type
 * {@code RDS DB Snapshot Event} or {@code RDS DB Cluster Snapshot Event}): queues each exported
 * Parquet file for the masking Lambda. The event's {@code detail.SourceArn} is the snapshot.
 *
 * <p>Environment: {@value LambdaEnv#MASKING_QUEUE_URL}; {@code AWS_REGION} is set by Lambda.
 * An error fails the invocation, so EventBridge's async retries and the function's DLQ apply.
 */
public class ExportFanOutHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The {@code service} field of the function's log lines. */
    public static final String SERVICE = "udong-export-fanout";

    private final ExportFanOutService service;
    private final StructuredLog log;

    public ExportFanOutHandler() {
        this(fromEnvironment(), new StructuredLog(SERVICE, System.out, Clock.systemUTC()));
    }

    public ExportFanOutHandler(ExportFanOutService service, StructuredLog log) {
        this.service = service;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        log.startInvocation(context == null ? null : context.getAwsRequestId());
        Object detail = event.get("detail");
        Object arn = detail instanceof Map<?, ?> d ? d.get("SourceArn") : null;
        if (arn == null) {
            throw new IllegalArgumentException("event has no detail.SourceArn; expected an RDS snapshot event");
        }
        List<MaskingTarget> files = service.fanOut(arn.toString());
        log.info("queued the snapshot's files for masking", Map.of("snapshotArn", arn.toString(), "files", files.size()));
        return Map.of("snapshotArn", arn.toString(), "filesQueued", files.size());
    }

    private static ExportFanOutService fromEnvironment() {
        Region region = Region.of(System.getenv("AWS_REGION"));
        String queueUrl = System.getenv(LambdaEnv.MASKING_QUEUE_URL);
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException("environment variable " + LambdaEnv.MASKING_QUEUE_URL + " is not set");
        }
        return new ExportFanOutService(
                RdsClient.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build(),
                S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build(),
                SqsClient.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build(),
                queueUrl);
    }
}
