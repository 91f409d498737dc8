package market.udong.glue.bench;

import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.Engine;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.testing.LocalGlueCatalog;
import market.udong.core.testing.LocalMariaDb;
import market.udong.core.testing.LocalS3;
import market.udong.glue.IngestSettings;
import market.udong.glue.JobArguments;
import market.udong.glue.TableIngestJob;
import market.udong.glue.UdongMarketDb;
import market.udong.glue.catalog.CatalogUpdater;
import market.udong.glue.sink.CuratedTable;
import market.udong.glue.source.JdbcSource;
import market.udong.glue.source.ReadColumn;
import market.udong.glue.source.ReadRange;
import market.udong.glue.source.SourceColumn;
import market.udong.glue.transform.ColumnPolicies;
import market.udong.glue.transform.DatePartition;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/bench glue}: rows per second of the Glue ingestion job on {@code local[2]}, reading
 * the {@code members} table (the project's column policies: redact, hash, mask_phone, drop,
 * truncate) from a local MariaDB and writing Parquet to a local folder (or, with {@code --store s3},
 * through s3a to a local S3 server in this JVM), next to two baselines and a diagnostic variant
 * measured in the same run on the same data:
 * <ol>
 * <li>plain copy: the job's JDBC read and Parquet write with the job's session settings
 *     ({@link TableIngestJob#configure}), nothing else (no policies, no catalog, no state)</li>
 * <li>job, all keep: the whole job with every column the policies write classified {@code keep}</li>
 * <li>job, policies: the whole job with the project's policies</li>
 * <li>job, policies but hash: the same with {@code hash} replaced by {@code keep}, which splits the
 *     policies' cost into hashing (its digests are longer than the values) and the rest</li>
 * </ol>
 * Every variant runs {@code rounds} times, interleaved, after one warm-up, in an order that rotates
 * each round; the ratios are reported three ways: of the median runs, paired by round (the runs of
 * a round share the machine's state) and of the best runs. Each run reports wall time, the JVM's
 * CPU time and the CPU time of Spark's tasks; its files are deleted afterwards, untimed.
 * Finally the shaded jar runs the job once in a fresh JVM with only Spark and Hadoop beside it,
 * as on Glue, to show the jar is self-contained.
 *
 * <p>Why a folder by default: the job's own work is the same for any store, but S3Proxy in this JVM
 * does a server's work for every byte written (decoding signed chunks byte by byte, an MD5, a
 * copy in memory) on the same two cores, which on AWS happens in S3, not on the job's workers.
 * The hashed column's 64-character digests more than double the output, so that server work
 * would be charged to the policies. {@code --store s3} measures it anyway.
 *
 * <p>Arguments: {@code --rows N} (default 1,000,000), {@code --rounds N} (default 9),
 * {@code --store s3} (write the measured runs through s3a to the local S3 server instead of a folder),
 * {@code --only transform} (the transform-only measure alone),
 * {@code --shaded-jar PATH}, {@code --provided-classpath FILE} (Spark's class path, one line).
 */
public final class GlueBenchmark {

    static final String BUCKET = "udong-bench-curated";

    /**
     * One run's wall time, the CPU time this JVM spent (Spark, s3a, the in-process S3 server, GC),
     * and the CPU time of Spark's tasks alone (JDBC decoding, policies, Parquet encoding).
     */
    record Measure(double wall, double cpu, double taskCpu) {
    }

    /** Executor CPU nanoseconds of every finished task, from Spark's task metrics. */
    static final AtomicLong TASK_CPU_NANOS = new AtomicLong();

    @FunctionalInterface
    interface Run {
        void run() throws Exception;
    }

    /** Wall and JVM CPU seconds of one run; CPU time barely moves when other processes load the machine. */
    static Measure measure(Run run) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long tasks = TASK_CPU_NANOS.get();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        run.run();
        double wall = seconds(System.nanoTime() - start);
        double jvm = seconds(os.getProcessCpuTime() - cpu);
        // Task metrics reach listeners asynchronously, just after the action returns.
        Thread.sleep(500);
        return new Measure(wall, jvm, seconds(TASK_CPU_NANOS.get() - tasks));
    }
    static final String HMAC_KEY = "bench-hmac-key-0123456789abcdef0123456789";

    public static void main(String[] argv) throws Exception {
        JobArguments args = JobArguments.parse(argv);
        int rows = args.intValue("--rows", 1_000_000);
        int rounds = args.intValue("--rounds", 9);
        TableConfig members = new ConfigLoader().load(Path.of("config"), "dev").source("orders").orElseThrow()
                .tables().stream().filter(t -> t.name().equals("members")).findFirst().orElseThrow();
        int partitions = 4;
        TableConfig policies = withGlue(members, members.columns(), partitions);
        // The baseline keeps the columns the policies write (dropping a column saves work, which
        // would flatter the policies), so the difference is the cost of masking alone.
        Map<String, ColumnRule> keepAll = new LinkedHashMap<>();
        members.columns().forEach((c, rule) -> {
            if (rule.policy() != ColumnPolicy.DROP) {
                keepAll.put(c, ColumnRule.parse("keep"));
            }
        });
        TableConfig allKeep = withGlue(members, keepAll, partitions);
        // The policies with every hash kept instead: what the other policies cost, and by difference
        // what hashing costs, whose 64-character digests are the only masked values longer than the originals.
        Map<String, ColumnRule> unhashed = new LinkedHashMap<>(members.columns());
        unhashed.replaceAll((c, rule) -> rule.policy() == ColumnPolicy.HASH ? ColumnRule.parse("keep") : rule);
        TableConfig policiesButHash = withGlue(members, unhashed, partitions);

        try (LocalMariaDb db = LocalMariaDb.start(List.of("--innodb-buffer-pool-size=1G",
                "--innodb-flush-log-at-trx-commit=2", "--innodb-log-file-size=512M"));
             LocalS3 s3 = LocalS3.startInMemory();
             LocalGlueCatalog glue = LocalGlueCatalog.start()) {
            s3.createBucket(BUCKET);
            long loadStart = System.nanoTime();
            UdongMarketDb.createTables(db);
            loadMembers(db, rows);
            System.out.printf(Locale.ROOT, "loaded %,d members in %.1f s%n", rows, seconds(System.nanoTime() - loadStart));

            SparkSession spark = SparkSession.builder().master("local[2]").appName("udong-glue-bench")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            // The job sets these on every run; set here, the plain copy writes with them from its first round.
            TableIngestJob.configure(spark);
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.taskMetrics() != null) {
                        TASK_CPU_NANOS.addAndGet(end.taskMetrics().executorCpuTime());
                    }
                }
            });
            Map<String, String> s3a = s3aSettings(s3);
            s3a.forEach(spark.sparkContext().hadoopConfiguration()::set);

            if (args.get("--only").filter("transform"::equals).isPresent()) {
                transformOnly(spark, db, policies, allKeep, rounds);
                return;
            }
            Map<String, List<Measure>> seconds = new LinkedHashMap<>();
            int[] run = {0};
            // A local folder by default: the job's work without a server's (see the class comment).
            String store = args.get("--store").filter("s3"::equals).isPresent()
                    ? "s3a://" + BUCKET
                    : Files.createTempDirectory("udong-glue-bench-").toUri().toString().replaceAll("/$", "");
            runJob(spark, db, glue, policies, store + "/warmup", rows);
            delete(spark, store + "/warmup");
            Map<String, Long> outputBytes = new LinkedHashMap<>();
            Map<String, TableConfig> variants = new LinkedHashMap<>();
            variants.put("plain copy", allKeep);
            variants.put("job, all keep", allKeep);
            variants.put("job, policies", policies);
            variants.put("job, policies but hash", policiesButHash);
            variants.keySet().forEach(name -> seconds.put(name, new ArrayList<>()));
            List<String> order = new ArrayList<>(variants.keySet());
            for (int round = 0; round < rounds; round++) {
                // Each variant takes each place in a round equally often, so a drift in the
                // machine's load favours none of them.
                for (String name : order) {
                    String location = store + "/run-" + run[0]++;
                    TableConfig table = variants.get(name);
                    seconds.get(name).add(measure(name.equals("plain copy")
                            ? () -> plainCopy(spark, db, table, location, rows)
                            : () -> runJob(spark, db, glue, table, location, rows)));
                    outputBytes.merge(name, parquetBytes(spark, location), Math::max);
                    delete(spark, location);
                }
                java.util.Collections.rotate(order, 1);
            }
            report(rows, partitions, seconds, outputBytes);
            if (!store.startsWith("s3a:")) {
                delete(spark, store);
            }
            transformOnly(spark, db, policies, allKeep, rounds);

            Optional<String> jar = args.get("--shaded-jar");
            Optional<String> classpath = args.get("--provided-classpath");
            if (jar.isPresent() && classpath.isPresent()) {
                shadedJarRun(Path.of(jar.get()), Files.readString(Path.of(classpath.get())).trim(), db, glue, s3a,
                        policies, rows, s3);
            }
        }
    }

    /** Bytes of the Parquet files under a location. */
    static long parquetBytes(SparkSession spark, String location) throws java.io.IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        var files = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).listFiles(path, true);
        long bytes = 0;
        while (files.hasNext()) {
            var f = files.next();
            if (f.getPath().getName().endsWith(".parquet")) {
                bytes += f.getLen();
            }
        }
        return bytes;
    }

    /**
     * Deletes a run's files, untimed: the in-memory S3 server would otherwise keep every round's
     * output on this JVM's heap, and later rounds would pay for collecting a growing heap.
     */
    static void delete(SparkSession spark, String location) throws java.io.IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        System.gc();
    }

    /** The job as Glue runs it, in this JVM; returns its wall time in seconds. */
    static double runJob(SparkSession spark, LocalMariaDb db, LocalGlueCatalog glue, TableConfig table, String location,
                         int expectedRows) throws Exception {
        IngestSettings settings = IngestSettings.from(JobArguments.parse(jobArgs(db, glue, table, location)),
                uri -> TableIngestJob.readText(spark, uri));
        JdbcSource source = new JdbcSource(db.host(), db.port(), db.user(), db.password(), "DISABLED");
        CatalogUpdater noCatalogCost = (t, p) -> { };
        long start = System.nanoTime();
        TableIngestJob.IngestResult result = new TableIngestJob(settings, source, HMAC_KEY,
                noCatalogCost, Clock.systemUTC()).run(spark);
        double s = seconds(System.nanoTime() - start);
        check(result.rows(), expectedRows, location);
        return s;
    }

    /** The job's read and write alone: every classified column as read, one date partition. */
    static double plainCopy(SparkSession spark, LocalMariaDb db, TableConfig table, String location, int expectedRows)
            throws Exception {
        JdbcSource source = new JdbcSource(db.host(), db.port(), db.user(), db.password(), "DISABLED");
        long start = System.nanoTime();
        List<SourceColumn> columns = source.columns(table).stream()
                .filter(c -> table.columns().containsKey(c.name())).toList();
        Optional<String> split = Optional.of(table.glue().splitColumn());
        ReadRange range = source.range(table, Optional.empty(), Optional.empty(), split);
        Dataset<Row> rows = source.read(spark, table, columns.stream().map(ReadColumn::values).toList(), range,
                        split, table.glue().partitions(), Optional.empty())
                .withColumn("dt", lit(LocalDate.of(2026, 11, 26)));
        CuratedTable target = new CuratedTable(location, spark.sparkContext().hadoopConfiguration());
        long written = target.append(rows, java.util.Set.of()).orElseThrow().rows();
        double s = seconds(System.nanoTime() - start);
        check(written, expectedRows, location);
        return s;
    }

    /**
     * The policies alone, without JDBC and S3: the table cached in memory, projected through the
     * all-keep and the policy plans (each with the job's {@code dt} column) into Spark's {@code noop} sink. Shows what masking costs in CPU
     * where the end-to-end runs are dominated by I/O and the machine's other load.
     */
    static void transformOnly(SparkSession spark, LocalMariaDb db, TableConfig policies, TableConfig allKeep, int rounds)
            throws Exception {
        JdbcSource source = new JdbcSource(db.host(), db.port(), db.user(), db.password(), "DISABLED");
        List<SourceColumn> columns = source.columns(policies).stream()
                .filter(c -> policies.columns().containsKey(c.name())).toList();
        Optional<String> split = Optional.of(policies.glue().splitColumn());
        ReadRange range = source.range(policies, Optional.empty(), Optional.empty(), split);
        Dataset<Row> cached = source.read(spark, policies, columns.stream().map(ReadColumn::values).toList(), range,
                split, policies.glue().partitions(), Optional.empty()).cache();
        long n = cached.count();
        List<String> names = columns.stream().map(SourceColumn::name).toList();
        MaskingPlan keepPlan = MaskingPlan.of(allKeep, names);
        MaskingPlan policyPlan = MaskingPlan.of(policies, names);
        Run keep = () -> curated(cached, keepPlan).write().format("noop").mode("overwrite").save();
        Run masked = () -> curated(cached, policyPlan).write().format("noop").mode("overwrite").save();
        keep.run();
        masked.run();
        List<Measure> keepRuns = new ArrayList<>();
        List<Measure> maskedRuns = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            keepRuns.add(measure(keep));
            maskedRuns.add(measure(masked));
        }
        double k = median(keepRuns, Measure::cpu);
        double m = median(maskedRuns, Measure::cpu);
        System.out.printf(Locale.ROOT, "%ntransform only (%,d cached rows → noop sink), JVM CPU s, median of %d:"
                        + " all keep %.2f (%s), policies %.2f (%s): policies add %.2f s = %.2f µs per row%n",
                n, rounds, k, fmt(keepRuns, Measure::cpu), m, fmt(maskedRuns, Measure::cpu), m - k, (m - k) * 1e6 / n);
        // Each policy alone on its column, the others kept: where the cost comes from.
        StringBuilder perPolicy = new StringBuilder();
        for (Map.Entry<String, ColumnRule> e : policies.columns().entrySet()) {
            if (e.getValue().policy() == ColumnPolicy.KEEP || e.getValue().policy() == ColumnPolicy.DROP) {
                continue;
            }
            Map<String, ColumnRule> one = new LinkedHashMap<>(allKeep.columns());
            one.put(e.getKey(), e.getValue());
            MaskingPlan plan = MaskingPlan.of(new TableConfig(allKeep.database(), allKeep.name(), allKeep.ingestion(), null,
                    one, null, allKeep.glue(), null), names);
            Run single = () -> curated(cached, plan).write().format("noop").mode("overwrite").save();
            single.run();
            List<Measure> singleRuns = new ArrayList<>();
            List<Measure> keepAgain = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                keepAgain.add(measure(keep));
                singleRuns.add(measure(single));
            }
            perPolicy.append(String.format(Locale.ROOT, "%s %s: %+.2f µs/row; ", e.getKey(), e.getValue().policySpec(),
                    (best(singleRuns, Measure::cpu) - best(keepAgain, Measure::cpu)) * 1e6 / n));
        }
        System.out.println("each policy alone (best CPU run minus best all-keep run): " + perPolicy);
        cached.unpersist();
    }

    /**
     * The job's transform: policies, then the {@code dt} column, whose projection the job always
     * has, so a policy is charged only for its own work.
     */
    static Dataset<Row> curated(Dataset<Row> rows, MaskingPlan plan) {
        return DatePartition.add(ColumnPolicies.apply(rows, plan, HMAC_KEY), Optional.empty(), LocalDate.of(2026, 11, 26));
    }

    /** Runs {@code main} of the shaded jar in a fresh JVM with Spark's class path, as on Glue. */
    static void shadedJarRun(Path jar, String providedClasspath, LocalMariaDb db, LocalGlueCatalog glue,
                             Map<String, String> s3a, TableConfig table, int expectedRows, LocalS3 s3) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(sparkJvmFlags());
        command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false"));
        s3a.forEach((k, v) -> command.add("-Dspark.hadoop." + k + "=" + v));
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + providedClasspath, GlueJobArgs.JOB_CLASS));
        command.addAll(List.of(jobArgs(db, glue, table, "s3a://" + BUCKET + "/shaded")));
        Path log = Files.createTempFile("udong-glue-shaded-", ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the shaded jar's run failed; its log: " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        String marker = "rows=" + expectedRows + ",";
        if (!out.contains(marker)) {
            throw new IllegalStateException("the shaded jar's run did not report " + marker + "; its log: " + log);
        }
        System.out.printf(Locale.ROOT, "shaded jar (%s, %.1f MB) ran the job in a fresh JVM with Spark's class path only:"
                        + " %,d rows, %.1f s including JVM and Spark start; catalog requests: %d%n",
                jar.getFileName(), Files.size(jar) / 1e6, expectedRows, seconds(System.nanoTime() - start),
                glue.requests().size());
        Files.delete(log);
    }

    /** The orders source's deployed config holding {@code table}, in a local file the job reads as it reads S3. */
    static String deployedConfig(TableConfig table) {
        try {
            Path file = Files.createTempFile("udong-bench-orders", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new DeployedSource("orders", Engine.MARIADB, null, null, List.of(table)).toJson());
            return file.toUri().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String[] jobArgs(LocalMariaDb db, LocalGlueCatalog glue, TableConfig table, String location) {
        return new String[] {
            GlueJobArgs.SOURCE, "orders", GlueJobArgs.SOURCE_CONFIG, deployedConfig(table),
            GlueJobArgs.TABLE, table.qualifiedName(),
            GlueJobArgs.REPLICA_HOST, db.host(), GlueJobArgs.REPLICA_PORT, Integer.toString(db.port()),
            GlueJobArgs.CURATED_LOCATION, location, GlueJobArgs.REGION, "ap-northeast-2",
            IngestSettings.DB_USER, db.user(), IngestSettings.DB_PASSWORD + "=" + db.password(),
            IngestSettings.HMAC_KEY, HMAC_KEY, IngestSettings.AWS_ENDPOINT, glue.endpoint().toString(),
            IngestSettings.SSL_MODE, "DISABLED", IngestSettings.LOAD_DATE, "2026-11-26",
        };
    }

    static void loadMembers(LocalMariaDb db, int rows) {
        db.execute(UdongMarketDb.DATABASE, "INSERT INTO members (member_id, name, email, phone, address, birth_date, grade,"
                + " marketing_opt_in, created_at, updated_at, legacy_memo)"
                + " SELECT seq, CONCAT('회원', seq), CONCAT('member', seq, '@udong.market'),"
                + " CONCAT('010-', LPAD(seq MOD 10000, 4, '0'), '-', LPAD(seq DIV 10000, 4, '0')),"
                + " CONCAT('서울시 마포구 와우산로 ', seq), DATE('1960-01-01') + INTERVAL (seq MOD 18000) DAY,"
                + " ELT(1 + seq MOD 3, 'bronze', 'silver', 'gold'), seq MOD 2,"
                + " TIMESTAMP('2024-01-01 00:00:00') + INTERVAL seq SECOND,"
                + " TIMESTAMP('2024-06-01 00:00:00') + INTERVAL seq SECOND, NULL"
                + " FROM seq_1_to_" + rows);
    }

    static TableConfig withGlue(TableConfig t, Map<String, ColumnRule> columns, int partitions) {
        return new TableConfig(t.database(), t.name(), t.ingestion(), t.onUnknownColumn(), columns, null,
                new TableConfig.GlueSettings(null, null, null, null, null, null, "member_id", partitions, null), t.partitionColumn());
    }

    static Map<String, String> s3aSettings(LocalS3 s3) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.s3a.endpoint", s3.endpoint().toString());
        conf.put("fs.s3a.endpoint.region", LocalS3.REGION.id());
        conf.put("fs.s3a.path.style.access", "true");
        conf.put("fs.s3a.connection.ssl.enabled", "false");
        conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.put("fs.s3a.access.key", LocalS3.ACCESS_KEY);
        conf.put("fs.s3a.secret.key", LocalS3.SECRET_KEY);
        return conf;
    }

    static List<String> sparkJvmFlags() {
        List<String> flags = new ArrayList<>(List.of("-Xmx3g", "-Djdk.reflect.useDirectMethodHandle=false"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            flags.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        return flags;
    }

    static void report(int rows, int partitions, Map<String, List<Measure>> runs, Map<String, Long> outputBytes) {
        double plainWall = median(runs.get("plain copy"), Measure::wall);
        double plainCpu = median(runs.get("plain copy"), Measure::cpu);
        System.out.printf(Locale.ROOT, "%n%,d rows, local[2], %d JDBC partitions, median of %d rounds%n", rows, partitions,
                runs.get("plain copy").size());
        double plainBest = best(runs.get("plain copy"), Measure::wall);
        double plainTasks = median(runs.get("plain copy"), Measure::taskCpu);
        System.out.printf(Locale.ROOT, "| variant | wall s, median (runs) | rows/s, median | rows/s, best run | JVM CPU s,"
                + " median (runs) | task CPU s, median (runs) | rows/s vs plain (median / best) | JVM CPU vs plain"
                + " | task CPU vs plain | Parquet MB |%n|---|---|---|---|---|---|---|---|---|---|%n");
        runs.forEach((name, all) -> {
            double wall = median(all, Measure::wall);
            double bestWall = best(all, Measure::wall);
            double cpu = median(all, Measure::cpu);
            double tasks = median(all, Measure::taskCpu);
            System.out.printf(Locale.ROOT, "| %s | %.1f (%s) | %,.0f | %,.0f | %.1f (%s) | %.1f (%s) | %.2f× / %.2f× | %.2f×"
                            + " | %.2f× | %.1f |%n", name, wall, fmt(all, Measure::wall), rows / wall, rows / bestWall, cpu,
                    fmt(all, Measure::cpu), tasks, fmt(all, Measure::taskCpu), plainWall / wall, plainBest / bestWall,
                    cpu / plainCpu, tasks / plainTasks, outputBytes.getOrDefault(name, 0L) / 1e6);
        });
        double keepWall = median(runs.get("job, all keep"), Measure::wall);
        double keepCpu = median(runs.get("job, all keep"), Measure::cpu);
        double maskedWall = median(runs.get("job, policies"), Measure::wall);
        double maskedCpu = median(runs.get("job, policies"), Measure::cpu);
        double keepTasks = median(runs.get("job, all keep"), Measure::taskCpu);
        double maskedTasks = median(runs.get("job, policies"), Measure::taskCpu);
        System.out.printf(Locale.ROOT, "%npolicy cost (job, policies vs job, all keep): wall %+.1f%% (best runs %+.1f%%),"
                + " JVM CPU %+.1f%%, task CPU %+.1f%%%n", 100 * (maskedWall / keepWall - 1),
                100 * (best(runs.get("job, policies"), Measure::wall) / best(runs.get("job, all keep"), Measure::wall) - 1),
                100 * (maskedCpu / keepCpu - 1), 100 * (maskedTasks / keepTasks - 1));
        System.out.printf(Locale.ROOT, "job with policies vs plain copy: wall %+.1f%%, JVM CPU %+.1f%%, task CPU %+.1f%%%n",
                100 * (maskedWall / plainWall - 1), 100 * (maskedCpu / plainCpu - 1), 100 * (maskedTasks / plainTasks - 1));
        List<Measure> butHash = runs.get("job, policies but hash");
        System.out.printf(Locale.ROOT, "policies but hash vs job, all keep: wall %+.1f%%, JVM CPU %+.1f%%, task CPU %+.1f%%%n",
                100 * (median(butHash, Measure::wall) / keepWall - 1), 100 * (median(butHash, Measure::cpu) / keepCpu - 1),
                100 * (median(butHash, Measure::taskCpu) / keepTasks - 1));
        System.out.printf(Locale.ROOT, "rows/s of job with policies (median): %.2f× plain copy (target ≥ 0.90),"
                + " %.2f× job with all keep (cost ≤ 10 %% is ≥ 0.91); job with all keep: %.2f× plain copy%n",
                plainWall / maskedWall, keepWall / maskedWall, plainWall / keepWall);
        List<Double> vsPlain = pairedRatios(runs.get("plain copy"), runs.get("job, policies"));
        List<Double> vsKeep = pairedRatios(runs.get("job, all keep"), runs.get("job, policies"));
        System.out.printf(Locale.ROOT, "paired by round (the runs of one round share the machine's state): rows/s of job"
                        + " with policies %.2f× plain copy (rounds: %s), %.2f× job with all keep (rounds: %s)%n",
                medianOf(vsPlain), ratios(vsPlain), medianOf(vsKeep), ratios(vsKeep));
        System.out.printf(Locale.ROOT, "best runs: rows/s of job with policies %.2f× plain copy, %.2f× job with all keep%n",
                best(runs.get("plain copy"), Measure::wall) / best(runs.get("job, policies"), Measure::wall),
                best(runs.get("job, all keep"), Measure::wall) / best(runs.get("job, policies"), Measure::wall));
    }

    /** Per round, the baseline's wall time over the variant's: the variant's rows/s relative to the baseline's. */
    static List<Double> pairedRatios(List<Measure> baseline, List<Measure> variant) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(baseline.size(), variant.size()); i++) {
            ratios.add(baseline.get(i).wall() / variant.get(i).wall());
        }
        return ratios;
    }

    private static String ratios(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(List<Measure> all, java.util.function.ToDoubleFunction<Measure> part) {
        return String.join(", ", all.stream().map(m -> String.format(Locale.ROOT, "%.1f", part.applyAsDouble(m))).toList());
    }

    private static double best(List<Measure> values, java.util.function.ToDoubleFunction<Measure> part) {
        return values.stream().mapToDouble(part).min().orElseThrow();
    }

    private static double median(List<Measure> values, java.util.function.ToDoubleFunction<Measure> part) {
        return medianOf(values.stream().map(part::applyAsDouble).toList());
    }

    private static void check(long actual, long expected, String location) {
        if (actual != expected) {
            throw new IllegalStateException(location + ": wrote " + actual + " rows, expected " + expected);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private GlueBenchmark() {
    }
}
