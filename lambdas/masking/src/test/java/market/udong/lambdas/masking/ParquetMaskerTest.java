package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.PipelineColumns;
import market.udong.core.masking.PolicyViolation;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.PiiScan;

import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetMaskerTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static SourceConfig shop;
    static DuckDb db;
    final ParquetMasker masker = new ParquetMasker();
    final ColumnMasks masks = new ColumnMasks(KEY);

    @BeforeAll
    static void setUp() throws Exception {
        shop = new ConfigLoader().loadSource(Path.of(ParquetMaskerTest.class.getResource("/sources/shop.yaml").toURI()));
        db = DuckDb.open();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static TableConfig table(String name) {
        return shop.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void mask_rdsExportFile_keepsRowsAndValues_masksAndRetypesPerPolicy(@TempDir Path dir) throws Exception {
        // GIVEN an RDS-export-shaped GZIP file of 10,000 members in several row groups
        Path in = TestFiles.write(db, TestFiles.membersSql(10000), dir.resolve("part-00000.gz.parquet"), "gzip", 2048);
        Path out = dir.resolve("out.parquet");

        // WHEN it is masked
        MaskingReport report = masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table("members"), masks);

        // THEN rows are all there, unknown and dropped columns are gone
        assertEquals(10000, report.rowsIn());
        assertEquals(10000, db.count(out));
        assertEquals(List.of("legacy_note"), report.unclassified());
        assertEquals(List.of("address"), report.dropped());
        assertTrue(report.rowGroups() >= 4, "row groups: " + report.rowGroups());
        Map<String, String> types = db.columnTypes(out);
        assertEquals(List.of("member_id", "name", "email_hash", "phone", "birth_date", "grade", "marketing_opt_in",
                "points", "balance", "login_time", "created_at", "updated_at", "photo"), List.copyOf(types.keySet()));
        // AND the types follow DESIGN section 6
        assertEquals("BIGINT", types.get("member_id"));
        assertEquals("BOOLEAN", types.get("marketing_opt_in"));
        assertEquals("BIGINT", types.get("points"), "INT UNSIGNED widens to INT64");
        assertEquals("DECIMAL(12,2)", types.get("balance"));
        assertEquals("VARCHAR", types.get("login_time"), "TIME becomes text");
        assertEquals("DATE", types.get("birth_date"));
        assertEquals("TIMESTAMP", types.get("created_at"));
        assertEquals("TIMESTAMP WITH TIME ZONE", types.get("updated_at"));
        assertEquals("BLOB", types.get("photo"));
        Map<String, List<Object>> physical = db.parquetSchema(out);
        assertEquals("INT64", physical.get("created_at").get(0), "never INT96");
        // AND kept values equal the input, row by row
        String join = " FROM read_parquet('" + in + "') i JOIN read_parquet('" + out + "') o USING (member_id)";
        assertEquals(10000L, db.value("SELECT count(*)" + join
                + " WHERE i.grade = o.grade AND i.balance = o.balance AND i.points = o.points"
                + " AND i.created_at = o.created_at AND i.updated_at IS NOT DISTINCT FROM o.updated_at"
                + " AND (i.marketing_opt_in = 1) = o.marketing_opt_in"
                + " AND i.login_time::VARCHAR = o.login_time"));
        // AND masked columns follow the policies
        assertEquals(0L, db.value("SELECT count(*)" + join + " WHERE o.name IS DISTINCT FROM"
                + " CASE WHEN i.name IS NULL THEN NULL ELSE '[REDACTED]' END"));
        assertEquals(0L, db.value("SELECT count(*)" + join + " WHERE o.birth_date <> date_trunc('year', i.birth_date)::DATE"));
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + out + "') WHERE photo IS NOT NULL"));
        assertEquals(0L, db.value("SELECT count(*)" + join + " WHERE o.phone <> '***-****-' || right(i.phone, 4)"));
        // AND hashes equal ColumnMasks.hash of the original, nulls stay null
        List<List<Object>> pairs = db.rows("SELECT i.email, o.email_hash" + join + " ORDER BY member_id LIMIT 50");
        for (List<Object> p : pairs) {
            assertEquals(masks.hash((String) p.get(0)), p.get(1));
        }
        assertNull(db.value("SELECT o.email_hash" + join + " WHERE member_id = 4"));
    }

    @Test
    void mask_leavesNoOriginalValueOfMaskedColumns_inOutputBytes(@TempDir Path dir) throws Exception {
        // GIVEN a file whose masked columns hold recognisable values
        Path in = TestFiles.write(db, TestFiles.membersSql(300), dir.resolve("in.parquet"), "snappy", 100);
        Path out = dir.resolve("out.parquet");

        // WHEN it is masked
        masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table("members"), masks);

        // THEN no original value of a masked, dropped or unknown column appears anywhere in the file
        // (uncompressed pages would show them; compressed ones are checked through the decoded values)
        byte[] bytes = Files.readAllBytes(out);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        for (List<Object> row : db.rows("SELECT name, email, phone, address, legacy_note, photo FROM read_parquet('"
                + in + "') WHERE name IS NOT NULL AND email IS NOT NULL")) {
            for (Object value : row) {
                if (value == null) {
                    continue;
                }
                String text = value instanceof String s ? s : new String(((java.sql.Blob) value).getBytes(1, 
                        (int) ((java.sql.Blob) value).length()), StandardCharsets.UTF_8);
                assertFalse(latin.contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)),
                        "original value found in output bytes: " + text);
            }
        }
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + out + "') o JOIN read_parquet('" + in
                + "') i ON o.email_hash = i.email OR o.phone = i.phone OR o.name = i.name"));
        // AND the scan every path's output gets finds none in cells, statistics, footer or bytes
        List<String> originals = new ArrayList<>();
        db.rows("SELECT name, email, phone, address, legacy_note FROM read_parquet('" + in + "')").forEach(row ->
                row.stream().filter(Objects::nonNull).forEach(v -> originals.add(v.toString())));
        assertEquals(List.of(), PiiScan.leaks(db, out, originals));
        // AND the decompressed output holds none of them either (DuckDB decodes every page)
        assertEquals(0L, db.value("SELECT count(*) FROM (SELECT COLUMNS(*)::VARCHAR AS v FROM read_parquet('" + out
                + "')) o WHERE v LIKE '%@udong.market' OR v LIKE '%우동구%' OR v LIKE 'legacy%'"));
    }

    @Test
    void mask_hashIsDeterministic_acrossRuns(@TempDir Path dir) throws Exception {
        // GIVEN one input masked twice by separate maskers
        Path in = TestFiles.write(db, TestFiles.membersSql(200), dir.resolve("in.parquet"), "gzip", 64);
        Path a = dir.resolve("a.parquet");
        Path b = dir.resolve("b.parquet");

        // WHEN
        new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(a), table("members"), new ColumnMasks(KEY));
        new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(b), table("members"), new ColumnMasks(KEY));

        // THEN the pseudonyms are identical
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + a + "') x JOIN read_parquet('" + b
                + "') y USING (member_id) WHERE x.email_hash IS DISTINCT FROM y.email_hash"));
    }

    @Test
    void mask_emptyFile_writesEmptyOutputWithSchema(@TempDir Path dir) throws Exception {
        // GIVEN an export file with no rows
        Path in = TestFiles.write(db, TestFiles.membersSql(0), dir.resolve("empty.parquet"), "gzip", 1000);
        Path out = dir.resolve("out.parquet");

        // WHEN
        MaskingReport report = masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table("members"), masks);

        // THEN
        assertEquals(0, report.rowsOut());
        assertEquals(0, db.count(out));
        assertTrue(db.columnTypes(out).containsKey("email_hash"));
    }

    @Test
    void mask_failsWithPolicyViolation_whenUnknownColumnAndTableSaysFail(@TempDir Path dir) {
        // GIVEN a table with onUnknownColumn: fail and a file with extra columns
        Path in = TestFiles.write(db, "SELECT 1::BIGINT AS member_id, 'a@b.c' AS email, 'x' AS surprise",
                dir.resolve("in.parquet"), "snappy", 100);

        // WHEN / THEN
        PolicyViolation e = assertThrows(PolicyViolation.class, () -> masker.mask(new LocalParquetFile(in),
                new LocalOutputFile(dir.resolve("out.parquet")), table("strict_members"), masks));
        assertTrue(e.getMessage().contains("surprise"), e.getMessage());
    }

    @Test
    void mask_failsWithPolicyViolation_whenPolicyDoesNotFitType(@TempDir Path dir) {
        // GIVEN mask_phone on a numeric column
        Path in = TestFiles.write(db, "SELECT 1::BIGINT AS order_id, 2::BIGINT AS member_id, 1012345678::BIGINT AS recipient_phone,"
                + " TIMESTAMP '2026-11-25 10:00:00' AS ordered_at", dir.resolve("in.parquet"), "snappy", 100);

        // WHEN / THEN
        PolicyViolation e = assertThrows(PolicyViolation.class, () -> masker.mask(new LocalParquetFile(in),
                new LocalOutputFile(dir.resolve("out.parquet")), table("orders"), masks));
        assertTrue(e.getMessage().contains("recipient_phone"), e.getMessage());
    }

    @Test
    void mask_dmsCdcFile_keepsOpAndTimestampColumns(@TempDir Path dir) throws Exception {
        // GIVEN a DMS CDC file: Op first, then the commit timestamp, then the table's columns
        Path in = TestFiles.write(db, "SELECT CASE range % 3 WHEN 0 THEN 'I' WHEN 1 THEN 'U' ELSE 'D' END AS Op,"
                + " TIMESTAMP '2026-11-25 10:00:00' + INTERVAL (range) SECOND AS dms_commit_ts,"
                + " range AS order_id, range % 10 AS member_id, '010-9999-' || lpad(range::VARCHAR, 4, '0') AS recipient_phone,"
                + " TIMESTAMP '2026-11-25 09:00:00' AS ordered_at FROM range(100)", dir.resolve("20261125-1.parquet"), "snappy", 100);
        Path out = dir.resolve("out.parquet");

        // WHEN masked with DMS's pipeline columns passed through
        MaskingReport report = masker.mask(new LocalParquetFile(in), new LocalOutputFile(out),
                PipelineColumns.withPassThrough(table("orders"), PipelineColumns.dms(SourceConfig.Dms.DEFAULT_TIMESTAMP_COLUMN)), masks);

        // THEN Op and the timestamp pass through unchanged, the phone is masked
        assertEquals(List.of(), report.unclassified());
        assertEquals(List.of(34L, 33L, 33L), db.rows("SELECT count(*) FROM read_parquet('" + out
                + "') GROUP BY Op ORDER BY Op DESC").stream().map(r -> ((Number) r.get(0)).longValue()).toList()
                .stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + out + "') WHERE recipient_phone NOT LIKE '***-****-%'"));
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + in + "') i JOIN read_parquet('" + out
                + "') o USING (order_id) WHERE i.Op <> o.Op OR i.dms_commit_ts <> o.dms_commit_ts"));
    }

    @Test
    void mask_corruptFile_throwsIOException(@TempDir Path dir) throws Exception {
        // GIVEN bytes that are not Parquet (a truncated file)
        Path good = TestFiles.write(db, TestFiles.membersSql(100), dir.resolve("good.parquet"), "gzip", 100);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = Files.write(dir.resolve("bad.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        // WHEN / THEN
        assertThrows(java.io.IOException.class, () -> masker.mask(new LocalParquetFile(bad),
                new LocalOutputFile(dir.resolve("out.parquet")), table("members"), masks));
    }

    @Test
    void mask_copiedColumns_keepTheirStatistics_rowGroupByRowGroup(@TempDir Path dir) throws Exception {
        // GIVEN members in several row groups, with nulls in some copied columns
        Path in = TestFiles.write(db, TestFiles.membersSql(5000), dir.resolve("in.parquet"), "snappy", 1024);
        Path out = dir.resolve("out.parquet");

        // WHEN it is masked
        MaskingReport report = masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table("members"), masks);

        // THEN each column copied without decoding has, in each row group, the input's min, max and null count
        List<MaskingReport.OutputColumn> copied = report.columns().stream().filter(MaskingReport.OutputColumn::copied).toList();
        assertTrue(copied.size() >= 3, "copied: " + copied);
        // min_value and max_value: the statistics fields of the Parquet format that readers use since 2018
        String stats = "SELECT row_group_id, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata(?)"
                + " WHERE path_in_schema = ? ORDER BY row_group_id";
        boolean someNulls = false;
        for (MaskingReport.OutputColumn c : copied) {
            List<List<Object>> expected = db.rows(stats, in.toString(), c.source());
            assertTrue(expected.size() >= 2, c.source() + ": " + expected);
            assertTrue(expected.stream().anyMatch(r -> r.get(1) != null) && expected.stream().allMatch(r -> r.get(3) != null),
                    c.source() + ": " + expected);
            assertEquals(expected, db.rows(stats, out.toString(), c.name()), c.source());
            someNulls |= expected.stream().anyMatch(r -> ((Number) r.get(3)).longValue() > 0);
        }
        assertTrue(someNulls, "no copied column has nulls, so null counts are not tested");
    }

    @Test
    void mask_phone_masksNonAsciiDigitsTheWayCoreDoes(@TempDir Path dir) throws Exception {
        // GIVEN phone numbers in ASCII, in full-width digits, and mixed
        List<String> phones = List.of("010-1234-5678", "\uff10\uff11\uff10-\uff11\uff12\uff13\uff14-\uff15\uff16\uff17\uff18",
                "+82 10 \uff19\uff18\uff17\uff16 5432");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < phones.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", '").append(phones.get(i)).append("')");
        }
        Path in = TestFiles.write(db, "SELECT * FROM (VALUES " + values + ") AS t(member_id, phone)",
                dir.resolve("in.parquet"), "snappy", 1024);
        Path out = dir.resolve("out.parquet");

        // WHEN it is masked with members' policy (phone: mask_phone)
        masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table("members"), masks);

        // THEN each value is what core's mask gives, and no original digit group survives
        List<List<Object>> rows = db.rows("SELECT member_id, phone FROM read_parquet(?) ORDER BY member_id", out.toString());
        assertEquals(phones.size(), rows.size());
        for (int i = 0; i < phones.size(); i++) {
            assertEquals(ColumnMasks.maskPhone(phones.get(i)), rows.get(i).get(1), phones.get(i));
            assertNotEquals(phones.get(i), rows.get(i).get(1));
        }
    }
}
