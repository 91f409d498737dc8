package market.udong.lambdas.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.lambdas.masking.LocalParquetFile;
import market.udong.lambdas.masking.MaskingReport;
import market.udong.lambdas.masking.ParquetMasker;

import org.apache.parquet.io.LocalOutputFile;

/**
 * {@code bin/bench masking}: our Parquet masker against DuckDB doing the same transformation
 * single-threaded, and a plain file copy as the upper bound, on one generated file, in one run.
 * Each engine runs in its own JVM (so peak RSS and CPU time are its own), {@value #RUNS} times,
 * the engines taking turns so that a change in the machine's load hits them alike. Seconds are
 * timed inside the child around the work (class loading, JIT and DuckDB's library load included,
 * JVM boot not); "whole process" is the parent's clock from spawning the child to its exit.
 * Not a test: it prints a Markdown table.
 *
 * <p>With {@code -Dbench.maskingJar=PATH} our masker runs from the masking Lambda's jar, as
 * deployed (otherwise from the test class path, which holds every module's dependencies and
 * makes class loading slower), once with the JVM's defaults and once with the flags the Lambda
 * Java runtime sets without SnapStart ({@link #LAMBDA_DEFAULT_FLAGS}).
 *
 * <pre>java -cp ... [-Dbench.maskingJar=PATH] MaskingBenchmark all DIR ROWS [CODEC]</pre>
 */
public final class MaskingBenchmark {

    static final String KEY = "benchmark-key-0123456789abcdef-0123456789";
    static final int RUNS = 5;
    /**
     * The Lambda Java 17, 21 and 25 runtimes stop tiered compilation at C1 unless SnapStart (25)
     * is on, and pick the serial collector on a function's one or two vCPUs.
     */
    static final List<String> LAMBDA_DEFAULT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private MaskingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "all" -> all(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3 ? args[3] : "snappy");
            case "ours", "ours-c1" -> report(() -> ours(Path.of(args[1]), Path.of(args[2])));
            case "duckdb" -> report(() -> duckdb(Path.of(args[1]), Path.of(args[2])));
            case "copy" -> report(() -> Files.copy(Path.of(args[1]), Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING));
            case "cold" -> cold(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("mode: all | ours | duckdb | copy | cold");
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Child process: runs once, prints "seconds peakRssKb cpuSeconds" (CPU of the whole process, JVM start included). */
    private static void report(Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("RESULT " + seconds + " " + peakRssKb() + " " + cpuSeconds());
    }

    static TableConfig table() {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        for (String c : List.of("member_id", "name", "grade", "points", "balance", "created_at", "updated_at", "city", "note")) {
            columns.put(c, ColumnRule.parse("keep"));
        }
        columns.put("email", ColumnRule.parse("hash"));
        columns.put("phone", ColumnRule.parse("mask_phone"));
        columns.put("birth_date", ColumnRule.parse("truncate(year)"));
        return new TableConfig("bench", "members", null, null, columns, null, null, null);
    }

    static void ours(Path in, Path out) throws IOException {
        MaskingReport r = new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out), table(),
                ColumnMasks.fromSecretString(KEY));
        if (r.rowsOut() == 0) {
            throw new IllegalStateException("no rows");
        }
    }

    /** The same three transformations in SQL; DuckDB has no HMAC, so two chained SHA-256 stand in for one. */
    static void duckdb(Path in, Path out) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads=1");
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("COPY (SELECT * REPLACE ("
                    + " sha256('" + KEY + "' || sha256('" + KEY + "' || email)) AS email,"
                    + " regexp_replace(left(phone, length(phone) - 4), '[0-9]', '*', 'g') || right(phone, 4) AS phone,"
                    + " date_trunc('year', birth_date)::DATE AS birth_date)"
                    + " FROM read_parquet('" + in + "')) TO '" + out + "' (FORMAT parquet, COMPRESSION snappy)");
        }
    }

    static void generate(Path file, long rows, String codec) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT range::BIGINT AS member_id,"
                    + " '김민지 ' || (range % 50000) AS name,"
                    + " 'member' || range || '@udong.market' AS email,"
                    + " '010-' || lpad((range % 10000)::VARCHAR, 4, '0') || '-' || lpad(((range * 7) % 10000)::VARCHAR, 4, '0') AS phone,"
                    + " DATE '1960-01-01' + (range % 20000)::INTEGER AS birth_date,"
                    + " ['gold','silver','bronze'][1 + range % 3] AS grade,"
                    + " (range % 100000)::INTEGER AS points,"
                    + " (range * 1.25)::DECIMAL(12,2) AS balance,"
                    + " TIMESTAMP '2020-01-01' + INTERVAL (range) SECOND AS created_at,"
                    + " TIMESTAMP '2024-01-01' + INTERVAL (range * 3) SECOND AS updated_at,"
                    + " ['Seoul','Busan','Incheon','Daegu','Daejeon','Gwangju'][1 + range % 6] AS city,"
                    + " 'note ' || md5(range::VARCHAR) AS note"
                    + " FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet, COMPRESSION " + codec
                    + ", ROW_GROUP_SIZE 122880)");
        }
    }

    private static void all(Path dir, long rows, String codec) throws Exception {
        Files.createDirectories(dir);
        Path in = dir.resolve("members-" + rows + "-" + codec + ".parquet");
        if (!Files.exists(in)) {
            generate(in, rows, codec);
        }
        long bytes = Files.size(in);
        List<String> engines = new ArrayList<>(List.of("copy", "duckdb", "ours"));
        if (System.getProperty("bench.maskingJar") != null) {
            engines.add("ours-c1");
        }
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            for (String engine : engines) {
                long started = System.nanoTime();
                String[] r = child(engine, in, dir.resolve("out-" + engine + ".parquet"));
                double process = (System.nanoTime() - started) / 1e9;
                results.computeIfAbsent(engine, e -> new ArrayList<>()).add(new double[] {
                    Double.parseDouble(r[0]), Double.parseDouble(r[1]), Double.parseDouble(r[2]), process});
            }
        }
        double duckBest = best(results.get("duckdb"), 0);
        double duckMedian = median(results.get("duckdb"), 0);
        StringBuilder md = new StringBuilder();
        md.append(String.format("Input: %,d rows × 12 columns (3 masked: hash, mask_phone, truncate(year)), %s, %.1f MB; "
                + "%d runs per engine, taking turns, each in its own JVM; `nproc`=%d; load average %s before the runs.%n%n",
                rows, codec.toUpperCase(), bytes / 1e6, RUNS, Runtime.getRuntime().availableProcessors(), loadAverage()));
        md.append("| engine | best s | median s | MB/s (input, best) | rows/s (best) | whole process s (median) "
                + "| CPU s (median) | peak RSS (MB) | output MB | best vs DuckDB | median vs DuckDB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            List<double[]> v = e.getValue();
            double best = best(v, 0);
            double median = median(v, 0);
            double peak = v.stream().mapToDouble(r -> r[1]).max().orElse(0);
            String name = switch (e.getKey()) {
                case "copy" -> "plain file copy (upper bound)";
                case "duckdb" -> "DuckDB 2.0 JDBC, `SET threads=1`, `COPY (SELECT * REPLACE (...))`";
                case "ours-c1" -> "our ParquetMasker, Lambda runtime's JVM flags (`" + String.join(" ", LAMBDA_DEFAULT_FLAGS) + "`)";
                default -> System.getProperty("bench.maskingJar") != null
                        ? "our ParquetMasker (masking Lambda jar, JVM defaults)" : "our ParquetMasker (test class path, JVM defaults)";
            };
            md.append(String.format("| %s | %.2f | %.2f | %.0f | %,.0f | %.2f | %.2f | %.0f | %.1f | %.2f× | %.2f× |%n", name, best,
                    median, bytes / 1e6 / best, rows / best, median(v, 3), median(v, 2), peak / 1024,
                    Files.size(dir.resolve("out-" + e.getKey() + ".parquet")) / 1e6, best / duckBest, median / duckMedian));
        }
        System.out.println(md);
        Files.writeString(dir.resolve("result-" + codec + ".md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static double best(List<double[]> runs, int field) {
        return runs.stream().mapToDouble(r -> r[field]).min().orElseThrow();
    }

    private static double median(List<double[]> runs, int field) {
        double[] sorted = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " / " + parts[1] + " / " + parts[2];
    }

    private static String[] child(String mode, Path in, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jar = System.getProperty("bench.maskingJar");
        String classPath = System.getProperty("java.class.path");
        if (mode.startsWith("ours") && jar != null) {
            // The benchmark's own class, then the Lambda's jar: what the function loads its classes from.
            classPath = Path.of(MaskingBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    + java.io.File.pathSeparator + jar;
        }
        if (mode.equals("ours-c1")) {
            cmd.addAll(LAMBDA_DEFAULT_FLAGS);
        }
        cmd.addAll(List.of("-cp", classPath, MaskingBenchmark.class.getName(), mode, in.toString(), out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !output.contains("RESULT ")) {
            throw new IllegalStateException(mode + " failed:\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        return line.substring(7).trim().split(" ");
    }

    /** Cold start: a fresh JVM running bin/mask's main on a small file; prints wall seconds. */
    private static void cold(Path jar, Path small) throws Exception {
        Path out = Files.createTempFile("cold-", ".parquet");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--source", "lambdas/src/test/resources/sources/shop.yaml", "--table", "members",
                small.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(output);
        }
        System.out.printf("cold start (fresh JVM, jar, parse config, mask %s): %.2f s%n", small.getFileName(), seconds);
        Files.deleteIfExists(out);
    }

    /** User and system CPU time of this process so far, every thread (JIT compilers, GC) included. */
    static double cpuSeconds() throws IOException {
        // Fields 14 and 15 of /proc/self/stat, in clock ticks (100 per second on Linux).
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
