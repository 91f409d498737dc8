package market.udong.core.replicas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import market.udong.core.config.ColumnPolicy;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.Names;

/**
 * The SQL that creates the read-only user ({@value Names#READ_ONLY_USER}) the platform's
 * consumers (BI, the federated connector, DMS, Glue) log in as. Replicas are read-only, so it
 * runs on the primary, whence it replicates; running it again updates the password and grants.
 *
 * <p>Grants follow the source's config, never more: {@code SELECT} on the tables it lists. A
 * federated source gets column grants on its listed columns only, because a federated catalog
 * shows whatever the user can read, past the lake's handling of unclassified columns.
 */
public final class ReadOnlyUser {
    private ReadOnlyUser() {
    }

    /**
     * The statements for one source, grouped by the database a session must be connected to
     * (PostgreSQL grants per database; MySQL-compatible engines use one session, key {@code ""}).
     *
     * @param source   the source, as configured
     * @param password the user's password, from its Secrets Manager secret
     * @return statements in execution order, per database
     */
    public static Map<String, List<String>> statements(SourceConfig source, String password) {
        return source.engine().isMysqlCompatible() ? mysql(source, password) : postgres(source, password);
    }

    /**
     * The SQL that creates the DMS user ({@value Names#DMS_USER}) of a MySQL-compatible source: the
     * replication privileges CDC reads the binary log with, and {@code SELECT} on the source's
     * {@code ingestion: dms} tables for the full load. Runs on the primary, whence it replicates to
     * the replica DMS reads.
     */
    public static List<String> dmsStatements(SourceConfig source, String password) {
        if (!source.engine().isMysqlCompatible()) {
            throw new IllegalArgumentException("the DMS user is for MySQL-compatible sources; source '" + source.name()
                    + "' is " + source.engine().id() + " (DMS reads its primary with the service team's user)");
        }
        String user = "'" + Names.DMS_USER + "'@'%'";
        List<String> sql = new ArrayList<>();
        sql.add("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY " + mysqlLiteral(password));
        sql.add("ALTER USER " + user + " IDENTIFIED BY " + mysqlLiteral(password));
        sql.add("GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO " + user);
        for (TableConfig table : source.tablesUsing(market.udong.core.config.Ingestion.DMS)) {
            sql.add("GRANT SELECT ON " + mysqlName(table.database()) + "." + mysqlName(table.name()) + " TO " + user);
        }
        return List.copyOf(sql);
    }

    /**
     * Prints the statements for {@code <env> <source>} (config from {@code UDONG_CONFIG_DIR} or
     * {@code ./config}), reading the password from the first line of standard input so it never
     * appears in a process list or shell history. Used by {@code bin/replica-user}.
     */
    public static void main(String[] args) throws java.io.IOException {
        boolean dms = args.length == 3 && "--dms".equals(args[2]);
        if (args.length != 2 && !dms) {
            System.err.println("usage: ReadOnlyUser ENV SOURCE [--dms]  (password on standard input)");
            System.exit(2);
        }
        market.udong.core.config.PlatformConfig config = new market.udong.core.config.ConfigLoader()
                .load(market.udong.core.config.ConfigLoader.resolveConfigDir(null), args[0]);
        SourceConfig source = config.source(args[1]).orElseThrow(() -> new IllegalArgumentException(
                "no source '" + args[1] + "'; known: " + config.sources().stream().map(SourceConfig::name).toList()));
        String password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("give the password on standard input (from secret "
                    + (dms ? Names.dmsSecretName(args[0], args[1]) : Names.readOnlySecretName(args[0], args[1])) + ")");
        }
        if (dms) {
            dmsStatements(source, password.strip()).forEach(statement -> System.out.println(statement + ";"));
            return;
        }
        statements(source, password.strip()).forEach((database, sql) -> {
            if (!database.isEmpty()) {
                System.out.println("\\connect " + database);
            }
            sql.forEach(statement -> System.out.println(statement + ";"));
        });
    }

    private static Map<String, List<String>> mysql(SourceConfig source, String password) {
        String user = "'" + Names.READ_ONLY_USER + "'@'%'";
        List<String> sql = new ArrayList<>();
        sql.add("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY " + mysqlLiteral(password));
        sql.add("ALTER USER " + user + " IDENTIFIED BY " + mysqlLiteral(password));
        for (TableConfig table : source.tables()) {
            String target = mysqlName(table.database()) + "." + mysqlName(table.name());
            if (source.federation() != null) {
                String columns = readableColumns(table).stream().map(ReadOnlyUser::mysqlName).collect(Collectors.joining(", "));
                sql.add("GRANT SELECT (" + columns + ") ON " + target + " TO " + user);
            } else {
                sql.add("GRANT SELECT ON " + target + " TO " + user);
            }
        }
        return Map.of("", List.copyOf(sql));
    }

    private static Map<String, List<String>> postgres(SourceConfig source, String password) {
        String role = pgName(Names.READ_ONLY_USER);
        Map<String, List<String>> byDatabase = new LinkedHashMap<>();
        Map<String, Set<String>> schemas = new LinkedHashMap<>();
        for (TableConfig table : source.tables()) {
            String[] dbSchema = table.database().split("\\.", 2);
            schemas.computeIfAbsent(dbSchema[0], d -> new LinkedHashSet<>()).add(dbSchema[1]);
        }
        boolean first = true;
        for (Map.Entry<String, Set<String>> db : schemas.entrySet()) {
            List<String> sql = new ArrayList<>();
            if (first) {
                // Roles are cluster-wide: created once, from the first database's session.
                sql.add("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + pgLiteral(Names.READ_ONLY_USER)
                        + ") THEN CREATE ROLE " + role + " LOGIN; END IF; END $$");
                sql.add("ALTER ROLE " + role + " WITH LOGIN PASSWORD " + pgLiteral(password));
                first = false;
            }
            sql.add("GRANT CONNECT ON DATABASE " + pgName(db.getKey()) + " TO " + role);
            for (String schema : db.getValue()) {
                sql.add("GRANT USAGE ON SCHEMA " + pgName(schema) + " TO " + role);
            }
            for (TableConfig table : source.tables()) {
                String[] dbSchema = table.database().split("\\.", 2);
                if (dbSchema[0].equals(db.getKey())) {
                    String target = pgName(dbSchema[1]) + "." + pgName(table.name());
                    sql.add(source.federation() != null
                            ? "GRANT SELECT (" + readableColumns(table).stream().map(ReadOnlyUser::pgName)
                                    .collect(Collectors.joining(", ")) + ") ON " + target + " TO " + role
                            : "GRANT SELECT ON " + target + " TO " + role);
                }
            }
            byDatabase.put(db.getKey(), List.copyOf(sql));
        }
        return byDatabase;
    }

    /** Listed columns that leave the database at all (dropped ones never do). */
    private static List<String> readableColumns(TableConfig table) {
        return table.columns().entrySet().stream()
                .filter(e -> e.getValue().policy() != ColumnPolicy.DROP)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static String mysqlLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** PostgreSQL keeps backslashes literal (standard_conforming_strings, on since 9.1). */
    private static String pgLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String mysqlName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String pgName(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
