package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import market.udong.core.config.ConfigLoader;
import market.udong.core.masking.ColumnMasks;
import market.udong.lambdas.logging.StructuredLog;
import java.util.Optional;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class MaskingHandlerTest {

    static final String EXPORTS = "udong-test-exports";
    static final String RAW = "udong-test-raw";
    static final String CURATED = "udong-test-curated";
    static final String QUARANTINE = "udong-test-quarantine";
    static final String SECRET = "0123456789abcdef0123456789abcdef-dev";
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build();

    static LocalS3 s3;
    static S3Client s3Client;
    static AwsApiStub aws;
    static DuckDb db;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3Client = s3.client();
        for (String b : List.of(EXPORTS, RAW, CURATED, QUARANTINE)) {
            s3.createBucket(b);
        }
        aws = new AwsApiStub();
        db = DuckDb.open();
    }

    @AfterAll
    static void stop() {
        db.close();
        aws.close();
        s3Client.close();
        s3.close();
    }

    static <T> T client(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, T> builder) {
        builder.endpointOverride(aws.endpoint()).region(LocalS3.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        ((software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?>) builder)
                .httpClient(UrlConnectionHttpClient.create());
        return builder.build();
    }

    @Test
    void handler_masksGoodFiles_quarantinesBadOnes_andRetriesOnlyMalformedMessages(@TempDir Path dir) throws Exception {
        // GIVEN an export file, a corrupt export file, a file of an unconfigured table and a DMS CDC file
        String prefix = "shop/2026/11/25/shop-2026-11-25-18-05/shop/";
        Path good = TestFiles.write(db, TestFiles.membersSql(3000), dir.resolve("good.parquet"), "gzip", 1024);
        s3.put(EXPORTS, prefix + "shop.members/1/part-00000-5a1f.gz.parquet", Files.readAllBytes(good));
        byte[] goodBytes = Files.readAllBytes(good);
        s3.put(EXPORTS, prefix + "shop.members/1/part-00001-5a1f.gz.parquet",
                java.util.Arrays.copyOf(goodBytes, goodBytes.length - 100));
        s3.put(EXPORTS, prefix + "shop.coupons/1/part-00000-77aa.gz.parquet", goodBytes);
        Path cdc = TestFiles.write(db, "SELECT 'I' AS Op, TIMESTAMP '2026-11-25 10:15:30' AS dms_commit_ts, range AS order_id,"
                + " 7 AS member_id, '010-5555-0000' AS recipient_phone, TIMESTAMP '2026-11-25 10:00:00' AS ordered_at"
                + " FROM range(10)", dir.resolve("cdc.parquet"), "snappy", 100);
        s3.put(RAW, "dms/shop/shop/orders/20261125-101530123.parquet", Files.readAllBytes(cdc));
        // AND a Glue catalog whose table does not exist yet, and the HMAC secret
        int[] partitions = {0};
        aws.on("GetSecretValue", c -> Reply.json("{\"ARN\":\"arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:udong-dev-hmac\","
                        + "\"Name\":\"udong-dev-hmac\",\"SecretString\":\"" + SECRET + "\"}"))
                .on("CreatePartition", c -> ++partitions[0] == 1
                        ? Reply.jsonError(400, "EntityNotFoundException", "Table members not found")
                        : Reply.json("{}"))
                .on("CreateTable", c -> Reply.json("{}"));
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        MaskingMetrics log = metrics(new PrintStream(logs, true, StandardCharsets.UTF_8));
        MaskingHandler handler = new MaskingHandler(service(log), log);
        SQSEvent event = JSON.readValue(getClass().getResourceAsStream("/events/masking-sqs-batch.json"), SQSEvent.class);

        // WHEN the batch is handled
        SQSBatchResponse response = handler.handleRequest(event, null);

        // THEN only the malformed message is reported for retry
        assertEquals(List.of("c3a1f7e2-0004-4a0b-9a57-1f1b3c1d0004"),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        // AND the good export file is in the curated zone under its deterministic key, fully masked
        Path out = download(CURATED, "shop/shop/members/dt=2026-11-25/1_part-00000-5a1f.parquet", dir);
        assertEquals(3000, db.count(out));
        ColumnMasks masks = ColumnMasks.fromSecretString(SECRET);
        assertEquals(masks.hash("member1@udong.market"),
                db.value("SELECT email_hash FROM read_parquet('" + out + "') WHERE member_id = 1"));
        // AND the DMS file is curated with Op kept, partitioned by its event date
        Path dms = download(CURATED, "shop/shop/orders/dt=2026-11-25/20261125-101530123.parquet", dir);
        assertEquals("I", db.value("SELECT DISTINCT Op FROM read_parquet('" + dms + "')"));
        // AND the corrupt and unconfigured files are quarantined with a reason beside them
        JsonNode corrupt = JSON.readTree(s3.get(QUARANTINE, prefix + "shop.members/1/part-00001-5a1f.gz.parquet.reason.json"));
        assertEquals("unreadable", corrupt.get("kind").asText());
        JsonNode unconfigured = JSON.readTree(s3.get(QUARANTINE, prefix + "shop.coupons/1/part-00000-77aa.gz.parquet.reason.json"));
        assertEquals("no-policy", unconfigured.get("kind").asText());
        assertEquals(goodBytes.length, s3.get(QUARANTINE, prefix + "shop.coupons/1/part-00000-77aa.gz.parquet").length);
        assertEquals(List.of(), s3.keys(CURATED, "shop/shop/coupons/"));
        // AND the catalog got the table once and a partition per curated file; the key was fetched once
        assertEquals(1, aws.calls("CreateTable").size());
        JsonNode table = JSON.readTree(aws.calls("CreateTable").get(0).body());
        assertEquals("shop", table.get("DatabaseName").asText());
        assertEquals("members", table.at("/TableInput/Name").asText());
        assertEquals("dt", table.at("/TableInput/PartitionKeys/0/Name").asText());
        assertEquals("s3://" + CURATED + "/shop/shop/members/", table.at("/TableInput/StorageDescriptor/Location").asText());
        Set<String> columnTypes = java.util.stream.StreamSupport.stream(table.at("/TableInput/StorageDescriptor/Columns").spliterator(), false)
                .map(c -> c.get("Name").asText() + ":" + c.get("Type").asText()).collect(Collectors.toSet());
        assertTrue(columnTypes.containsAll(Set.of("email_hash:string", "points:bigint", "balance:decimal(12,2)",
                "marketing_opt_in:boolean", "updated_at:timestamp")), columnTypes.toString());
        JsonNode partition = JSON.readTree(aws.calls("CreatePartition").get(1).body());
        assertEquals("2026-11-25", partition.at("/PartitionInput/Values/0").asText());
        assertEquals(1, aws.calls("GetSecretValue").size());
        // AND every line is one structured JSON object of the masking service, metrics in embedded metric format
        String lines = logs.toString(StandardCharsets.UTF_8);
        for (String line : lines.lines().toList()) {
            assertEquals("udong-masking", JSON.readTree(line).get("service").asText(), line);
        }
        assertTrue(lines.contains("\"FilesQuarantined\":1") && lines.contains("\"UnknownColumnsDropped\":1")
                && lines.contains("\"Namespace\":\"Udong/Masking\""), lines);
        assertTrue(lines.contains("\"message\":\"message failed and will be retried\""), lines);
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T19:00:00Z"), ZoneOffset.UTC);

    private static MaskingMetrics metrics(PrintStream out) {
        return new MaskingMetrics(new StructuredLog(MaskingMetrics.SERVICE, out, CLOCK), "dev");
    }

    private static MaskingService service(MaskingMetrics metrics) throws Exception {
        DeployedSources policies = DeployedSources.of(List.of(DeployedSource.of(new ConfigLoader().loadSource(
                Path.of(MaskingHandlerTest.class.getResource("/sources/shop.yaml").toURI())), Optional.of("shop-db"))));
        return new MaskingService(s3Client,
                new CatalogPartitions(client(GlueClient.builder()), null),
                new HmacKeySource(client(SecretsManagerClient.builder()), "udong-dev-hmac"),
                policies, CURATED, QUARANTINE,
                metrics, CLOCK);
    }

    private static Path download(String bucket, String key, Path dir) throws Exception {
        Path file = dir.resolve(key.replace('/', '_'));
        Files.write(file, s3.get(bucket, key));
        return file;
    }
}
