package market.udong.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server (Debian {@code mariadb-server}) on 127.0.0.1, standing in for an RDS
 * MySQL/MariaDB read replica. {@link #start()} creates a fresh data directory, starts
 * {@code mariadbd} on a free port and returns once it accepts connections; {@link #close()} stops
 * it and deletes the data directory.
 *
 * <p>User {@code root} has no password and may connect from 127.0.0.1 only. The server speaks
 * utf8mb4 by default, like RDS parameter groups set up for Korean text. Connect with the MySQL
 * driver and a {@code jdbc:mysql:} URL ({@link #jdbcUrl(String)}): Spark picks its MySQL dialect
 * from the URL prefix.
 */
public final class LocalMariaDb implements AutoCloseable {

    /** How long {@link #start()} waits for the server to accept connections. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final List<Path> SEARCH_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
            Path.of("/usr/bin"), Path.of("/usr/local/bin"));
    private static final int START_ATTEMPTS = 3;

    private final Path baseDir;
    private final Process process;
    private final int port;

    private LocalMariaDb(Path baseDir, Process process, int port) {
        this.baseDir = baseDir;
        this.process = process;
        this.port = port;
    }

    /** Starts a server with default settings. */
    public static LocalMariaDb start() {
        return start(List.of());
    }

    /**
     * Starts a server.
     *
     * @param extraServerArgs further {@code mariadbd} options, e.g. {@code --innodb-buffer-pool-size=512M}
     * @throws IllegalStateException when the binaries are missing or the server does not come up
     */
    public static LocalMariaDb start(List<String> extraServerArgs) {
        requireDriver();
        Path server = binary("mariadbd");
        Path installDb = binary("mariadb-install-db");
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("udong-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean started = false;
        try {
            Path dataDir = baseDir.resolve("data");
            run(baseDir.resolve("install.log"), installDb.toString(), "--no-defaults", "--user=root",
                    "--datadir=" + dataDir, "--auth-root-authentication-method=normal", "--skip-test-db");
            IllegalStateException last = null;
            // The free port can be taken between probing and binding; a fresh one is tried then.
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--user=root",
                        "--datadir=" + dataDir, "--socket=" + baseDir.resolve("mariadb.sock"),
                        "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                        "--pid-file=" + baseDir.resolve("mariadb.pid"),
                        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"));
                command.addAll(extraServerArgs);
                Path log = baseDir.resolve("server-" + attempt + ".log");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                LocalMariaDb db = new LocalMariaDb(baseDir, process, port);
                try {
                    db.awaitReady(log);
                    started = true;
                    return db;
                } catch (IllegalStateException e) {
                    stop(process);
                    last = e;
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!started) {
                deleteRecursively(baseDir);
            }
        }
    }

    /** Always 127.0.0.1. */
    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return "root";
    }

    public String password() {
        return "";
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/<database>}; pass {@code ""} for no default database. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host() + ":" + port + "/" + database;
    }

    /** A new connection as root; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /** Runs statements in order on one connection, e.g. DDL and small inserts. */
    public void execute(String database, String... statements) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on the local MariaDB: " + e.getMessage(), e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and deletes its data directory. */
    @Override
    public void close() {
        stop(process);
        deleteRecursively(baseDir);
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with code " + process.exitValue()
                        + " before accepting connections; its log ends with:\n" + tail(log));
            }
            try {
                connect("").close();
                return;
            } catch (SQLException e) {
                lastError = e;
            }
            sleep(50);
        }
        throw new IllegalStateException("mariadbd did not accept connections on 127.0.0.1:" + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s (last error: "
                + (lastError == null ? "none" : lastError.getMessage()) + "); its log ends with:\n" + tail(log));
    }

    private static void requireDriver() {
        try {
            DriverManager.getDriver("jdbc:mysql://127.0.0.1/");
        } catch (SQLException e) {
            throw new IllegalStateException("no JDBC driver for jdbc:mysql: URLs on the classpath;"
                    + " add com.mysql:mysql-connector-j to the module's test dependencies", e);
        }
    }

    private static Path binary(String name) {
        Stream<Path> path = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Stream.of(p.split(java.io.File.pathSeparator))).filter(s -> !s.isEmpty()).map(Path::of);
        return Stream.concat(path, SEARCH_DIRS.stream())
                .map(dir -> dir.resolve(name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("'" + name + "' was not found on PATH or in "
                        + SEARCH_DIRS + ": the MariaDB test server is not installed; run bin/test, which installs"
                        + " mariadb-server (listed in .ci/apt-packages.txt), or apt-get install mariadb-server"));
    }

    private static void run(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; its log ends with:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed with code " + p.exitValue()
                    + "; its log ends with:\n" + tail(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mariadbd", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
