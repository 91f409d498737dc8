package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.testing.DuckDb;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnWriteStoreV1;
import org.apache.parquet.column.impl.ColumnWriteStoreV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The masker's page-level paths (a dictionary kept and each entry masked once; byte-array pages
 * hashed in place) on the encodings real writers produce: DuckDB's dictionary and PLAIN chunks,
 * and parquet-java's V1 and V2 pages with a dictionary that falls back part-way through a chunk.
 * Every output must equal what masking value by value gives, with statistics from masked values only.
 */
class ParquetMaskerPagesTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static DuckDb db;
    final ColumnMasks masks = new ColumnMasks(KEY);

    @BeforeAll
    static void setUp() {
        db = DuckDb.open();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static TableConfig table(Map<String, String> policies) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        policies.forEach((column, policy) -> columns.put(column, ColumnRule.parse(policy)));
        return new TableConfig("test", "members", null, null, columns, null, null, null);
    }

    static final TableConfig MEMBERS = table(Map.of("member_id", "keep", "email", "hash", "phone", "mask_phone",
            "birth_date", "truncate(year)"));

    @Test
    void keptTimestamps_endAtTheLakesLatest_andOnlyAColumnThatMayPassItIsRewritten(@TempDir Path dir) throws Exception {
        // GIVEN a file whose wall-clock and instant columns hold a "no end" sentinel in one row group,
        // microsecond values and nulls elsewhere, and a third timestamp column that ends well before it
        Path in = TestFiles.write(db, "SELECT range::BIGINT AS member_id,"
                + " CASE WHEN range = 1500 THEN TIMESTAMP '9999-12-31 23:59:59.999999' WHEN range % 9 = 4 THEN NULL"
                + "   ELSE TIMESTAMP '2026-03-01 09:30:00.123456' + to_microseconds(range) END AS valid_to,"
                + " CASE WHEN range = 1500 THEN TIMESTAMPTZ '9999-12-31 23:59:59.9995+00' ELSE TIMESTAMPTZ '2026-03-01 09:30:00.654321+00' END AS expires_at,"
                + " TIMESTAMP '2026-03-01 09:30:00.000001' + to_microseconds(range) AS joined_at"
                + " FROM range(3000)", dir.resolve("in.parquet"), "snappy", 1000);
        Path out = dir.resolve("out.parquet");
        TableConfig table = table(Map.of("member_id", "keep", "valid_to", "keep", "expires_at", "keep", "joined_at", "keep"));

        // WHEN it is masked with every column kept
        MaskingReport report = new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out), table, masks);

        // THEN the sentinels are written as 9999-12-31 23:59:59.999, every other value with its microseconds
        db.execute("SET TimeZone='UTC'");
        assertEquals(List.of(List.of("9999-12-31 23:59:59.999", "9999-12-31 23:59:59.999+00")), db.rows(
                "SELECT valid_to::VARCHAR, expires_at::VARCHAR FROM read_parquet('" + out + "') WHERE member_id = 1500"));
        assertEquals(0L, db.value("SELECT count(*) FROM read_parquet('" + in + "') i JOIN read_parquet('" + out + "') o USING (member_id)"
                + " WHERE i.member_id <> 1500 AND (i.valid_to IS DISTINCT FROM o.valid_to OR i.expires_at <> o.expires_at"
                + " OR i.joined_at <> o.joined_at)"));
        assertEquals(333L, db.value("SELECT count(*) FROM read_parquet('" + out + "') WHERE valid_to IS NULL"), "nulls stay null");
        // AND the types stay timestamps of their kind, and only the columns that may pass the latest were rewritten
        Map<String, String> types = db.columnTypes(out);
        assertEquals(List.of("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP"),
                List.of(types.get("valid_to"), types.get("expires_at"), types.get("joined_at")));
        Map<String, Boolean> copied = new java.util.HashMap<>();
        report.columns().forEach(c -> copied.put(c.name(), c.copied()));
        assertEquals(Map.of("member_id", true, "valid_to", false, "expires_at", false, "joined_at", true), copied);
    }

    @Test
    void endsByTheLakesLatest_readsEachRowGroupsMaximum_inTheColumnsUnit(@TempDir Path dir) throws Exception {
        // GIVEN files whose largest timestamp is exactly the lake's latest, a microsecond past it, the
        // latest in milliseconds, past it in milliseconds, or inside it after a row group of nulls only
        String latest = "TIMESTAMP '9999-12-31 23:59:59.999'";
        assertTrue(ends(dir, "SELECT range AS n, CASE WHEN range = 5 THEN " + latest + " ELSE TIMESTAMP '2026-01-01' END AS t FROM range(10)"),
                "exactly the latest");
        assertFalse(ends(dir, "SELECT range AS n, CASE WHEN range = 5 THEN TIMESTAMP '9999-12-31 23:59:59.999001'"
                + " ELSE TIMESTAMP '2026-01-01' END AS t FROM range(10)"), "a microsecond past it");
        assertTrue(ends(dir, "SELECT range AS n, CAST(" + latest + " AS TIMESTAMP_MS) AS t FROM range(10)"), "the latest in millis");
        assertFalse(ends(dir, "SELECT range AS n, CAST(make_timestamp(10000, 1, 1, 0, 0, 0) AS TIMESTAMP_MS) AS t FROM range(10)"),
                "past it in millis");
        assertTrue(ends(dir, "SELECT range AS n, CASE WHEN range < 2048 THEN NULL ELSE TIMESTAMP '2026-01-01' END AS t"
                + " FROM range(4096)"), "a row group of nulls");
        assertFalse(ends(dir, "SELECT range AS n, CASE WHEN range < 2048 THEN NULL ELSE make_timestamp(10000, 1, 1, 0, 0, 0) END AS t"
                + " FROM range(4096)"), "past it after a row group of nulls");
        // AND a column that is no timestamp has nothing to end by
        assertTrue(ends(dir, "SELECT range AS n, range * 1000000000000 AS t FROM range(10)"), "a bigint");
    }

    /** Whether the masker would copy column {@code t} of a file DuckDB writes from {@code sql} in row groups of 2,048 rows. */
    private static boolean ends(Path dir, String sql) throws Exception {
        Path file = Files.createTempFile(dir, "ts", ".parquet");
        Files.delete(file);
        TestFiles.write(db, sql, file, "snappy", 2048);
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(file), HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            if (sql.contains("range(4096)")) {
                assertEquals(2, reader.getRowGroups().size(), "the first row group holds the nulls only");
            }
            var schema = reader.getFooter().getFileMetaData().getSchema();
            return ParquetMasker.endsByTheLakesLatest(schema.getType("t").asPrimitiveType(),
                    schema.getColumnDescription(new String[] {"t"}), reader.getRowGroups());
        }
    }

    @Test
    void mask_dictionaryEncodedChunks_keepOneEntryPerMaskedValue_andMatchValueByValueMasking(@TempDir Path dir)
            throws Exception {
        // GIVEN DuckDB-written row groups whose masked columns are dictionary-encoded, with nulls, repeats, and
        // different originals that mask alike (phones sharing their last four digits, dates in one year)
        Path in = TestFiles.write(db, "SELECT range::BIGINT AS member_id,"
                + " CASE WHEN range % 7 = 3 THEN NULL ELSE 'user' || (range % 50) || '@udong.market' END AS email,"
                + " CASE WHEN range % 11 = 5 THEN NULL ELSE '010-' || (1000 + range % 3) || '-' || lpad((range % 20)::VARCHAR, 4, '0') END AS phone,"
                + " CASE WHEN range % 13 = 6 THEN NULL ELSE DATE '1980-01-01' + (range % 400)::INTEGER END AS birth_date"
                + " FROM range(3000)", dir.resolve("in.parquet"), "snappy", 1000);
        assertTrue(encodings(in, "phone").stream().allMatch(Encoding::usesDictionary), "input must be dictionary-encoded");
        Path out = dir.resolve("out.parquet");

        // WHEN it is masked
        new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out), MEMBERS, masks);

        // THEN every value (and null) equals masking the original value by value
        assertValuesMaskedOneByOne(in, out);
        // AND the masked chunks stay dictionary-encoded, one entry per distinct masked value of the row group:
        // originals that mask alike share an index, so the indices do not tell them apart
        List<Long> rowGroups = rowGroupSizes(out);
        assertTrue(rowGroups.size() >= 2, "row groups: " + rowGroups);
        for (String column : List.of("email", "phone", "birth_date")) {
            List<Set<Object>> distinct = new ArrayList<>();
            long end = 0;
            int group = -1;
            for (List<Object> r : db.rows("SELECT file_row_number, " + column + " FROM read_parquet(?, file_row_number = true)"
                    + " ORDER BY file_row_number", out.toString())) {
                while (((Number) r.get(0)).longValue() >= end) {
                    end += rowGroups.get(++group);
                    distinct.add(new HashSet<>());
                }
                if (r.get(1) != null) {
                    distinct.get(group).add(r.get(1));
                }
            }
            // (DuckDB writes some chunks PLAIN; those are masked in place, without a dictionary.)
            List<Integer> inputDictionaries = dictionarySizes(in, column);
            List<Integer> outputDictionaries = dictionarySizes(out, column);
            int compared = 0;
            for (int g = 0; g < rowGroups.size(); g++) {
                if (inputDictionaries.get(g) != null) {
                    assertEquals(distinct.get(g).size(), outputDictionaries.get(g), column + ", row group " + g);
                    compared++;
                }
            }
            assertTrue(compared > 0, column + " has a dictionary-encoded input chunk");
        }
        // AND statistics and column indexes hold masked values only
        assertBoundsAreMaskedValues(out);
    }

    @ParameterizedTest
    @EnumSource(ParquetProperties.WriterVersion.class)
    void mask_parquetJavaPages_withDictionaryFallback_matchValueByValueMasking(ParquetProperties.WriterVersion version,
                                                                               @TempDir Path dir) throws Exception {
        // GIVEN a parquet-java file (uncompressed, so its originals show in its bytes) with small pages and a small
        // dictionary limit: e-mails start dictionary-encoded and fall back part-way through each chunk (to PLAIN
        // in V1, DELTA_BYTE_ARRAY in V2); phones and tiers (required) stay dictionary-encoded; backup e-mails
        // (required) never are
        Path in = dir.resolve("in.parquet");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(new Object[] {
                (long) i,
                // The first rows of each row group repeat a few e-mails, so parquet-java starts with a dictionary.
                i % 9 == 4 ? null : i % 2500 < 600 ? "kim" + i % 8 + "@udong.market" : "kim" + i + "@udong.market",
                i % 5 == 1 ? null : "010-" + (2000 + i % 2) + "-" + String.format("%04d", i % 30),
                (int) LocalDate.of(1970 + i % 40, 1 + i % 12, 1 + i % 28).toEpochDay(),
                "lee" + i + "@udong.market",
                new String[] {"gold", "silver", "bronze"}[i % 3]});
        }
        writeWithParquetJava(in, rows, version, 2500);
        assertTrue(encodings(in, "email").contains(PageBytes.V1_DICTIONARY)
                || encodings(in, "email").contains(Encoding.RLE_DICTIONARY), "email starts dictionary-encoded");
        Path out = dir.resolve("out.parquet");
        Map<String, String> policies = new HashMap<>(Map.of("member_id", "keep", "email", "hash", "phone", "mask_phone",
                "birth_date", "truncate(year)", "backup_email", "hash", "tier", "hash"));

        // WHEN it is masked
        new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out), table(policies), masks);

        // THEN every value (and null) equals masking the original value by value
        assertValuesMaskedOneByOne(in, out);
        List<List<Object>> required = db.rows("SELECT i.backup_email, o.backup_email, i.tier, o.tier FROM read_parquet(?) i"
                + " JOIN read_parquet(?) o USING (member_id)", in.toString(), out.toString());
        assertEquals(rows.size(), required.size());
        for (List<Object> r : required) {
            assertEquals(masks.hash((String) r.get(0)), r.get(1));
            assertEquals(masks.hash((String) r.get(2)), r.get(3));
        }
        // AND no original e-mail or phone appears in the output's bytes
        String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        for (Object[] row : rows) {
            for (int c : new int[] {1, 2, 4, 5}) {
                if (row[c] != null) {
                    assertFalse(bytes.contains((String) row[c]), "original value in output bytes: " + row[c]);
                }
            }
        }
        // AND statistics and column indexes hold masked values only
        assertBoundsAreMaskedValues(out);
    }

    @Test
    void mask_fixedWidthValues_typeOverrides_andAllNullChunks_matchValueByValueMasking(@TempDir Path dir) throws Exception {
        // GIVEN DuckDB chunks, some dictionary-encoded and some PLAIN: decimals widened to double (no dictionary is
        // kept for floating point) and to a 16-byte decimal, timestamps cut to the day, integers hashed as text,
        // a column that is null in every row
        Path in = TestFiles.write(db, "SELECT range::BIGINT AS member_id,"
                + " CASE WHEN range % 6 = 1 THEN NULL ELSE ((range % 40) * 1.25)::DECIMAL(12,2) END AS balance,"
                + " CASE WHEN range % 6 = 2 THEN NULL ELSE (range * 1000.5)::DECIMAL(12,2) END AS lifetime_value,"
                + " CASE WHEN range % 6 = 3 THEN NULL ELSE TIMESTAMP '2026-01-01' + INTERVAL (range * 7) MINUTE END AS last_login,"
                + " (range % 5)::INTEGER AS grade_code,"
                + " NULL::VARCHAR AS nickname"
                + " FROM range(5000)", dir.resolve("in.parquet"), "gzip", 2048);
        Path out = dir.resolve("out.parquet");
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("member_id", ColumnRule.parse("keep"));
        columns.put("balance", ColumnRule.parse("keep", null, "double"));
        columns.put("lifetime_value", ColumnRule.parse("keep", null, "decimal(30,2)"));
        columns.put("last_login", ColumnRule.parse("truncate(day)"));
        columns.put("grade_code", ColumnRule.parse("hash"));
        columns.put("nickname", ColumnRule.parse("hash"));

        // WHEN it is masked
        new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out),
                new TableConfig("test", "members", null, null, columns, null, null, null), masks);

        // THEN the types follow the overrides and every value equals its value-by-value result
        Map<String, String> types = db.columnTypes(out);
        assertEquals("DOUBLE", types.get("balance"));
        assertEquals("DECIMAL(30,2)", types.get("lifetime_value"));
        String join = " FROM read_parquet('" + in + "') i JOIN read_parquet('" + out + "') o USING (member_id)";
        assertEquals(5000L, db.value("SELECT count(*)" + join));
        assertEquals(0L, db.value("SELECT count(*)" + join + " WHERE o.balance IS DISTINCT FROM i.balance::DOUBLE"
                + " OR o.lifetime_value IS DISTINCT FROM i.lifetime_value"
                + " OR o.last_login IS DISTINCT FROM date_trunc('day', i.last_login)"
                + " OR o.nickname IS NOT NULL"));
        for (List<Object> p : db.rows("SELECT i.grade_code, o.grade_code" + join)) {
            assertEquals(masks.hash(String.valueOf(p.get(0))), p.get(1));
        }
        // AND the statistics are the masked columns' own bounds
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(out),
                HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            for (BlockMetaData block : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    Statistics<?> stats = chunk.getStatistics();
                    if (chunk.getPath().toDotString().equals("nickname")) {
                        assertFalse(stats.hasNonNullValue());
                        assertEquals(block.getRowCount(), stats.getNumNulls());
                    } else if (chunk.getPath().toDotString().equals("balance")) {
                        assertEquals(0.0, (Double) stats.genericGetMin());
                        assertEquals(39 * 1.25, (Double) stats.genericGetMax());
                    }
                }
            }
        }
    }

    /** Output values equal {@link ColumnMasks} applied to each input value; nulls stay null. */
    private void assertValuesMaskedOneByOne(Path in, Path out) {
        List<List<Object>> pairs = db.rows("SELECT i.email, o.email, i.phone, o.phone, i.birth_date, o.birth_date"
                + " FROM read_parquet(?) i JOIN read_parquet(?) o USING (member_id)", in.toString(), out.toString());
        assertEquals(db.count(in), pairs.size());
        for (List<Object> p : pairs) {
            assertEquals(p.get(0) == null ? null : masks.hash((String) p.get(0)), p.get(1));
            assertEquals(p.get(2) == null ? null : ColumnMasks.maskPhone((String) p.get(2)), p.get(3));
            assertEquals(p.get(4) == null ? null : ((LocalDate) p.get(4)).withDayOfYear(1), p.get(5));
        }
    }

    /** Footer statistics and column-index bounds of every masked column are values the column holds. */
    private void assertBoundsAreMaskedValues(Path out) throws Exception {
        Map<String, Set<Object>> valuesOf = new HashMap<>();
        for (String column : db.columnTypes(out).keySet()) {
            Set<Object> values = new HashSet<>();
            for (List<Object> r : db.rows("SELECT " + column + " FROM read_parquet(?)", out.toString())) {
                Object v = r.get(0);
                values.add(v instanceof LocalDate d ? (Object) (int) d.toEpochDay() : v);
            }
            valuesOf.put(column, values);
        }
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(out),
                HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            int chunks = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    String column = chunk.getPath().toDotString();
                    if (column.equals("member_id")) {
                        continue;
                    }
                    Set<Object> values = valuesOf.get(column);
                    List<Object> bounds = new ArrayList<>();
                    Statistics<?> stats = chunk.getStatistics();
                    assertTrue(stats.hasNonNullValue(), column + " has statistics");
                    bounds.add(stats.genericGetMin());
                    bounds.add(stats.genericGetMax());
                    ColumnIndex index = reader.readColumnIndex(chunk);
                    assertTrue(index != null, column + " has a column index");
                    for (int page = 0; page < index.getNullPages().size(); page++) {
                        if (!index.getNullPages().get(page)) {
                            bounds.add(index.getMinValues().get(page));
                            bounds.add(index.getMaxValues().get(page));
                        }
                    }
                    for (Object bound : bounds) {
                        Object value = decode(bound, column.equals("birth_date"));
                        assertTrue(values.contains(value), column + ": bound " + value + " is not a masked value");
                    }
                    chunks++;
                }
            }
            assertTrue(chunks >= 3);
        }
    }

    private static Object decode(Object bound, boolean date) {
        if (bound instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (date) {
                return d.getInt(0);
            }
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (bound instanceof Binary b) {
            return b.toStringUsingUTF8();
        }
        return bound;
    }

    private static List<Long> rowGroupSizes(Path file) throws Exception {
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(file),
                HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            return reader.getRowGroups().stream().map(BlockMetaData::getRowCount).toList();
        }
    }

    private static List<Encoding> encodings(Path file, String column) throws Exception {
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(file),
                HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            List<Encoding> out = new ArrayList<>();
            for (BlockMetaData block : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (chunk.getPath().toDotString().equals(column)) {
                        out.addAll(chunk.getEncodings());
                    }
                }
            }
            return out.stream().distinct().sorted(Comparator.comparing(Enum::name))
                    .filter(e -> e != Encoding.RLE && e != PageBytes.NO_LEVELS).toList();
        }
    }

    /** The number of dictionary entries of {@code column}'s chunk in each row group; null where it has no dictionary. */
    private static List<Integer> dictionarySizes(Path file, String column) throws Exception {
        try (ParquetFileReader reader = new ParquetFileReader(new LocalParquetFile(file),
                HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {column});
            List<Integer> sizes = new ArrayList<>();
            for (int g = 0; g < reader.getRowGroups().size(); g++) {
                DictionaryPage page = reader.readRowGroup(g).getPageReader(descriptor).readDictionaryPage();
                sizes.add(page == null ? null : page.getDictionarySize());
            }
            return sizes;
        }
    }

    /**
     * Writes {@code rows} (member_id BIGINT required, email, phone STRING, birth_date DATE, backup_email and tier
     * STRING required) with parquet-java's column writers: pages of about 1 KiB, a 512-byte dictionary limit, no compression.
     */
    private static void writeWithParquetJava(Path file, List<Object[]> rows, ParquetProperties.WriterVersion version,
                                             int rowsPerGroup) throws Exception {
        MessageType schema = new MessageType("members",
                Types.required(PrimitiveTypeName.INT64).named("member_id"),
                Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("email"),
                Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("phone"),
                Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("birth_date"),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("backup_email"),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("tier"));
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(version)
                .withPageSize(1024)
                .withDictionaryPageSize(512)
                .withMinRowCountForPageSizeCheck(10)
                .build();
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                128L << 20, 0, 64, Integer.MAX_VALUE, false);
        writer.start();
        List<ColumnDescriptor> columns = schema.getColumns();
        for (int from = 0; from < rows.size(); from += rowsPerGroup) {
            int to = Math.min(rows.size(), from + rowsPerGroup);
            writer.startBlock(to - from);
            ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                    .withCompressorProvider(d -> ParquetCodecs.INSTANCE.getCompressor(CompressionCodecName.UNCOMPRESSED))
                    .withSchema(schema)
                    .withAllocator(HeapByteBufferAllocator.getInstance())
                    .build();
            ColumnWriteStore store = version == ParquetProperties.WriterVersion.PARQUET_1_0
                    ? new ColumnWriteStoreV1(schema, pages, properties)
                    : new ColumnWriteStoreV2(schema, pages, properties);
            for (Object[] row : rows.subList(from, to)) {
                for (int c = 0; c < columns.size(); c++) {
                    ColumnWriter w = store.getColumnWriter(columns.get(c));
                    int defined = columns.get(c).getMaxDefinitionLevel();
                    Object v = row[c];
                    if (v == null) {
                        w.writeNull(0, 0);
                    } else if (v instanceof Long l) {
                        w.write(l, 0, defined);
                    } else if (v instanceof Integer i) {
                        w.write(i, 0, defined);
                    } else {
                        w.write(Binary.fromString((String) v), 0, defined);
                    }
                }
                store.endRecord();
            }
            store.flush();
            pages.flushToFileWriter(writer);
            store.close();
            pages.close();
            writer.endBlock();
        }
        writer.end(Map.of());
    }
}
