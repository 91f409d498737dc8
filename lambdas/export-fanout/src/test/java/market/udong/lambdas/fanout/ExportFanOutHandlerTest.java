package market.udong.lambdas.fanout;

import market.udong.lambdas.logging.StructuredLog;

import market.udong.core.masking.MaskingTarget;
import market.udong.core.masking.MaskingMessages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class ExportFanOutHandlerTest {

    static final String SNAPSHOT = "arn:aws:rds:ap-northeast-2:111111111111:snapshot:rds:shop-2026-11-25-18-05";
    static LocalS3 s3;
    static S3Client s3Client;
    static SQSRestServer sqsServer;
    static SqsClient sqs;
    static AwsApiStub rdsApi;
    static RdsClient rds;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3Client = s3.client();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"));
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(LocalS3.REGION)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        rdsApi = new AwsApiStub();
        rds = RdsClient.builder().endpointOverride(rdsApi.endpoint()).region(LocalS3.REGION)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        rds.close();
        rdsApi.close();
        sqs.close();
        sqsServer.stopAndWait();
        s3Client.close();
        s3.close();
    }

    @Test
    void fanOut_queuesOneMessagePerExportedParquetFile() throws Exception {
        // GIVEN a completed export of two tables (three Parquet files plus RDS's info files)
        s3.createBucket("udong-test-exports");
        String root = "shop/2026/11/25/shop-2026-11-25-18-05/";
        for (String key : List.of("shop/shop.members/1/part-00000-a.gz.parquet", "shop/shop.members/2/part-00000-b.gz.parquet",
                "shop/shop.orders/1/part-00000-c.gz.parquet", "export_info_shop-2026-11-25-18-05.json",
                "export_tables_info_shop-2026-11-25-18-05_from_1_to_2.json")) {
            s3.put("udong-test-exports", root + key, new byte[] {1});
        }
        rdsApi.on("DescribeExportTasks", c -> Reply.xml(
                "<DescribeExportTasksResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeExportTasksResult>"
                        + "<ExportTasks><ExportTask><ExportTaskIdentifier>shop-2026-11-25-18-05</ExportTaskIdentifier>"
                        + "<SourceArn>" + SNAPSHOT + "</SourceArn><SnapshotTime>2026-11-25T18:05:00Z</SnapshotTime>"
                        + "<S3Bucket>udong-test-exports</S3Bucket><S3Prefix>shop/2026/11/25</S3Prefix><Status>COMPLETE</Status>"
                        + "</ExportTask></ExportTasks></DescribeExportTasksResult>"
                        + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeExportTasksResponse>"));
        String queueUrl = sqs.createQueue(b -> b.queueName("masking")).queueUrl();
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        ExportFanOutHandler handler = new ExportFanOutHandler(new ExportFanOutService(rds, s3Client, sqs, queueUrl),
                new StructuredLog(ExportFanOutHandler.SERVICE, new java.io.PrintStream(logs, true,
                        java.nio.charset.StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
        Map<String, Object> event;
        try (java.io.InputStream json = getClass().getResourceAsStream("/events/rds-snapshot-export-completed.json")) {
            event = new ObjectMapper().readValue(json, new TypeReference<>() { });
        }

        // WHEN the export-completed event arrives
        Map<String, Object> result = handler.handleRequest(event, null);

        // THEN RDS was asked about this snapshot's exports
        assertEquals(SNAPSHOT, AwsApiStub.formField(rdsApi.calls("DescribeExportTasks").get(0).body(), "SourceArn"));
        // AND one message per Parquet file sits in the queue, naming its table and snapshot date
        assertEquals(3, result.get("filesQueued"));
        TreeSet<String> bodies = new TreeSet<>();
        for (int i = 0; i < 5 && bodies.size() < 3; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                bodies.add(m.body());
            }
        }
        assertEquals(3, bodies.size());
        List<MaskingTarget> targets = bodies.stream().flatMap(b -> MaskingMessages.parse(b).stream()).toList();
        assertEquals(List.of("members", "members", "orders"), targets.stream().map(MaskingTarget::table).sorted().toList());
        MaskingTarget first = targets.stream().filter(t -> t.key().contains("/1/part-00000-a")).findFirst().orElseThrow();
        assertEquals("shop", first.source());
        assertEquals("shop", first.database());
        assertEquals("2026-11-25", first.snapshotDate().toString());
        assertEquals("shop/shop/members/dt=2026-11-25/1_part-00000-a.parquet", first.curatedKey());
        // AND one structured line says so
        com.fasterxml.jackson.databind.JsonNode line = new ObjectMapper().readTree(logs.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(3, line.get("files").asInt());
        assertEquals(SNAPSHOT, line.get("snapshotArn").asText());
    }

    @Test
    void fanOut_fails_whenTheSnapshotHasNoCompletedExport() {
        // GIVEN RDS knows no export of the snapshot
        AwsApiStub empty = new AwsApiStub().on("DescribeExportTasks", c -> Reply.xml(
                "<DescribeExportTasksResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeExportTasksResult>"
                        + "<ExportTasks/></DescribeExportTasksResult></DescribeExportTasksResponse>"));
        try (empty; RdsClient client = RdsClient.builder().endpointOverride(empty.endpoint()).region(LocalS3.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            ExportFanOutService service = new ExportFanOutService(client, s3Client, sqs, "http://unused");

            // WHEN / THEN the invocation fails (EventBridge retries, then the DLQ keeps the event)
            assertThrows(IllegalStateException.class, () -> service.fanOut(SNAPSHOT));
        }
    }
}
