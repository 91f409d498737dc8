package market.udong.lambdas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
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
import market.udong.core.testing.LocalS3;
import market.udong.lambdas.masking.LocalParquetFile;
import market.udong.lambdas.masking.MaskingReport;
import market.udong.lambdas.masking.MaskingService;
import market.udong.lambdas.masking.ParquetMasker;
import market.udong.lambdas.masking.S3MultipartOutputFile;
import market.udong.lambdas.masking.S3ParquetFile;

import org.apache.parquet.io.LocalOutputFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

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
 * makes class loading slower), once with the JVM's defaults and once with the flags of the deployed
 * function ({@link #DEPLOYED_FLAGS}).
 *
 * <pre>java -cp ... [-Dbench.maskingJar=PATH] MaskingBenchmark all DIR ROWS [CODEC]</pre>
 *
 * <p>{@code bin/bench masking s3 [ROWS]}: the masking Lambda's memory. A wide file (default
 * 7,000,000 rows, about 2 GB, row groups of about 130 MB) is masked S3 to S3 against S3Proxy
 * ({@link S3ParquetFile} in, {@link S3MultipartOutputFile} out) in a child JVM sized as the Lambda
 * at 1,769 MB ({@value #LAMBDA_HEAP} heap, serial GC, one processor), next to the local-file path
 * in the same kind of JVM as the baseline; prints time, peak RSS and GETs, and checks that both
 * outputs are the same bytes.
 *
 * <pre>java -cp ... MaskingBenchmark all DIR ROWS [CODEC]
 * java -cp ... MaskingBenchmark s3 DIR ROWS</pre>
 */
public final class MaskingBenchmark {

    static final String KEY = "benchmark-key-0123456789abcdef-0123456789";
    static final int RUNS = 5;
    /**
     * The masking function runs with SnapStart, under which the Lambda Java runtime leaves tiered
     * compilation on (C2; without SnapStart it stops at C1), and the JVM picks the serial collector
     * on a function's one or two vCPUs.
     */
    static final List<String> DEPLOYED_FLAGS = List.of("-XX:+UseSerialGC");
    /** Heap of a 1,769 MB Lambda: what is left after metaspace, code cache, stacks and the runtime. */
    static final String LAMBDA_HEAP = "-Xmx1400m";
    static final List<String> LAMBDA_JVM = List.of(LAMBDA_HEAP, "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1");
    static final String BUCKET = "udong-bench";

    private MaskingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "all" -> all(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3 ? args[3] : "snappy");
            case "s3" -> s3(Path.of(args[1]), Long.parseLong(args[2]));
            case "s3-child" -> report(() -> s3Child(URI.create(args[1]), args[2], args[3]));
            case "s3-copy" -> report(() -> s3Copy(URI.create(args[1]), args[2], args[3]));
            case "ours", "ours-deployed" -> report(() -> ours(Path.of(args[1]), Path.of(args[2])));
            case "duckdb" -> report(() -> duckdb(Path.of(args[1]), Path.of(args[2])));
            case "copy" -> report(() -> Files.copy(Path.of(args[1]), Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING));
            case "cold" -> cold(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("mode: all | s3 | ours | duckdb | copy | cold");
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
        generate(file, rows, codec, 1, 122880);
    }

    /** The members table; {@code note} is {@code noteHashes} MD5s long (32 hex characters each, incompressible). */
    static void generate(Path file, long rows, String codec, int noteHashes, long rowGroupRows) throws Exception {
        StringBuilder note = new StringBuilder("'note ' || md5(range::VARCHAR)");
        for (int i = 1; i < noteHashes; i++) {
            note.append(" || md5((range * ").append(noteHashes).append(" + ").append(i).append(")::VARCHAR)");
        }
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
                    + " " + note + " AS note"
                    + " FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet, COMPRESSION " + codec
                    + ", ROW_GROUP_SIZE " + rowGroupRows + ")");
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
            engines.add("ours-deployed");
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
                case "ours-deployed" -> "our ParquetMasker, the deployed function's JVM flags (SnapStart: `" + String.join(" ", DEPLOYED_FLAGS) + "`)";
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
        String jar = System.getProperty("bench.maskingJar");
        String classPath = System.getProperty("java.class.path");
        if (mode.startsWith("ours") && jar != null) {
            // The benchmark's own class, then the Lambda's jar: what the function loads its classes from.
            classPath = Path.of(MaskingBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    + java.io.File.pathSeparator + jar;
        }
        List<String> jvmOptions = mode.equals("ours-deployed") ? DEPLOYED_FLAGS : List.of();
        return child(jvmOptions, classPath, new ArrayList<>(), mode, in.toString(), out.toString());
    }

    /** Runs {@code mode} in a child JVM on this JVM's class path; see {@link #child(List, String, List, String, String...)}. */
    private static String[] child(List<String> jvmOptions, List<String> lines, String mode, String... args) throws Exception {
        return child(jvmOptions, System.getProperty("java.class.path"), lines, mode, args);
    }

    /** Runs {@code mode} in a child JVM; returns its RESULT fields and adds its output lines to {@code lines}. */
    private static String[] child(List<String> jvmOptions, String classPath, List<String> lines, String mode,
                                  String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, MaskingBenchmark.class.getName(), mode));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !output.contains("RESULT ")) {
            throw new IllegalStateException(mode + " failed:\n" + output);
        }
        output.lines().forEach(lines::add);
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        return line.substring(7).trim().split(" ");
    }

    /** A client of the parent's S3Proxy, configured as {@link LocalS3#configure} does. */
    private static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(LocalS3.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Child process: streams s3://BUCKET/in.parquet into copy.parquet through the same upload code, no Parquet. */
    static void s3Copy(URI endpoint, String accessKey, String secretKey) throws IOException {
        try (S3Client s3 = client(endpoint, accessKey, secretKey);
             InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("in.parquet"))) {
            S3MultipartOutputFile out = new S3MultipartOutputFile(s3, BUCKET, "copy.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(S3MultipartOutputFile.DEFAULT_PART_SIZE));
            try (OutputStream o = out.createOrOverwrite(0)) {
                in.transferTo(o);
            }
        }
    }

    /** Child process: masks s3://BUCKET/in.parquet to out.parquet as the Lambda does; prints its S3 traffic. */
    static void s3Child(URI endpoint, String accessKey, String secretKey) throws IOException {
        try (S3Client s3 = client(endpoint, accessKey, secretKey)) {
            S3ParquetFile in = S3ParquetFile.open(s3, BUCKET, "in.parquet");
            S3MultipartOutputFile out = new S3MultipartOutputFile(s3, BUCKET, "out.parquet",
                    MaskingService.PARQUET_CONTENT_TYPE, new S3MultipartOutputFile.PartBuffers(S3MultipartOutputFile.DEFAULT_PART_SIZE));
            MaskingReport r = new ParquetMasker().mask(in, out, table(), ColumnMasks.fromSecretString(KEY));
            if (r.rowsOut() == 0 || !out.completed()) {
                throw new IllegalStateException("no rows or no output");
            }
            System.out.println("S3 " + in.requests() + " " + in.bytesFetched() + " " + r.rowGroups());
        }
    }

    /** {@code bin/bench masking s3}: see the class comment. */
    private static void s3(Path dir, long rows) throws Exception {
        Files.createDirectories(dir);
        Path in = dir.resolve("wide-" + rows + ".parquet");
        if (!Files.exists(in)) {
            // 8 MD5s of note make a row about 340 bytes; 400,000-row groups are about 130 MB, Spark's usual 128 MB.
            generate(in, rows, "snappy", 8, 400_000);
        }
        long bytes = Files.size(in);
        Path localOut = dir.resolve("out-local.parquet");
        String[] local = child(LAMBDA_JVM, new ArrayList<>(), "ours", in.toString(), localOut.toString());
        String[] copy;
        String[] remote;
        String[] traffic;
        boolean same;
        long outBytes;
        try (LocalS3 server = LocalS3.start(); S3Client s3 = server.client()) {
            server.createBucket(BUCKET);
            s3.putObject(b -> b.bucket(BUCKET).key("in.parquet"), RequestBody.fromFile(in));
            copy = child(LAMBDA_JVM, new ArrayList<>(), "s3-copy", server.endpoint().toString(), LocalS3.ACCESS_KEY,
                    LocalS3.SECRET_KEY);
            List<String> output = new ArrayList<>();
            remote = child(LAMBDA_JVM, output, "s3-child", server.endpoint().toString(), LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
            traffic = output.stream().filter(l -> l.startsWith("S3 ")).findFirst().orElseThrow().substring(3).split(" ");
            outBytes = s3.headObject(b -> b.bucket(BUCKET).key("out.parquet")).contentLength();
            try (InputStream remoteOut = s3.getObject(b -> b.bucket(BUCKET).key("out.parquet"));
                 InputStream localStream = Files.newInputStream(localOut)) {
                same = sha256(remoteOut).equals(sha256(localStream));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format("Input: %,d rows × 12 columns (3 masked), SNAPPY, %.2f GB in %s row groups of about %.0f MB;"
                        + " child JVMs with `%s`; S3Proxy (filesystem) in the parent JVM on the same 2 cores; `nproc`=%d.%n%n",
                rows, bytes / 1e9, traffic[2], bytes / 1e6 / Integer.parseInt(traffic[2]), String.join(" ", LAMBDA_JVM),
                Runtime.getRuntime().availableProcessors()));
        md.append("| path | seconds | MB/s (input) | peak RSS (MB) | time vs local |\n|---|---:|---:|---:|---:|\n");
        double base = Double.parseDouble(local[0]);
        md.append(String.format("| local file → local file (`LocalParquetFile`, baseline) | %.1f | %.0f | %.0f | 1.00× |%n",
                base, bytes / 1e6 / base, Double.parseDouble(local[1]) / 1024));
        double c = Double.parseDouble(copy[0]);
        md.append(String.format("| S3 → S3 plain copy, no Parquet (GET stream → `S3MultipartOutputFile`): this server's transfer cost"
                + " | %.1f | %.0f | %.0f | %.2f× |%n", c, bytes / 1e6 / c, Double.parseDouble(copy[1]) / 1024, c / base));
        double t = Double.parseDouble(remote[0]);
        md.append(String.format("| S3 → S3 (`S3ParquetFile`, `S3MultipartOutputFile`, 16 MiB parts) | %.1f | %.0f | %.0f | %.2f× |%n",
                t, bytes / 1e6 / t, Double.parseDouble(remote[1]) / 1024, t / base));
        md.append(String.format("%nS3 path: %s GETs for %.2f GB read of %.2f GB (%s row groups); output %.2f GB in %d parts;"
                        + " output %s the local path's byte for byte.%n",
                traffic[0], Long.parseLong(traffic[1]) / 1e9, bytes / 1e9, traffic[2], outBytes / 1e9,
                (outBytes + S3MultipartOutputFile.DEFAULT_PART_SIZE - 1) / S3MultipartOutputFile.DEFAULT_PART_SIZE,
                same ? "equals" : "DIFFERS FROM"));
        System.out.println(md);
        Files.writeString(dir.resolve("result-s3.md"), md.toString(), StandardCharsets.UTF_8);
        if (!same) {
            throw new IllegalStateException("the S3 path's output differs from the local path's");
        }
    }

    private static String sha256(InputStream in) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** Cold start: a fresh JVM running bin/mask's main on a small file; prints wall seconds. */
    private static void cold(Path jar, Path small) throws Exception {
        Path out = Files.createTempFile("cold-", ".parquet");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--source", "lambdas/masking/src/test/resources/sources/shop.yaml", "--table", "members",
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
