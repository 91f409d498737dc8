package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.MaskingTarget;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.LogLines;
import market.udong.lambdas.logging.StructuredLog;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link MaskingService} from S3 to S3 against S3Proxy: ranged reads, multipart output, and what
 * happens to the upload when reading, masking or uploading fails.
 */
class MaskingServiceTest {

    static final String EXPORTS = "udong-test-exports";
    static final String CURATED = "udong-test-curated";
    static final String QUARANTINE = "udong-test-quarantine";
    static final String SECRET = "0123456789abcdef0123456789abcdef-dev";
    static final String PREFIX = "shop/2026/11/25/shop-2026-11-25-18-05/shop/shop.members/";
    static final int PART = S3MultipartOutputFile.MIN_PART_SIZE;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T19:00:00Z"), ZoneOffset.UTC);

    static LocalS3 s3;
    static AwsApiStub aws;
    static SecretsManagerClient secrets;
    static DuckDb db;
    static DeployedSources policies;
    static TableConfig members;
    /**
     * A page_views file of about 12 MB whose masked output is more than two 5 MiB parts: a wide kept
     * column (copied without decoding, so the test stays quick) and a hashed one.
     */
    static byte[] large;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        s3 = LocalS3.start();
        for (String b : List.of(EXPORTS, CURATED, QUARANTINE)) {
            s3.createBucket(b);
        }
        aws = new AwsApiStub();
        aws.on("GetSecretValue", c -> Reply.json("{\"Name\":\"udong-dev-hmac\",\"SecretString\":\"" + SECRET + "\"}"));
        secrets = SecretsManagerClient.builder().endpointOverride(aws.endpoint()).region(LocalS3.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        db = DuckDb.open();
        policies = DeployedSources.of(List.of(DeployedSource.of(new ConfigLoader().loadSource(
                Path.of(MaskingServiceTest.class.getResource("/sources/shop.yaml").toURI())), Optional.of("shop-db"))));
        members = policies.source("shop").orElseThrow().table("shop", "members").orElseThrow();
        String html = String.join(" || ", java.util.stream.IntStream.range(0, 64)
                .mapToObj(i -> "md5((range * 64 + " + i + ")::VARCHAR)").toList());
        large = Files.readAllBytes(TestFiles.write(db, "SELECT range AS view_id, 'member' || range || '@udong.market' AS member_email, "
                + html + " AS page_html FROM range(6000)", dir.resolve("large.parquet"), "uncompressed", 500));
        assertTrue(large.length > 2 * PART, "input of " + large.length + " bytes");
    }

    @AfterAll
    static void stop() {
        db.close();
        secrets.close();
        aws.close();
        s3.close();
    }

    static MaskingService service(S3Client client, int readAhead) {
        return service(client, readAhead, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** A service whose structured log lines go to {@code log}. */
    static MaskingService service(S3Client client, int readAhead, PrintStream log) {
        return new MaskingService(client, null, new HmacKeySource(secrets, "udong-dev-hmac"), policies, CURATED, QUARANTINE,
                new MaskingMetrics(new StructuredLog(MaskingMetrics.SERVICE, log, CLOCK), "dev"), CLOCK,
                new MaskingService.TransferSizes(PART, readAhead));
    }

    /** The log lines whose message starts with {@code message}, as JSON. */
    static List<JsonNode> logged(ByteArrayOutputStream log, String message) {
        return LogLines.withMessage(log, message);
    }

    static MaskingTarget target(String name) {
        return new MaskingTarget(EXPORTS, PREFIX + name, "shop", "shop", "members", LocalDate.of(2026, 11, 25), false);
    }

    static MaskingTarget pageViews(String name) {
        return new MaskingTarget(EXPORTS, "shop/2026/11/25/shop-2026-11-25-18-05/shop/shop.page_views/" + name,
                "shop", "shop", "page_views", LocalDate.of(2026, 11, 25), false);
    }

    /** Puts {@link #large} at the target's key, and calls that replace it (one bit changed) once the output upload starts. */
    static S3Calls replacedOnceTheUploadStarts(MaskingTarget target) {
        s3.put(EXPORTS, target.key(), large);
        byte[] replacement = java.util.Arrays.copyOf(large, large.length);
        replacement[large.length / 2] ^= 1;
        return new S3Calls().once(r -> r instanceof CreateMultipartUploadRequest, r -> s3.put(EXPORTS, target.key(), replacement));
    }

    static List<String> pendingUploads(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(CURATED)).uploads().stream().map(u -> u.key()).toList();
    }

    static JsonNode reason(MaskingTarget t) throws Exception {
        return JSON.readTree(s3.get(QUARANTINE, t.key() + ".reason.json"));
    }

    @Test
    void process_multiRowGroupFile_writesWhatTheLocalPathWrites_withAFewGetsPerRowGroup(@TempDir Path dir) throws Exception {
        // GIVEN an RDS-export-shaped file of 20,000 members in row groups of 2,048 rows, in S3
        Path in = TestFiles.write(db, TestFiles.membersSql(20_000), dir.resolve("in.parquet"), "gzip", 2048);
        MaskingTarget target = target("1/part-00000-rowgroups.gz.parquet");
        s3.put(EXPORTS, target.key(), Files.readAllBytes(in));
        // AND what bin/mask's local-file path makes of it
        Path local = dir.resolve("local.parquet");
        MaskingReport expected = new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(local), members,
                ColumnMasks.fromSecretString(SECRET));

        for (int readAhead : List.of(S3ParquetFile.DEFAULT_READ_AHEAD, S3ParquetFile.BACKWARD_BLOCK)) {
            S3Calls calls = new S3Calls();
            try (S3Client client = calls.client(s3)) {
                // WHEN the service masks it from S3 to S3
                assertEquals(MaskingService.Outcome.MASKED, service(client, readAhead).process(target));

                // THEN the curated object is byte for byte the local path's output
                byte[] curated = s3.get(CURATED, target.curatedKey());
                assertArrayEquals(Files.readAllBytes(local), curated, "read-ahead " + readAhead);
                Path copy = Files.write(dir.resolve("curated-" + readAhead + ".parquet"), curated);
                assertEquals(20_000, db.count(copy));
                if (readAhead == S3ParquetFile.DEFAULT_READ_AHEAD) {
                    // AND the input took a GET per run of re-encoded columns per row group, the footer and one
                    // read-ahead window: fewer GETs than column chunks read, let alone pages
                    long gets = calls.count("GetObject");
                    long reEncoded = expected.columns().stream().filter(c -> !c.copied()).count();
                    long chunksRead = (long) expected.rowGroups() * expected.columns().size();
                    assertTrue(expected.rowGroups() >= 9, "row groups: " + expected.rowGroups());
                    assertTrue(gets <= 2 + expected.rowGroups() * reEncoded && gets < chunksRead,
                            gets + " GETs for " + expected.rowGroups() + " row groups: " + calls.getRanges());
                    assertEquals(1, calls.count("PutObject"), "an output under one part is one PutObject");
                }
            }
        }
    }

    @Test
    void process_outputLargerThanAPart_isUploadedInParts() throws Exception {
        // GIVEN a file whose masked output is more than one 5 MiB part
        MaskingTarget target = pageViews("1/part-00001-large.parquet");
        s3.put(EXPORTS, target.key(), large);
        S3Calls calls = new S3Calls();
        try (S3Client client = calls.client(s3)) {
            // WHEN it is masked
            assertEquals(MaskingService.Outcome.MASKED, service(client, S3ParquetFile.DEFAULT_READ_AHEAD).process(target));

            // THEN the output went up in parts and was completed, with nothing left pending
            assertTrue(calls.count("UploadPart") >= 2, calls.calls().toString());
            assertEquals(1, calls.count("CompleteMultipartUpload"));
            assertEquals(0, calls.count("PutObject"));
            assertEquals(List.of(), pendingUploads(client));
            assertEquals(MaskingService.PARQUET_CONTENT_TYPE,
                    client.headObject(b -> b.bucket(CURATED).key(target.curatedKey())).contentType());
            Path copy = Files.createTempFile("curated-large", ".parquet");
            try {
                Files.write(copy, s3.get(CURATED, target.curatedKey()));
                assertEquals(6000, db.count(copy));
            } finally {
                Files.delete(copy);
            }
        }
    }

    @Test
    void process_quarantinesAsChanged_andAbortsTheUpload_whenTheInputIsReplacedMidRead() throws Exception {
        // GIVEN a large file that is replaced by another as soon as the output upload starts (the first part is full)
        MaskingTarget target = pageViews("1/part-00002-replaced.parquet");
        S3Calls calls = replacedOnceTheUploadStarts(target);
        try (S3Client client = calls.client(s3)) {
            // WHEN it is masked
            MaskingService.Outcome outcome = service(client, S3ParquetFile.DEFAULT_READ_AHEAD).process(target);

            // THEN the read stopped at the first GET after the change, and the file is quarantined with that reason
            assertEquals(MaskingService.Outcome.QUARANTINED, outcome);
            JsonNode why = reason(target);
            assertEquals("changed", why.get("kind").asText());
            assertTrue(why.get("reason").asText().contains("changed while it was read"), why.toString());
            // AND the started upload was aborted: no curated object, no pending upload
            assertEquals(1, calls.count("CreateMultipartUpload"));
            assertEquals(1, calls.count("AbortMultipartUpload"));
            assertEquals(0, calls.count("CompleteMultipartUpload"));
            assertEquals(List.of(), s3.keys(CURATED, target.curatedKey()));
            assertEquals(List.of(), pendingUploads(client));
            // AND every GET after the first (the tail, which learns the ETag) was conditional on it
            List<GetObjectRequest> gets = calls.calls().stream().filter(c -> c.request() instanceof GetObjectRequest)
                    .map(c -> (GetObjectRequest) c.request()).toList();
            assertEquals("bytes=-" + S3ParquetFile.TAIL_BYTES, gets.get(0).range());
            assertTrue(gets.stream().skip(1).allMatch(g -> g.ifMatch() != null && g.ifMatch().equals(gets.get(1).ifMatch())),
                    gets.toString());
        }
    }

    @Test
    void process_abortsTheUpload_andThrowsForARetry_whenAPartUploadFails() throws Exception {
        // GIVEN a connection that breaks when the second output part is sent
        MaskingTarget target = pageViews("1/part-00003-broken-upload.parquet");
        s3.put(EXPORTS, target.key(), large);
        S3Calls calls = new S3Calls().failWhen(r -> r instanceof UploadPartRequest u && u.partNumber() == 2);
        try (S3Client client = calls.client(s3)) {
            // WHEN it is masked
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> service(client, S3ParquetFile.DEFAULT_READ_AHEAD).process(target));

            // THEN the message will be retried (a transfer failure says nothing about the file) ...
            assertTrue(e.getMessage().contains("will retry"), e.getMessage());
            assertEquals(List.of(), s3.keys(QUARANTINE, target.key()));
            // AND the upload was aborted: no curated object, no pending upload
            assertEquals(List.of(), s3.keys(CURATED, target.curatedKey()));
            assertEquals(List.of(), pendingUploads(client));
        }
    }

    @Test
    void process_quarantinesEmptyAndCorruptFiles_asUnreadable_andSkipsMissingOnes() throws Exception {
        MaskingTarget empty = target("1/part-00004-empty.parquet");
        MaskingTarget corrupt = target("1/part-00005-corrupt.parquet");
        // GIVEN an empty object, and one that only looks like Parquet at both ends
        s3.put(EXPORTS, empty.key(), new byte[0]);
        byte[] garbage = S3ParquetFileTest.randomBytes(200_000, 5);
        System.arraycopy("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage, 0, 4);
        System.arraycopy("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage, garbage.length - 4, 4);
        s3.put(EXPORTS, corrupt.key(), garbage);
        try (S3Client client = s3.client()) {
            MaskingService service = service(client, S3ParquetFile.DEFAULT_READ_AHEAD);

            // WHEN they are masked
            // THEN both are quarantined as unreadable, with the object itself copied beside the reason
            for (MaskingTarget t : List.of(empty, corrupt)) {
                assertEquals(MaskingService.Outcome.QUARANTINED, service.process(t), t.key());
                assertEquals("unreadable", reason(t).get("kind").asText());
                assertEquals(List.of(), s3.keys(CURATED, t.curatedKey()));
            }
            assertEquals(0, s3.get(QUARANTINE, empty.key()).length);
            assertArrayEquals(garbage, s3.get(QUARANTINE, corrupt.key()));
            assertEquals(List.of(), pendingUploads(client));
            // AND a file deleted before its message is handled is skipped, and the log says so
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(MaskingService.Outcome.GONE, service(client, S3ParquetFile.DEFAULT_READ_AHEAD,
                    new PrintStream(log, true, StandardCharsets.UTF_8)).process(target("1/part-00006-missing.parquet")));
            List<JsonNode> skipped = logged(log, "skipped: the object no longer exists");
            assertEquals(1, skipped.size(), log.toString(StandardCharsets.UTF_8));
            assertTrue(skipped.get(0).path("input").asText().endsWith("part-00006-missing.parquet"), skipped.get(0).toString());
        }
    }

    @Test
    void process_quarantinesAValueThatBreaksThePolicy_andAbortsTheUploadItHadStarted(@TempDir Path dir) throws Exception {
        // GIVEN 120,000 members whose opt-in is text ('0'/'1', typed boolean by the config), the last one
        // 'maybe': the masker meets it only after more than a part of output has been uploaded
        String sql = "SELECT * REPLACE (CASE WHEN member_id = 119999 THEN 'maybe' ELSE marketing_opt_in::VARCHAR END"
                + " AS marketing_opt_in) FROM (" + TestFiles.membersSql(120_000) + ")";
        MaskingTarget target = target("1/part-00010-bad-value.parquet");
        s3.put(EXPORTS, target.key(), Files.readAllBytes(TestFiles.write(db, sql, dir.resolve("in.parquet"), "snappy", 10_000)));
        S3Calls calls = new S3Calls();
        try (S3Client client = calls.client(s3)) {
            // WHEN it is masked
            MaskingService.Outcome outcome = service(client, S3ParquetFile.DEFAULT_READ_AHEAD).process(target);

            // THEN it is quarantined for the value's column, after parts had gone up ...
            assertEquals(MaskingService.Outcome.QUARANTINED, outcome);
            JsonNode why = reason(target);
            assertEquals("policy", why.get("kind").asText(), why.toString());
            assertTrue(why.get("reason").asText().contains("marketing_opt_in"), why.toString());
            assertTrue(calls.count("UploadPart") >= 1, "parts sent before the bad value: " + calls.count("UploadPart"));
            // ... and the upload was aborted: nothing in curated, nothing pending
            assertEquals(1, calls.count("AbortMultipartUpload"));
            assertEquals(List.of(), s3.keys(CURATED, target.curatedKey()));
            assertEquals(List.of(), pendingUploads(client));
        }
    }

    @Test
    void process_warnsWithTheColumnAndTheFix_whenItDropsAnUnclassifiedColumn(@TempDir Path dir) throws Exception {
        // GIVEN a members file with a column the config does not classify (members: onUnknownColumn: drop)
        MaskingTarget target = target("1/part-00007-unclassified.parquet");
        s3.put(EXPORTS, target.key(), Files.readAllBytes(TestFiles.write(db, TestFiles.membersSql(100),
                dir.resolve("in.parquet"), "gzip", 2048)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (S3Client client = s3.client()) {
            // WHEN it is masked
            assertEquals(MaskingService.Outcome.MASKED, service(client, S3ParquetFile.DEFAULT_READ_AHEAD,
                    new PrintStream(log, true, StandardCharsets.UTF_8)).process(target));
        }
        // THEN the log warns once, naming the table, the column and the file to classify it in
        List<JsonNode> warnings = logged(log, "dropped unclassified column(s)");
        assertEquals(1, warnings.size(), log.toString(StandardCharsets.UTF_8));
        JsonNode warning = warnings.get(0);
        assertEquals("WARN", warning.path("level").asText(), warning.toString());
        assertTrue(warning.path("message").asText().contains("config/sources/shop.yaml"), warning.toString());
        assertEquals("shop.members", warning.path("table").asText(), warning.toString());
        assertEquals("[\"legacy_note\"]", warning.path("columns").toString());
    }

    @Test
    void process_reportsGone_andQuarantinesNothing_whenTheInputVanishesBeforeItsQuarantineCopy() throws Exception {
        // GIVEN an unreadable file that is deleted once it has been read, before it can be copied to quarantine
        MaskingTarget target = target("1/part-00008-vanishing.parquet");
        s3.put(EXPORTS, target.key(), "not parquet at all".getBytes(StandardCharsets.US_ASCII));
        S3Calls calls = new S3Calls().once(r -> r instanceof GetObjectRequest,
                r -> {
                    try (S3Client other = s3.client()) {
                        other.deleteObject(b -> b.bucket(EXPORTS).key(target.key()));
                    }
                });
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (S3Client client = calls.client(s3)) {
            // WHEN it is masked
            MaskingService.Outcome outcome = service(client, S3ParquetFile.DEFAULT_READ_AHEAD,
                    new PrintStream(log, true, StandardCharsets.UTF_8)).process(target);

            // THEN it is reported gone, after one attempt to copy it ...
            assertEquals(MaskingService.Outcome.GONE, outcome);
            assertEquals(1, calls.count("CopyObject"));
        }
        // ... nothing of it is in quarantine or curated, and the log says why it was skipped
        assertEquals(List.of(), s3.keys(QUARANTINE, target.key()));
        assertEquals(List.of(), s3.keys(CURATED, target.curatedKey()));
        List<JsonNode> skipped = logged(log, "skipped: the object no longer exists");
        assertEquals(1, skipped.size(), log.toString(StandardCharsets.UTF_8));
        assertEquals("unreadable", skipped.get(0).path("kind").asText());
    }

    @Test
    void process_stillQuarantinesWithTheFilesReason_andWarns_whenAbortingTheUploadFails() throws Exception {
        // GIVEN a large file replaced once the output upload has started, and a connection that breaks on the abort
        MaskingTarget target = pageViews("1/part-00009-abort-fails.parquet");
        S3Calls calls = replacedOnceTheUploadStarts(target).failWhen(r -> r instanceof AbortMultipartUploadRequest);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (S3Client client = calls.client(s3)) {
            try {
                // WHEN it is masked
                MaskingService.Outcome outcome = service(client, S3ParquetFile.DEFAULT_READ_AHEAD,
                        new PrintStream(log, true, StandardCharsets.UTF_8)).process(target);

                // THEN the failed abort does not hide why the file failed: it is quarantined as changed ...
                assertEquals(MaskingService.Outcome.QUARANTINED, outcome);
                assertEquals("changed", reason(target).get("kind").asText());
                assertEquals(1, calls.count("AbortMultipartUpload"));
                assertEquals(List.of(), s3.keys(CURATED, target.curatedKey()));
                // ... and the log names the upload left to the bucket's lifecycle rule
                List<JsonNode> warnings = logged(log, "could not discard a failed output");
                assertEquals(1, warnings.size(), log.toString(StandardCharsets.UTF_8));
                assertTrue(warnings.get(0).path("output").asText().contains(target.curatedKey()), warnings.get(0).toString());
                assertEquals(List.of(target.curatedKey()), pendingUploads(client));
            } finally {
                // The other tests expect no pending upload: abort it, as the lifecycle rule would.
                try (S3Client other = s3.client()) {
                    other.listMultipartUploads(b -> b.bucket(CURATED)).uploads().forEach(u ->
                            other.abortMultipartUpload(b -> b.bucket(CURATED).key(u.key()).uploadId(u.uploadId())));
                }
            }
        }
    }
}
