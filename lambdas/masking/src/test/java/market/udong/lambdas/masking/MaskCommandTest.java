package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import market.udong.core.testing.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/mask} runs {@link MaskCommand#main}; these run the same entry point in-process. */
class MaskCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = MaskCommand.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String shop() throws Exception {
        return Path.of(MaskCommandTest.class.getResource("/sources/shop.yaml").toURI()).toString();
    }

    @Test
    void mask_printsRowsAndColumnCounts_andWritesTheFile(@TempDir Path dir) throws Exception {
        // GIVEN a sample export file
        Path in;
        try (DuckDb db = DuckDb.open()) {
            in = TestFiles.write(db, TestFiles.membersSql(500), dir.resolve("sample.parquet"), "gzip", 1000);
        }
        Path out = dir.resolve("masked.parquet");

        // WHEN
        Run r = run("--source", shop(), "--table", "shop.members", in.toString(), out.toString());

        // THEN
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rows       in 500, out 500"), r.out());
        assertTrue(r.out().contains("masked       5 [name, email_hash, phone, birth_date, photo]"), r.out());
        assertTrue(r.out().contains("dropped      1 [address]"), r.out());
        assertTrue(r.out().contains("unclassified 1 [legacy_note]"), r.out());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void mask_exitsNonZero_withAClearMessage_forBadPolicyUnknownTableOrUnreadableInput(@TempDir Path dir) throws Exception {
        // GIVEN a source file with an invalid policy, and a file that is not Parquet
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(Path.of(shop())).replace("mask_phone", "mask_fone"));
        Path notParquet = Files.writeString(dir.resolve("x.parquet"), "hello");

        // WHEN / THEN
        Run badPolicy = run("--source", bad.toString(), "--table", "members", notParquet.toString(), dir.resolve("o").toString());
        assertEquals(2, badPolicy.exit());
        assertTrue(badPolicy.err().contains("bad source config") && badPolicy.err().contains("tables[0].columns.phone"), badPolicy.err());

        Run noTable = run("--source", shop(), "--table", "nope", notParquet.toString(), dir.resolve("o").toString());
        assertEquals(2, noTable.exit());
        assertTrue(noTable.err().contains("shop.members"), noTable.err());

        Run unreadable = run("--source", shop(), "--table", "members", notParquet.toString(), dir.resolve("o").toString());
        assertEquals(3, unreadable.exit());
        assertTrue(unreadable.err().contains("cannot read"), unreadable.err());

        assertEquals(2, run("--table", "members").exit());
    }
}
