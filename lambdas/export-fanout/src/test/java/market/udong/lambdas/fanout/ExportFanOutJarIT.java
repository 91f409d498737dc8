package market.udong.lambdas.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import market.udong.core.masking.MaskingMessages;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import market.udong.core.testing.LambdaJar;
import market.udong.core.testing.LocalS3;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The packaged {@code udong-export-fanout-lambda.jar}, alone on a fresh JVM's class path: a completed
 * export's event makes it ask RDS for the export, list the exported files in S3 and queue one masking
 * message per Parquet file, with nothing but the environment infra sets.
 */
class ExportFanOutJarIT {

    @Test
    void shadedJar_queuesTheExportedFiles_withNothingElseOnTheClassPath() throws Exception {
        SQSRestServer sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());
        try (LocalS3 s3 = LocalS3.start(); AwsApiStub rds = new AwsApiStub();
             SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(LocalS3.REGION)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            // GIVEN an export of one Parquet file and RDS's info file, and the masking queue
            s3.createBucket("udong-test-exports");
            String root = "shop/2026/11/25/shop-2026-11-25-18-05/";
            s3.put("udong-test-exports", root + "shop/shop.members/1/part-00000-a.gz.parquet", new byte[] {1});
            s3.put("udong-test-exports", root + "export_info_shop-2026-11-25-18-05.json", new byte[] {1});
            rds.on("DescribeExportTasks", c -> Reply.xml(
                    "<DescribeExportTasksResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeExportTasksResult>"
                            + "<ExportTasks><ExportTask><ExportTaskIdentifier>shop-2026-11-25-18-05</ExportTaskIdentifier>"
                            + "<SourceArn>" + ExportFanOutHandlerTest.SNAPSHOT + "</SourceArn>"
                            + "<SnapshotTime>2026-11-25T18:05:00Z</SnapshotTime><S3Bucket>udong-test-exports</S3Bucket>"
                            + "<S3Prefix>shop/2026/11/25</S3Prefix><Status>COMPLETE</Status></ExportTask></ExportTasks>"
                            + "</DescribeExportTasksResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                            + "</DescribeExportTasksResponse>"));
            String queueUrl = sqs.createQueue(b -> b.queueName("masking")).queueUrl();

            // WHEN the export-completed event reaches the function in the jar
            LambdaJar.Result run = LambdaJar.invoke(Path.of("target", "udong-export-fanout-lambda.jar"),
                    "market.udong.lambdas.fanout.ExportFanOutHandler", "java.util.Map", LambdaJar.with(s3.sdkEnvironment(), Map.of(
                            "AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString(),
                            "AWS_ENDPOINT_URL_RDS", rds.endpoint().toString(),
                            LambdaEnv.MASKING_QUEUE_URL, queueUrl)),
                    LambdaJar.event(getClass(), "rds-snapshot-export-completed.json"));

            // THEN exactly the Parquet file is queued for masking
            assertEquals(0, run.exitCode(), run.output());
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertEquals(1, messages.size(), run.output());
            assertEquals("members", MaskingMessages.parse(messages.get(0).body()).get(0).table());
        } finally {
            sqsServer.stopAndWait();
        }
    }
}
