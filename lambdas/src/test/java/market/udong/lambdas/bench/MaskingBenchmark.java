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
 * Each engine runs in its own JVM (so peak RSS is its own), three times; the best time counts.
 * Not a test: it prints a Markdown table.
 *
 * <pre>java -cp ... MaskingBenchmark all DIR ROWS [CODEC]</pre>
 */
public final class MaskingBenchmark {

    static final String KEY = "benchmark-key-0123456789abcdef-0123456789";
    static final int RUNS = 3;

    private MaskingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "all" -> all(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3 ? args[3] : "snappy");
            case "ours" -> report(() -> ours(Path.of(args[1]), Path.of(args[2])));
            case "duckdb" -> report(() -> duckdb(Path.of(args[1]), Path.of(args[2])));
            case "copy" -> report(() -> Files.copy(Path.of(args[1]), Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING));
            case "cold" -> cold(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("mode: all | ours | duckdb | copy | cold");
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Child process: runs once, prints "seconds peakRssKb". */
    private static void report(Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("RESULT " + seconds + " " + peakRssKb());
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
        Map<String, double[]> best = new LinkedHashMap<>();
        for (String engine : List.of("copy", "duckdb", "ours")) {
            double bestSeconds = Double.MAX_VALUE;
            double peak = 0;
            for (int i = 0; i < RUNS; i++) {
                Path out = dir.resolve("out-" + engine + ".parquet");
                String[] result = child(engine, in, out);
                bestSeconds = Math.min(bestSeconds, Double.parseDouble(result[0]));
                peak = Math.max(peak, Double.parseDouble(result[1]));
            }
            best.put(engine, new double[] {bestSeconds, peak, Files.size(dir.resolve("out-" + engine + ".parquet"))});
        }
        double duck = best.get("duckdb")[0];
        StringBuilder md = new StringBuilder();
        md.append(String.format("Input: %,d rows × 12 columns (3 masked: hash, mask_phone, truncate(year)), %s, %.1f MB; "
                + "best of %d runs, each engine in its own JVM; `nproc`=%d.%n%n", rows, codec.toUpperCase(), bytes / 1e6, RUNS,
                Runtime.getRuntime().availableProcessors()));
        md.append("| engine | seconds | MB/s (input) | rows/s | peak RSS (MB) | output MB | time vs DuckDB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            double[] v = e.getValue();
            String name = switch (e.getKey()) {
                case "copy" -> "plain file copy (upper bound)";
                case "duckdb" -> "DuckDB 2.0 JDBC, `SET threads=1`, `COPY (SELECT * REPLACE (...))`";
                default -> "our ParquetMasker (chunk copy + re-encode masked columns)";
            };
            md.append(String.format("| %s | %.2f | %.0f | %,.0f | %.0f | %.1f | %.2f× |%n", name, v[0], bytes / 1e6 / v[0],
                    rows / v[0], v[1] / 1024, v[2] / 1e6, v[0] / duck));
        }
        System.out.println(md);
        Files.writeString(dir.resolve("result-" + codec + ".md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String[] child(String mode, Path in, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MaskingBenchmark.class.getName(), mode, in.toString(), out.toString()));
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

    static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
