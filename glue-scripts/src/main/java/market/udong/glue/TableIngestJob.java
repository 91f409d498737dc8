package market.udong.glue;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.udong.core.catalog.LakeTable;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.types.ColumnType;
import market.udong.glue.catalog.CatalogUpdater;
import market.udong.glue.catalog.GlueCatalogUpdater;
import market.udong.glue.sink.CuratedTable;
import market.udong.glue.sink.IngestState;
import market.udong.glue.source.JdbcSource;
import market.udong.glue.source.ReadColumn;
import market.udong.glue.source.ReadRange;
import market.udong.glue.source.SourceColumn;
import market.udong.glue.source.Watermark;
import market.udong.glue.transform.ColumnPolicies;
import market.udong.glue.transform.DatePartition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table of a MySQL-compatible read replica into the curated zone: reads it over JDBC
 * in parallel partitions, applies its column policies and the DESIGN section 6 types, writes
 * snappy Parquet partitioned by {@code dt}, registers the table and its new partitions in the
 * catalog, then commits the watermark. Incremental by the table's watermark column; a table
 * without one, or a run with {@code --udong-full-refresh true}, reloads everything and replaces
 * the table's files once the new ones are committed.
 *
 * <p>A failed run commits nothing: the next run deletes its files and reads the same rows again.
 *
 * <p>Glue runs it as a Scala job with {@code --class market.udong.glue.TableIngestJob}; the
 * arguments are listed in {@code market.udong.core.naming.GlueJobArgs}.
 */
public final class TableIngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(TableIngestJob.class);
    /** The catalog's {@link LakeTable#WRITER_PARAMETER} of tables this job registers. */
    static final String WRITER = "glue-table-ingest";

    /**
     * Parquet files a task keeps open at once, one per {@code dt} value, before it falls back to
     * sorting its remaining rows by {@code dt}. Incremental runs meet one or two dates; each open
     * file buffers up to a row group in memory.
     */
    static final int CONCURRENT_PARTITION_WRITERS = 4;

    private final IngestSettings settings;
    private final JdbcSource source;
    private final String hmacSecret;
    private final CatalogUpdater catalog;
    private final Clock clock;

    /**
     * @param hmacSecret the environment's HMAC key as its Secrets Manager string
     *                   ({@link ColumnMasks#fromSecretString}); checked here
     */
    public TableIngestJob(IngestSettings settings, JdbcSource source, String hmacSecret, CatalogUpdater catalog,
                          Clock clock) {
        ColumnMasks.fromSecretString(hmacSecret);
        this.settings = settings;
        this.source = source;
        this.hmacSecret = hmacSecret;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Parses the arguments, builds the session, and runs read → transform → write. */
    public static void main(String[] args) throws SQLException {
        JobArguments arguments = JobArguments.parse(args);
        SparkSession spark = SparkSession.builder()
                .appName("udong-ingest-" + arguments.require(GlueJobArgs.SOURCE) + "-" + arguments.require(GlueJobArgs.TABLE))
                .getOrCreate();
        IngestSettings settings = IngestSettings.from(arguments, uri -> readText(spark, uri));
        try (AwsClients aws = new AwsClients(settings.region(), settings.awsEndpoint())) {
            String[] credentials = settings.dbSecret().map(aws::databaseCredentials)
                    .orElseGet(() -> new String[] {settings.dbUser().orElseThrow(), settings.dbPassword().orElse(""), null, null});
            String key = settings.hmacSecret().map(aws::secretString).orElseGet(() -> settings.hmacKey().orElseThrow());
            String host = settings.replicaHost().or(() -> java.util.Optional.ofNullable(credentials[2]))
                    .orElseThrow(() -> new IllegalArgumentException("the database secret names no host; give "
                            + GlueJobArgs.REPLICA_HOST));
            int port = settings.replicaPort().orElse(credentials[3] == null ? 3306 : Integer.parseInt(credentials[3]));
            JdbcSource source = new JdbcSource(host, port, credentials[0], credentials[1], settings.sslMode());
            IngestResult result = new TableIngestJob(settings, source, key, new GlueCatalogUpdater(aws.glue()),
                    Clock.systemUTC()).run(spark);
            LOG.info("ingested {}", result);
        }
    }

    /** The text of a small object (the deployed source config), through the session's Hadoop file systems. */
    public static String readText(SparkSession spark, String uri) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try (java.io.InputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + uri, e);
        }
    }

    /**
     * One run.
     *
     * @throws IllegalArgumentException when the table's config does not fit the source table
     */
    public IngestResult run(SparkSession spark) throws SQLException {
        long started = System.nanoTime();
        configure(spark);
        var table = settings.table();
        var glue = settings.glue();
        CuratedTable target = new CuratedTable(settings.tableLocation(), spark.sparkContext().hadoopConfiguration());
        IngestState state = target.state();
        target.removeUncommitted(state);

        List<SourceColumn> columns = source.columns(table);
        MaskingPlan plan = MaskingPlan.of(table, columns.stream().map(SourceColumn::name).toList());
        if (!plan.unknown().isEmpty()) {
            LOG.warn("table {} has unclassified column(s) {}: not read (onUnknownColumn: drop)",
                    table.qualifiedName(), plan.unknown());
        }
        Optional<SourceColumn> watermarkColumn = Optional.ofNullable(glue.watermarkColumn()).map(c -> find(columns, c));
        Optional<String> split = Optional.ofNullable(glue.splitColumn()).map(c -> find(columns, c).name());
        boolean full = settings.fullRefresh() || watermarkColumn.isEmpty() || state.lastWatermark().isEmpty();
        Optional<Watermark> after = full ? Optional.empty() : state.lastWatermark();
        after.ifPresent(w -> {
            if (!w.column().equals(glue.watermarkColumn())) {
                throw new IllegalArgumentException("the table was loaded by watermark column " + w.column()
                        + " but the config now names " + glue.watermarkColumn() + "; run once with "
                        + market.udong.core.naming.GlueJobArgs.FULL_REFRESH + " true");
            }
        });

        ReadRange range = source.range(table, watermarkColumn, after, split);
        LakeTable catalogTable;
        Optional<CuratedTable.Write> write = Optional.empty();
        if (range.empty()) {
            catalogTable = catalogTable(curated(spark, columns, plan, range, split, 1).schema().fields());
            LOG.info("table {}: no rows after watermark {}", table.qualifiedName(), after.map(Watermark::value).orElse("-"));
        } else {
            Dataset<Row> curated = curated(spark, columns, plan, range, split, split.isPresent() ? glue.partitions() : 1);
            catalogTable = catalogTable(curated.schema().fields());
            write = target.append(curated, state.committedWrites());
        }
        catalog.update(catalogTable, write.map(CuratedTable.Write::partitions).orElse(List.of()));
        if (write.isPresent()) {
            Watermark reached = range.upTo().orElse(null);
            IngestState next = full
                    ? IngestState.replaced(write.get().writeId(), reached, clock.instant())
                    : state.appended(write.get().writeId(), reached, clock.instant());
            target.commit(next);
            if (full) {
                target.removeUncommitted(next);
            }
        }
        return new IngestResult(table.qualifiedName(), full, write.map(CuratedTable.Write::rows).orElse(0L),
                write.map(CuratedTable.Write::files).orElse(0), write.map(CuratedTable.Write::partitions).orElse(List.of()),
                range.upTo().map(Watermark::value).orElse(null), (System.nanoTime() - started) / 1_000_000);
    }

    /** read → policies → date partition, lazily. */
    private Dataset<Row> curated(SparkSession spark, List<SourceColumn> columns, MaskingPlan plan, ReadRange range,
                                 Optional<String> split, int partitions) {
        List<ReadColumn> read = new ArrayList<>();
        for (SourceColumn c : columns) {
            Optional<MaskingPlan.Step> step = plan.steps().stream().filter(s -> s.source().equals(c.name())).findFirst();
            if (split.map(c.name()::equals).orElse(false)) {
                read.add(ReadColumn.values(c));
            } else if (step.isPresent()) {
                read.add(new ReadColumn(c, contentNeeded(step.get().rule(), c.type())));
            }
        }
        Dataset<Row> rows = source.read(spark, settings.table(), read, range, split, partitions, settings.splitBounds());
        Dataset<Row> masked = ColumnPolicies.apply(rows, plan, hmacSecret);
        Optional<String> partitionColumn = Optional.ofNullable(settings.table().partitionColumn())
                .map(c -> settings.table().ruleFor(c).map(r -> r.outputName(c)).orElse(c));
        return DatePartition.add(masked, partitionColumn, settings.loadDate());
    }

    /**
     * How much of a column its policy needs: {@code nullify} nothing, {@code redact} only whether
     * there is a value; the rest the values. A temporal column is read whole even for
     * {@code redact}: MySQL's zero dates are values in the database but null once read
     * ({@code zeroDateTimeBehavior}), and the curated zone has null for them.
     */
    static ReadColumn.Content contentNeeded(ColumnRule rule, ColumnType type) {
        if (rule.policy() == ColumnPolicy.NULLIFY) {
            return ReadColumn.Content.NOTHING;
        }
        if (rule.policy() == ColumnPolicy.REDACT && rule.type() == null && !type.isTemporal()) {
            return ReadColumn.Content.PRESENCE;
        }
        return ReadColumn.Content.VALUES;
    }

    private LakeTable catalogTable(StructField[] fields) {
        List<LakeTable.Column> columns = new ArrayList<>();
        for (StructField f : fields) {
            if (!f.name().equals(CatalogNames.DATE_PARTITION_KEY)) {
                columns.add(new LakeTable.Column(f.name(), SparkTypes.columnType(f.dataType())));
            }
        }
        return new LakeTable(CatalogNames.curatedDatabase(settings.table().database()),
                CatalogNames.table(settings.table().name()), settings.tableLocation(), columns, WRITER);
    }

    /**
     * Session settings the curated files depend on (DESIGN section 6) and the write's settings;
     * every run applies them. Public so that a baseline (the benchmark's plain copy) writes as the job does.
     */
    public static void configure(SparkSession spark) {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.conf().set("spark.sql.parquet.compression.codec", "snappy");
        spark.conf().set("spark.sql.parquet.writeLegacyFormat", "false");
        // Spark would pad CHAR/ENUM values read over JDBC to the column width ('gold' → 'gold  ');
        // the curated zone keeps the database's text as it is.
        spark.conf().set("spark.sql.legacy.charVarcharAsString", "true");
        // UDFs receive java.time values, which core's transforms take, without java.sql conversions.
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        // Without open writers to spare, Spark sorts every task's rows by dt before writing them, even
        // when dt is one constant (tables without a partition column): a copy and sort of all rows
        // that cost 7 % of the job's CPU. With them, rows go straight to their partition's file;
        // a task that meets more dates than this sorts only the rest.
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", Integer.toString(CONCURRENT_PARTITION_WRITERS));
    }

    private SourceColumn find(List<SourceColumn> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("column " + name + " named in the Glue settings of "
                        + settings.table().qualifiedName() + " is not in the source table"));
    }

    /**
     * What a run did.
     *
     * @param table      {@code database.table}
     * @param fullLoad   true when the whole table was read
     * @param rows       rows written
     * @param files      Parquet files written
     * @param partitions {@code dt} values written
     * @param watermark  watermark reached, or null
     * @param millis     wall time of the run
     */
    public record IngestResult(String table, boolean fullLoad, long rows, int files, List<String> partitions,
                               String watermark, long millis) {
    }
}
