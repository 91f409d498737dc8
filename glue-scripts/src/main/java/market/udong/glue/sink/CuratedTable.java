package market.udong.glue.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.udong.core.naming.CatalogNames;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's folder in the curated zone ({@code <location>/dt=YYYY-MM-DD/part-*.parquet}) and its
 * ingest state ({@value #STATE_FILE}, beside the data; Athena and Spark skip names starting with
 * {@code _}).
 *
 * <p>Runs are exactly-once without renames: every run appends files named by its Spark write id,
 * and only after the files and the catalog are in place does it commit the state that lists the
 * id (one PUT, atomic on S3). Files whose id no committed state lists come from a failed run; the
 * next run deletes them before it reads the same rows again.
 */
public final class CuratedTable {

    public static final String STATE_FILE = "_udong_ingest_state.json";

    private static final Logger LOG = LoggerFactory.getLogger(CuratedTable.class);
    /** Spark names data files {@code part-<task>-<write id>[.c<n>].<codec>.parquet}. */
    private static final Pattern DATA_FILE = Pattern.compile(
            "part-\\d+-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}).*");

    private final Path root;
    private final Configuration conf;

    /** @param location the table's folder, e.g. {@code s3://bucket/orders/orders/order_items} */
    public CuratedTable(String location, Configuration conf) {
        this.root = new Path(location.endsWith("/") ? location.substring(0, location.length() - 1) : location);
        this.conf = conf;
    }

    public String location() {
        return root.toString();
    }

    /** The committed state, or {@link IngestState#empty()} before the first successful run. */
    public IngestState state() {
        Path file = new Path(root, STATE_FILE);
        try {
            FileSystem fs = fs();
            if (!fs.exists(file)) {
                return IngestState.empty();
            }
            try (InputStream in = fs.open(file)) {
                return IngestState.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Deletes data files that {@code state} does not list, and Spark's leftovers of failed writes:
     * before a run, what failed runs left; after a full refresh, the files it replaced.
     *
     * @return the number of data files deleted
     */
    public int removeUncommitted(IngestState state) {
        Set<String> committed = state.committedWrites();
        int deleted = 0;
        try {
            FileSystem fs = fs();
            if (!fs.exists(root)) {
                return 0;
            }
            for (String leftover : List.of("_temporary", ".spark-staging")) {
                Path p = new Path(root, leftover);
                if (fs.exists(p)) {
                    fs.delete(p, true);
                }
            }
            for (DataFile f : dataFiles(fs)) {
                if (!committed.contains(f.writeId())) {
                    fs.delete(f.path(), false);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root, e);
        }
        if (deleted > 0) {
            LOG.info("deleted {} data file(s) under {} that the committed state does not list", deleted, root);
        }
        return deleted;
    }

    /**
     * Appends the rows as snappy Parquet partitioned by {@code dt}; the Parquet settings (timestamp
     * type, codec) come from the session, which the job configures.
     *
     * @return the new write, or empty when the rows produced no file
     */
    public Optional<Write> append(Dataset<Row> rows, Set<String> knownWrites) {
        rows.write().mode(SaveMode.Append)
                .partitionBy(CatalogNames.DATE_PARTITION_KEY)
                .option("compression", "snappy")
                .parquet(root.toString());
        try {
            List<DataFile> created = new ArrayList<>();
            for (DataFile f : dataFiles(fs())) {
                if (!knownWrites.contains(f.writeId())) {
                    created.add(f);
                }
            }
            Set<String> ids = new LinkedHashSet<>();
            created.forEach(f -> ids.add(f.writeId()));
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            if (ids.size() > 1) {
                throw new IllegalStateException("found files of " + ids.size() + " unknown writes under " + root
                        + " after one write: is another run of this job writing the same table?");
            }
            TreeSet<String> partitions = new TreeSet<>();
            long rowsWritten = 0;
            for (DataFile f : created) {
                partitions.add(f.partition());
                rowsWritten += rowCount(f.path());
            }
            return Optional.of(new Write(ids.iterator().next(), List.copyOf(partitions), created.size(), rowsWritten));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Commits the state: the run's files become part of the table and its watermark is kept. */
    public void commit(IngestState state) {
        Path file = new Path(root, STATE_FILE);
        try (OutputStream out = fs().create(file, true)) {
            out.write(state.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * One committed or pending write.
     *
     * @param writeId    Spark's write id, found in its file names
     * @param partitions {@code dt} values it wrote to, sorted
     * @param files      number of data files
     * @param rows       number of rows, from the files' footers
     */
    public record Write(String writeId, List<String> partitions, int files, long rows) {
    }

    private record DataFile(Path path, String writeId, String partition) {
    }

    private List<DataFile> dataFiles(FileSystem fs) throws IOException {
        List<DataFile> files = new ArrayList<>();
        if (!fs.exists(root)) {
            return files;
        }
        String prefix = CatalogNames.DATE_PARTITION_KEY + "=";
        Path table = fs.makeQualified(root);
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(table, true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            Path parent = p.getParent();
            Matcher m = DATA_FILE.matcher(p.getName());
            if (m.matches() && parent != null && parent.getName().startsWith(prefix)
                    && table.equals(parent.getParent())) {
                files.add(new DataFile(p, m.group(1), parent.getName().substring(prefix.length())));
            }
        }
        return files;
    }

    private long rowCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return reader.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
        }
    }

    private FileSystem fs() throws IOException {
        return FileSystem.get(URI.create(root.toString()), conf);
    }
}
