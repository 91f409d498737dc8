package market.udong.core.masking;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import market.udong.core.naming.Names;

/**
 * One input file to mask and where its output goes.
 *
 * @param bucket       bucket of the input
 * @param key          key of the input
 * @param source       source name (config/sources/&lt;source&gt;.yaml)
 * @param database     source database (MySQL) or {@code database.schema} (PostgreSQL)
 * @param table        source table
 * @param snapshotDate date of the {@code dt=} partition
 * @param dms          true for DMS output (its {@code Op} and timestamp columns pass through)
 */
public record MaskingTarget(String bucket, String key, String source, String database, String table,
                            LocalDate snapshotDate, boolean dms) {

    public MaskingTarget {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(snapshotDate, "snapshotDate");
    }

    /**
     * The output key in the curated bucket: {@code <source>/<db>/<table>/dt=<date>/<name>.parquet},
     * where the name is the input's path below its table folder with {@code /} as {@code _}
     * (RDS export: {@code 1/part-00000.gz.parquet} → {@code 1_part-00000.parquet}). The same input
     * always maps to the same key, so a retry overwrites instead of duplicating.
     */
    public String curatedKey() {
        return Names.curatedPartitionPrefix(source, database, table, snapshotDate) + outputName();
    }

    String outputName() {
        List<String> parts = Arrays.asList(key.split("/"));
        int tableFolder = -1;
        for (int i = parts.size() - 2; i >= 0; i--) {
            String p = parts.get(i);
            if (p.equalsIgnoreCase(table) || p.equalsIgnoreCase(database + "." + table)) {
                tableFolder = i;
                break;
            }
        }
        String name = String.join("_", parts.subList(tableFolder + 1, parts.size()));
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".gz.parquet", ".snappy.parquet", ".parquet")) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length()) + ".parquet";
            }
        }
        return name + ".parquet";
    }

    /** The curated table prefix (the Glue table's location). */
    public String curatedTablePrefix() {
        return Names.curatedTablePrefix(source, database, table);
    }

    /** {@code <db>.<table>} for logs and metrics. */
    public String qualifiedTable() {
        return database + "." + table;
    }
}
