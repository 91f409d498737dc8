package market.udong.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Looks for original values of masked, dropped and unclassified columns in a Parquet file, the same
 * way on every path's output (snapshot export, DMS full load and CDC, Glue, events): in every cell
 * of every column, in every column chunk's statistics (min and max, old and new fields), in the
 * footer's key-value metadata, and in the file's raw bytes (uncompressed pages and dictionaries).
 *
 * <p>An original of six characters or more is a leak wherever it occurs inside a value (a masked
 * value that still holds the whole original is a leak); a shorter one only where a value equals it,
 * since short strings occur by chance.
 */
public final class PiiScan {
    private static final int SUBSTRING_MIN = 6;

    private PiiScan() {
    }

    /** Where each original appears, as {@code "<original> in <place>"}; empty when the file holds none. */
    public static List<String> leaks(DuckDb db, Path parquet, Collection<String> originals) {
        List<String> found = new ArrayList<>();
        String file = parquet.toString();
        for (String column : db.columnTypes(parquet).keySet()) {
            String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
            for (List<Object> row : db.rows("SELECT DISTINCT CAST(" + quoted + " AS VARCHAR) FROM read_parquet(?) WHERE "
                    + quoted + " IS NOT NULL", file)) {
                check(String.valueOf(row.get(0)), originals, "column " + column, found);
            }
        }
        for (List<Object> row : db.rows("SELECT path_in_schema, stats_min, stats_max, stats_min_value, stats_max_value"
                + " FROM parquet_metadata(?)", file)) {
            for (int i = 1; i < row.size(); i++) {
                if (row.get(i) != null) {
                    check(String.valueOf(row.get(i)), originals, "statistics of " + row.get(0), found);
                }
            }
        }
        for (List<Object> row : db.rows("SELECT CAST(key AS VARCHAR), CAST(value AS VARCHAR) FROM parquet_kv_metadata(?)", file)) {
            check(Objects.toString(row.get(1), ""), originals, "footer metadata " + row.get(0), found);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(parquet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String original : originals) {
            if (original.length() >= SUBSTRING_MIN && indexOf(bytes, original.getBytes(StandardCharsets.UTF_8)) >= 0) {
                found.add(original + " in the file's bytes");
            }
        }
        return found.stream().distinct().toList();
    }

    private static void check(String value, Collection<String> originals, String where, List<String> found) {
        for (String original : originals) {
            boolean leak = original.length() >= SUBSTRING_MIN ? value.contains(original) : value.equals(original);
            if (leak) {
                found.add(original + " in " + where);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
