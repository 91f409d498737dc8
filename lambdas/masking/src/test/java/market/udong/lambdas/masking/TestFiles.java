package market.udong.lambdas.masking;

import java.nio.file.Path;
import market.udong.core.testing.DuckDb;

/**
 * Parquet inputs shaped like what RDS snapshot export and DMS write, generated with DuckDB.
 * RDS export maps MySQL types as follows (AWS "data conversion" table): BIGINT → INT64, INT → INT32,
 * INT UNSIGNED → INT64 (here: UINT32, which must be widened), TINYINT(1) → INT32, DECIMAL → DECIMAL,
 * DATE → DATE, DATETIME/TIMESTAMP → TIMESTAMP(MICROS), TIME → TIME, text/ENUM → STRING, BLOB → BINARY;
 * pages GZIP-compressed.
 */
final class TestFiles {
    private TestFiles() {
    }

    /** SQL of {@code rows} member rows: nulls every 7th row in most columns, Korean text, an unknown column. */
    static String membersSql(long rows) {
        return "SELECT range::BIGINT AS member_id,"
                + " CASE WHEN range % 7 = 3 THEN NULL ELSE '김민지 ' || range END AS name,"
                + " CASE WHEN range % 7 = 4 THEN NULL ELSE 'member' || range || '@udong.market' END AS email,"
                + " '010-' || lpad((range % 10000)::VARCHAR, 4, '0') || '-' || lpad(((range * 7) % 10000)::VARCHAR, 4, '0') AS phone,"
                + " '서울시 우동구 ' || range || '번지' AS address,"
                + " DATE '1980-01-01' + (range % 9000)::INTEGER AS birth_date,"
                + " CASE range % 3 WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' ELSE 'bronze' END AS grade,"
                + " (range % 2)::INTEGER AS marketing_opt_in,"
                + " (range * 3)::UINTEGER AS points,"
                + " (range * 1.25)::DECIMAL(12,2) AS balance,"
                + " TIME '09:30:00' + INTERVAL (range % 3600) SECOND AS login_time,"
                + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (range) SECOND AS created_at,"
                + " CASE WHEN range % 7 = 5 THEN NULL ELSE TIMESTAMPTZ '2026-06-01 00:00:00+00' + INTERVAL (range) MINUTE END AS updated_at,"
                + " CASE WHEN range % 5 = 0 THEN NULL ELSE ('photo' || range)::BLOB END AS photo,"
                + " 'legacy ' || range AS legacy_note"
                + " FROM range(" + rows + ")";
    }

    /** Writes {@code sql}'s rows as Parquet with the codec and rows per row group. */
    static Path write(DuckDb db, String sql, Path file, String codec, long rowGroupSize) {
        db.execute("SET TimeZone='UTC'");
        db.execute("COPY (" + sql + ") TO '" + file + "' (FORMAT parquet, COMPRESSION " + codec
                + ", ROW_GROUP_SIZE " + rowGroupSize + ")");
        return file;
    }
}
