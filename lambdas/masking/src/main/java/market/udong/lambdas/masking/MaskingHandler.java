package market.udong.lambdas.masking;

import market.udong.core.masking.MaskingTarget;
import market.udong.core.masking.MaskingMessages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import market.udong.core.config.DeployedSources;
import market.udong.lambdas.config.S3DeployedSources;
import market.udong.core.naming.LambdaEnv;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * SQS-triggered masking Lambda: each message names one file (export fan-out) or carries S3
 * events (DMS output). Messages that fail are reported as batch item failures, so only they are
 * retried (and end in the queue's DLQ after maxReceiveCount); a bad file is quarantined, which
 * counts as handled.
 *
 * <p>Environment: {@value LambdaEnv#CURATED_BUCKET}, {@value LambdaEnv#QUARANTINE_BUCKET},
 * {@value LambdaEnv#HMAC_SECRET_ARN}, {@value LambdaEnv#CONFIG_BUCKET} and optional
 * {@value LambdaEnv#GLUE_CATALOG_ID}; {@code AWS_REGION} is set by Lambda. Column policies come
 * from each source's deployed config in the config bucket, checked again (a conditional GET) for
 * every file, so a policy deployed a moment ago applies to the next file.
 *
 * <p>SnapStart: the runtime constructor runs before the snapshot. It builds the SDK clients and
 * reads its environment, but makes no request, so no connection, credential or DNS answer is
 * captured in the snapshot; the HMAC key is fetched from Secrets Manager on the first file after
 * restore ({@link HmacKeySource}) and never lives in a snapshot. Nothing here draws random numbers
 * (hashing is keyed HMAC, part buffers and upload threads are made per file), so no restore hook
 * is needed.
 */
public class MaskingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final MaskingService service;
    private final MaskingMetrics log;

    /** Runtime constructor: clients built once per container. */
    public MaskingHandler() {
        this(new MaskingMetrics());
    }

    private MaskingHandler(MaskingMetrics metrics) {
        this(fromEnvironment(metrics), metrics);
    }

    public MaskingHandler(MaskingService service, MaskingMetrics log) {
        this.service = service;
        this.log = log;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        log.log().startInvocation(context == null ? null : context.getAwsRequestId());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (MaskingTarget target : MaskingMessages.parse(message.getBody())) {
                    MaskingService.Outcome outcome = service.process(target);
                    log.info("processed", Map.of("outcome", outcome.name(), "input", "s3://" + target.bucket() + "/" + target.key()));
                }
            } catch (RuntimeException e) {
                log.warn("message failed and will be retried", Map.of("messageId", message.getMessageId(), "error", e.toString()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static MaskingService fromEnvironment(MaskingMetrics metrics) {
        Region region = Region.of(required("AWS_REGION"));
        S3Client s3 = S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build();
        GlueClient glue = GlueClient.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build();
        SecretsManagerClient secrets = SecretsManagerClient.builder().region(region)
                .httpClient(UrlConnectionHttpClient.create()).build();
        DeployedSources policies = new S3DeployedSources(s3, required(LambdaEnv.CONFIG_BUCKET), Duration.ZERO, Clock.systemUTC());
        return new MaskingService(s3, new CatalogPartitions(glue, System.getenv(LambdaEnv.GLUE_CATALOG_ID)),
                new HmacKeySource(secrets, required(LambdaEnv.HMAC_SECRET_ARN)), policies,
                required(LambdaEnv.CURATED_BUCKET), required(LambdaEnv.QUARANTINE_BUCKET),
                metrics, Clock.systemUTC());
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return v;
    }
}
