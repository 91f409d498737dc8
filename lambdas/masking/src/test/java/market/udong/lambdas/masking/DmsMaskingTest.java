package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.MaskingTarget;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.PiiScan;
import market.udong.lambdas.logging.StructuredLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * DMS output through the masking service, full load and CDC: every masked, dropped and unclassified
 * column's originals are gone from the curated file (cells, statistics, footer, bytes), {@code Op}
 * and the commit time pass through under the name the source configures ({@code dms.timestampColumn}),
 * and a column of DMS's default name is not mistaken for it.
 */
class DmsMaskingTest {

    static final String RAW = "udong-test-raw";
    static final String CURATED = "udong-test-curated";
    static final String QUARANTINE = "udong-test-quarantine";
    static final String SECRET = "0123456789abcdef0123456789abcdef-dev";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T19:00:00Z"), ZoneOffset.UTC);
    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final int ROWS = 500;

    static LocalS3 s3;
    static AwsApiStub aws;
    static SecretsManagerClient secrets;
    static DuckDb db;
    static MaskingService service;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start();
        for (String b : List.of(RAW, CURATED, QUARANTINE)) {
            s3.createBucket(b);
        }
        aws = new AwsApiStub();
        aws.on("GetSecretValue", c -> Reply.json("{\"Name\":\"udong-dev-hmac\",\"SecretString\":\"" + SECRET + "\"}"));
        secrets = SecretsManagerClient.builder().endpointOverride(aws.endpoint()).region(LocalS3.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        db = DuckDb.open();
        DeployedSources policies = DeployedSources.of(List.of(DeployedSource.of(new ConfigLoader().loadSource(
                Path.of(DmsMaskingTest.class.getResource("/sources/crm.yaml").toURI())), Optional.empty())));
        assertEquals("changed_at", policies.source("crm").orElseThrow().dmsTimestampColumn());
        service = new MaskingService(s3.client(), null, new HmacKeySource(secrets, "udong-dev-hmac"), policies, CURATED,
                QUARANTINE, new MaskingMetrics(new StructuredLog(MaskingMetrics.SERVICE,
                new PrintStream(OutputStream.nullOutputStream()), CLOCK), "dev"), CLOCK);
    }

    @AfterAll
    static void stop() {
        db.close();
        secrets.close();
        aws.close();
        s3.close();
    }

    /** Rows as DMS writes them: {@code Op} first, then the commit time, then the table's columns and one nobody classified. */
    private static String customers(String op, String timestampColumn) {
        return "SELECT " + op + " AS Op,"
                + " TIMESTAMP '2026-11-25 10:00:00' + INTERVAL (range) SECOND AS " + timestampColumn + ","
                + " range AS customer_id,"
                + " 'Customer Name ' || range AS name,"
                + " 'customer' || range || '@udong.market' AS email,"
                + " 'contact' || range || '@noodle.example' AS contact_email,"
                + " '010-7' || lpad(range::VARCHAR, 3, '0') || '-' || lpad((range * 7 % 10000)::VARCHAR, 4, '0') AS phone,"
                + " range || ' Udon-gil, Mapo-gu' AS address,"
                + " 'allergic to buckwheat #' || range AS note,"
                // never on 1 January, so no original equals its own truncation to the year
                + " DATE '1990-03-17' + (range % 200)::INTEGER AS birth_date,"
                + " 'loyalty card ' || (900000 + range) AS loyalty_card"
                + " FROM range(" + ROWS + ")";
    }

    /** Every original value of the columns that must not reach curated: masked, dropped and unclassified. */
    private static List<String> originals() {
        List<String> values = new ArrayList<>();
        for (List<Object> row : db.rows("SELECT name, email, contact_email, phone, address, note, birth_date::VARCHAR,"
                + " loyalty_card FROM (" + customers("'I'", "changed_at") + ")")) {
            row.forEach(v -> values.add(v.toString()));
        }
        return values;
    }

    private static Path curated(MaskingTarget target, Path dir) throws Exception {
        Path file = dir.resolve(target.curatedKey().replace('/', '_'));
        Files.write(file, s3.get(CURATED, target.curatedKey()));
        return file;
    }

    private static MaskingTarget dmsFile(String table, String name, Path local) throws Exception {
        String key = "dms/crm/crm/" + table + "/" + name;
        s3.put(RAW, key, Files.readAllBytes(local));
        return new MaskingTarget(RAW, key, "crm", "crm", table, DAY, true);
    }

    @Test
    void fullLoadAndCdcFiles_keepNoOriginal_andPassOpAndTheConfiguredTimestampColumnThrough(@TempDir Path dir) throws Exception {
        // GIVEN a DMS full-load file (every row Op I) and a CDC file with inserts, updates and deletes
        MaskingTarget load = dmsFile("customers", "LOAD00000001.parquet", TestFiles.write(db, customers("'I'", "changed_at"),
                dir.resolve("load.parquet"), "uncompressed", 100));
        MaskingTarget cdc = dmsFile("customers", "20261125-101530123.parquet", TestFiles.write(db,
                customers("CASE range % 3 WHEN 0 THEN 'I' WHEN 1 THEN 'U' ELSE 'D' END", "changed_at"),
                dir.resolve("cdc.parquet"), "snappy", 100));
        List<String> originals = originals();
        ColumnMasks masks = ColumnMasks.fromSecretString(SECRET);

        for (MaskingTarget target : List.of(load, cdc)) {
            // WHEN the masking service handles the file
            assertEquals(MaskingService.Outcome.MASKED, service.process(target), target.key());

            // THEN no original of a masked, dropped or unclassified column is anywhere in the curated file
            Path out = curated(target, dir);
            assertEquals(List.of(), PiiScan.leaks(db, out, originals), target.key());
            // AND the file has the configured columns, Op, and the commit time under its configured name
            assertEquals(List.of("Op", "changed_at", "customer_id", "name", "email_hash", "contact_email", "phone", "note",
                    "birth_date"), List.copyOf(db.columnTypes(out).keySet()), target.key());
            assertEquals(ROWS, db.count(out));
            // AND Op and changed_at are each row's own, untouched
            Path in = dir.resolve(target.key().endsWith("LOAD00000001.parquet") ? "load.parquet" : "cdc.parquet");
            assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + in + "') i JOIN read_parquet('" + out
                    + "') o USING (customer_id) WHERE i.Op <> o.Op OR i.changed_at <> o.changed_at"));
            // AND the masks are the ones every path gives: the hash of the same email, the year of the birth date
            assertEquals(masks.hash("customer42@udong.market"),
                    db.value("SELECT email_hash FROM read_parquet('" + out + "') WHERE customer_id = 42"));
            assertEquals("1990-01-01", db.value("SELECT birth_date::VARCHAR FROM read_parquet('" + out
                    + "') WHERE customer_id = 42"));
            assertEquals(0L, db.value("SELECT count(note) FROM read_parquet('" + out + "')"));
        }
        List<String> ops = db.rows("SELECT DISTINCT Op FROM read_parquet('" + curated(cdc, dir) + "') ORDER BY Op")
                .stream().map(r -> r.get(0).toString()).toList();
        assertEquals(List.of("D", "I", "U"), ops);
    }

    @Test
    void dmsDefaultTimestampName_isAnUnclassifiedColumn_whenTheSourceNamesAnother(@TempDir Path dir) throws Exception {
        // GIVEN a file whose commit-time column has DMS's default name, not the source's changed_at
        MaskingTarget target = dmsFile("customers", "20261125-111111111.parquet", TestFiles.write(db,
                customers("'U'", "dms_commit_ts"), dir.resolve("default-name.parquet"), "snappy", 100));

        // WHEN it is masked
        assertEquals(MaskingService.Outcome.MASKED, service.process(target));

        // THEN dms_commit_ts is dropped like any column nobody classified (onUnknownColumn: drop)
        Path out = curated(target, dir);
        assertTrue(!db.columnTypes(out).containsKey("dms_commit_ts") && db.columnTypes(out).containsKey("Op"),
                db.columnTypes(out).toString());
    }

    @Test
    void strictTable_acceptsTheConfiguredTimestampColumn_andQuarantinesAnythingElseUnclassified(@TempDir Path dir)
            throws Exception {
        // GIVEN a table with onUnknownColumn: fail, and a CDC file with exactly its columns plus Op and changed_at
        MaskingTarget ok = dmsFile("strict_customers", "20261125-120000000.parquet", TestFiles.write(db,
                "SELECT 'U' AS Op, TIMESTAMP '2026-11-25 12:00:00' AS changed_at, range AS customer_id,"
                        + " 'strict' || range || '@udong.market' AS email FROM range(10)", dir.resolve("strict.parquet"),
                "snappy", 100));
        // AND one that also has DMS's default timestamp name
        MaskingTarget wrong = dmsFile("strict_customers", "20261125-120100000.parquet", TestFiles.write(db,
                "SELECT 'U' AS Op, TIMESTAMP '2026-11-25 12:00:00' AS dms_commit_ts, range AS customer_id,"
                        + " 'strict' || range || '@udong.market' AS email FROM range(10)", dir.resolve("strict-wrong.parquet"),
                "snappy", 100));

        // THEN the first is curated and the second quarantined, naming the column
        assertEquals(MaskingService.Outcome.MASKED, service.process(ok));
        assertEquals(List.of("Op", "changed_at", "customer_id", "email"), List.copyOf(db.columnTypes(curated(ok, dir)).keySet()));
        assertEquals(MaskingService.Outcome.QUARANTINED, service.process(wrong));
        String reason = new String(s3.get(QUARANTINE, wrong.key() + ".reason.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(reason.contains("dms_commit_ts"), reason);
        assertEquals(List.of(), s3.keys(CURATED, "crm/crm/strict_customers/dt=2026-11-25/20261125-1201"));
    }
}
