package market.udong.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan finds an original wherever a Parquet file keeps it, and nothing in a file without it. */
class PiiScanTest {

    static DuckDb db;

    @BeforeAll
    static void open() {
        db = DuckDb.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Path write(Path dir, String name, String sql, String options) {
        Path file = dir.resolve(name);
        db.execute("COPY (" + sql + ") TO '" + file + "' (FORMAT parquet" + options + ")");
        return file;
    }

    @Test
    void findsAnOriginal_inCells_inStatistics_inFooterMetadata_andInRawPages(@TempDir Path dir) {
        Path cells = write(dir, "cells.parquet", "SELECT 'k***@udong.market' AS email UNION ALL SELECT 'kim.minji@udong.market'",
                ", COMPRESSION zstd");
        List<String> found = PiiScan.leaks(db, cells, List.of("kim.minji@udong.market"));
        assertTrue(found.contains("kim.minji@udong.market in column email"), found.toString());
        assertTrue(found.contains("kim.minji@udong.market in statistics of email"), found.toString());

        Path footer = write(dir, "footer.parquet", "SELECT 1 AS id",
                ", KV_METADATA {origin: 'exported from kim.minji@udong.market'}");
        // the footer is never compressed, so its bytes hold the value too
        assertEquals(List.of("kim.minji@udong.market in footer metadata origin", "kim.minji@udong.market in the file's bytes"),
                PiiScan.leaks(db, footer, List.of("kim.minji@udong.market")));

        Path raw = write(dir, "raw.parquet", "SELECT 'address: 12 Noodle-ro, Seoul' AS note", ", COMPRESSION uncompressed");
        assertTrue(PiiScan.leaks(db, raw, List.of("12 Noodle-ro")).contains("12 Noodle-ro in the file's bytes"));
    }

    @Test
    void shortOriginals_countOnlyAsWholeValues_andACleanFileHasNoLeaks(@TempDir Path dir) {
        Path file = write(dir, "clean.parquet", "SELECT 'A12' AS grade, '010-****-1234' AS phone", ", COMPRESSION snappy");
        assertEquals(List.of(), PiiScan.leaks(db, file, List.of("12", "010-5555-1234", "kim.minji@udong.market")));
        assertEquals(List.of("A12 in column grade", "A12 in statistics of grade"), PiiScan.leaks(db, file, List.of("A12")));
    }
}
