package market.udong.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A platform configuration at the size our users run, for the scale and quota tests and {@code
 * bin/bench synth}: the given environments, streams and lake tables, and generated service
 * databases holding the tables between them (ingestion paths in turn, columns of every policy),
 * teams granted some of their databases, and federated catalogs on some sources (whose columns are
 * all {@code keep}, as federation requires). Every file passes
 * the schema and the semantic checks, so what breaks at a size is a quota, not the generator.
 */
public final class GeneratedConfig {

    private GeneratedConfig() {
    }

    /**
     * What to generate.
     *
     * @param sources            service databases
     * @param tables             tables over all sources, spread evenly
     * @param teams              teams, team {@code t} granted the databases of every fifth source from {@code t % 5}
     * @param databasesPerSource lake databases each source's tables spread over
     * @param ingestion          ingestion paths given to tables in turn ({@code snapshot}, {@code dms}, {@code glue})
     * @param schedules          distinct Glue schedules, up to 1,440 (table {@code n} gets schedule {@code n % schedules})
     * @param federatedEvery     every n-th source gets a federated catalog; 0 for none
     */
    public record Shape(int sources, int tables, int teams, int databasesPerSource, List<String> ingestion,
                        int schedules, int federatedEvery) {
        public Shape {
            ingestion = List.copyOf(ingestion);
        }

        /** The mix the issue names: snapshot, DMS and Glue in turn, two databases per source, 24 schedules. */
        public static Shape of(int sources, int tables) {
            return new Shape(sources, tables, 10, 2, List.of("snapshot", "dms", "glue"), 24, 3);
        }

        public Shape teams(int n) {
            return new Shape(sources, tables, n, databasesPerSource, ingestion, schedules, federatedEvery);
        }

        public Shape databasesPerSource(int n) {
            return new Shape(sources, tables, teams, n, ingestion, schedules, federatedEvery);
        }

        public Shape ingestion(String... paths) {
            return new Shape(sources, tables, teams, databasesPerSource, List.of(paths), schedules, federatedEvery);
        }

        public Shape schedules(int n) {
            return new Shape(sources, tables, teams, databasesPerSource, ingestion, n, federatedEvery);
        }

        public Shape federatedEvery(int n) {
            return new Shape(sources, tables, teams, databasesPerSource, ingestion, schedules, n);
        }
    }

    /**
     * Writes the configuration into {@code dir} (created; must be empty) and returns it.
     *
     * @param baseConfig a config directory whose environments, streams and lake tables are copied
     */
    public static Path write(Path baseConfig, Path dir, Shape shape) {
        try {
            for (String folder : List.of("environments", "streams", "lake-tables")) {
                Path to = Files.createDirectories(dir.resolve(folder));
                try (Stream<Path> files = Files.list(baseConfig.resolve(folder))) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
            Files.createDirectories(dir.resolve("sources"));
            Files.createDirectories(dir.resolve("teams"));
            int table = 0;
            for (int s = 0; s < shape.sources(); s++) {
                int count = tablesOf(shape, s);
                Files.writeString(dir.resolve("sources/" + sourceName(s) + ".yaml"), source(shape, s, table, count));
                table += count;
            }
            for (int t = 0; t < shape.teams(); t++) {
                StringBuilder yaml = new StringBuilder("kind: Team\nname: team" + t + "\nowner: team" + t
                        + "@udong.market\nworkgroup:\n  bytesScannedCutoffPerQuery: 10737418240\ndatabases:\n");
                boolean granted = false;
                for (int s = t % 5; s < shape.sources(); s += 5) {
                    for (int d = 0; d < Math.min(shape.databasesPerSource(), tablesOf(shape, s)); d++) {
                        yaml.append("  - ").append(database(s, d)).append("\n");
                        granted = true;
                    }
                }
                if (!granted) {
                    yaml.append("  - flight_history\n");
                }
                Files.writeString(dir.resolve("teams/team" + t + ".yaml"), yaml.toString());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int tablesOf(Shape shape, int s) {
        return shape.tables() / shape.sources() + (s < shape.tables() % shape.sources() ? 1 : 0);
    }

    /** {@code svc-07}: the name of the source numbered {@code s}. */
    public static String sourceName(int s) {
        return String.format(Locale.ROOT, "svc-%02d", s);
    }

    /** {@code svc07_db1}: lake database {@code d} of source {@code s}. */
    public static String database(int s, int d) {
        return String.format(Locale.ROOT, "svc%02d_db%d", s, d);
    }

    private static String source(Shape shape, int s, int firstTable, int count) {
        String name = sourceName(s);
        StringBuilder yaml = new StringBuilder();
        yaml.append("kind: Source\nname: ").append(name).append("\nengine: mysql\nprimaries:\n");
        for (String[] env : new String[][] {{"staging", "222222222222"}, {"prod", "333333333333"}}) {
            yaml.append("  ").append(env[0]).append(":\n")
                    .append("    instanceIdentifier: ").append(name).append("-").append(env[0]).append("\n")
                    .append("    endpoint: ").append(name).append("-").append(env[0]).append(".cabcdefghijk.ap-northeast-2.rds.amazonaws.com\n")
                    .append("    securityGroupId: sg-0a1b2c3d4e5f6").append(String.format(Locale.ROOT, "%04d", s % 10_000)).append("\n")
                    .append("    secretArn: arn:aws:secretsmanager:ap-northeast-2:").append(env[1]).append(":secret:")
                    .append(name).append("/admin-AbCdEf\n")
                    .append("    engineVersion: \"8.0\"\n");
        }
        yaml.append("replicas:\n  count: 1\n  instanceClass: db.t4g.medium\n");
        boolean federated = shape.federatedEvery() > 0 && s % shape.federatedEvery() == 0;
        if (federated) {
            yaml.append("federation:\n  catalog: ").append(name.replace("-", "")).append("\n");
        }
        yaml.append("dms:\n  instanceClass: dms.t3.medium\ntables:\n");
        for (int i = 0; i < count; i++) {
            int global = firstTable + i;
            String ingestion = shape.ingestion().get(global % shape.ingestion().size());
            yaml.append("  - database: ").append(database(s, i % shape.databasesPerSource())).append("\n")
                    .append("    name: table_").append(String.format(Locale.ROOT, "%04d", global)).append("\n")
                    .append("    ingestion: ").append(ingestion).append("\n")
                    .append("    partitionColumn: created_at\n")
                    .append("    columns:\n");
            if (federated) {
                // A federated catalog reads the replica past every policy: such sources hold only public columns.
                yaml.append("      id: keep\n      code: keep\n      label: keep\n      amount: keep\n      created_at: keep\n");
            } else {
                yaml.append("      id: keep\n      member_id: keep\n      email: { policy: hash, rename: email_hash }\n")
                        .append("      phone: mask_phone\n      address: drop\n      name: redact\n      memo: nullify\n")
                        .append("      birth_date: truncate(year)\n      amount: keep\n      created_at: keep\n");
            }
            if ("glue".equals(ingestion)) {
                int slot = global % shape.schedules();
                yaml.append("    glue:\n      workerType: G.1X\n      workers: 2\n      schedule: cron(").append(slot / 24 % 60)
                        .append(" ").append(slot % 24).append(" * * ? *)\n      watermarkColumn: id\n      splitColumn: id\n");
            }
        }
        return yaml.toString();
    }

    /**
     * Writes a configuration of the mix: {@code GeneratedConfig BASE_CONFIG DIR SOURCES TABLES}
     * (used by {@code bin/bench synth}).
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: GeneratedConfig BASE_CONFIG DIR SOURCES TABLES");
            System.exit(2);
        }
        write(Path.of(args[0]), Path.of(args[1]), Shape.of(Integer.parseInt(args[2]), Integer.parseInt(args[3])));
    }
}
