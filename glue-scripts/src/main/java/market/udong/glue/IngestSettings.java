package market.udong.glue;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import market.udong.core.config.Engine;
import market.udong.core.config.TableConfig;
import java.util.function.Function;
import market.udong.core.config.DeployedSource;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.naming.Names;

/**
 * Everything one run of {@link TableIngestJob} needs, read from its arguments and the source's
 * deployed config ({@link GlueJobArgs#SOURCE_CONFIG}: the engine, and the table's policies and Glue
 * settings). Infra sets the {@link GlueJobArgs} keys; the keys defined here are for local runs and
 * tests only and have no place in a deployed job.
 *
 * @param source          source name
 * @param engine          source engine; MySQL-compatible
 * @param table           the table's config
 * @param replicaHost     read replica host; default the {@code host} field of the {@code dbSecret} (the read-only
 *                        secret holds the replica's endpoint, so a deployed job needs no host argument)
 * @param replicaPort     read replica port; default the secret's {@code port}, else 3306
 * @param dbSecret        Secrets Manager id of the read-only user; empty when {@code dbUser} is given
 * @param dbUser          local only: user name instead of a secret
 * @param dbPassword      local only: password instead of a secret
 * @param hmacSecret      Secrets Manager id of the HMAC key; empty when {@code hmacKey} is given
 * @param hmacKey         local only: the key's secret string instead of a secret
 * @param curatedLocation root of the curated zone, without a trailing slash
 * @param region          AWS region
 * @param awsEndpoint     local only: endpoint standing in for Glue and Secrets Manager
 * @param fullRefresh     reload the whole table
 * @param sslMode         Connector/J sslMode; default REQUIRED (local: DISABLED)
 * @param splitBounds     configured split bounds {lower, upper} instead of MIN/MAX discovery
 * @param loadDate        date of the run, naming the partition of tables without a partition column;
 *                        default today in UTC
 */
public record IngestSettings(String source, Engine engine, TableConfig table, Optional<String> replicaHost, Optional<Integer> replicaPort,
                             Optional<String> dbSecret, Optional<String> dbUser, Optional<String> dbPassword,
                             Optional<String> hmacSecret, Optional<String> hmacKey, String curatedLocation,
                             String region, Optional<URI> awsEndpoint, boolean fullRefresh, String sslMode,
                             Optional<String[]> splitBounds, LocalDate loadDate) {

    /** Local only: database user instead of {@link GlueJobArgs#DB_SECRET}. */
    public static final String DB_USER = "--udong-local-db-user";
    /** Local only: database password instead of {@link GlueJobArgs#DB_SECRET}. */
    public static final String DB_PASSWORD = "--udong-local-db-password";
    /** Local only: the HMAC key's secret string instead of {@link GlueJobArgs#HMAC_SECRET}. */
    public static final String HMAC_KEY = "--udong-local-hmac-key";
    /** Local only: an endpoint standing in for the Glue and Secrets Manager APIs. */
    public static final String AWS_ENDPOINT = "--udong-local-aws-endpoint";
    /** Connector/J sslMode; REQUIRED unless a local server without TLS is read. */
    public static final String SSL_MODE = "--udong-jdbc-ssl-mode";
    /** Split bounds {@code lower,upper} to use instead of MIN/MAX of the split column. */
    public static final String SPLIT_BOUNDS = "--udong-split-bounds";
    /** The run's date ({@code YYYY-MM-DD}) for tables without a partition column; default today (UTC). */
    public static final String LOAD_DATE = "--udong-load-date";

    public IngestSettings {
        if (!engine.isMysqlCompatible()) {
            throw new IllegalArgumentException("engine " + engine.id() + " is not supported by the Glue ingestion job"
                    + " yet; it reads MySQL-compatible engines (mysql, mariadb, aurora-mysql)");
        }
        if (dbSecret.isEmpty() && replicaHost.isEmpty()) {
            throw new IllegalArgumentException("job argument " + GlueJobArgs.REPLICA_HOST + " is required without "
                    + GlueJobArgs.DB_SECRET);
        }
        if (dbSecret.isEmpty() && dbUser.isEmpty()) {
            throw new IllegalArgumentException("job argument " + GlueJobArgs.DB_SECRET + " is required");
        }
        if (hmacSecret.isEmpty() && hmacKey.isEmpty()) {
            throw new IllegalArgumentException("job argument " + GlueJobArgs.HMAC_SECRET + " is required");
        }
        curatedLocation = curatedLocation.endsWith("/")
                ? curatedLocation.substring(0, curatedLocation.length() - 1) : curatedLocation;
    }

    /**
     * @param readText reads the text at a URI (the job reads {@link GlueJobArgs#SOURCE_CONFIG} with its Hadoop
     *                 file system: {@code s3://} on Glue)
     * @throws IllegalArgumentException naming the first missing or malformed argument, or a table the deployed
     *                                  config does not hold
     */
    public static IngestSettings from(JobArguments args, Function<String, String> readText) {
        String sourceName = args.require(GlueJobArgs.SOURCE);
        String configUri = args.require(GlueJobArgs.SOURCE_CONFIG);
        DeployedSource deployed = DeployedSource.fromJson(readText.apply(configUri), configUri);
        if (!deployed.source().equals(sourceName)) {
            throw new IllegalArgumentException(configUri + " is the config of source '" + deployed.source()
                    + "', not of " + GlueJobArgs.SOURCE + " '" + sourceName + "'");
        }
        String tableName = args.require(GlueJobArgs.TABLE);
        TableConfig table = deployed.tables().stream().filter(t -> t.qualifiedName().equals(tableName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the deployed config of source '" + sourceName
                        + "' (" + configUri + ") has no table " + tableName + "; tables: "
                        + deployed.tables().stream().map(TableConfig::qualifiedName).toList()));
        Optional<String[]> bounds = args.get(SPLIT_BOUNDS).map(b -> {
            String[] parts = b.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException(SPLIT_BOUNDS + " must be 'lower,upper', got '" + b + "'");
            }
            return new String[] {parts[0].trim(), parts[1].trim()};
        });
        return new IngestSettings(
                sourceName,
                deployed.engine(),
                table,
                args.get(GlueJobArgs.REPLICA_HOST),
                args.get(GlueJobArgs.REPLICA_PORT).map(Integer::parseInt),
                args.get(GlueJobArgs.DB_SECRET),
                args.get(DB_USER),
                Optional.of(args.asMap().getOrDefault(DB_PASSWORD, "")).filter(p -> args.get(DB_USER).isPresent()),
                args.get(GlueJobArgs.HMAC_SECRET),
                args.get(HMAC_KEY),
                args.require(GlueJobArgs.CURATED_LOCATION),
                args.require(GlueJobArgs.REGION),
                args.get(AWS_ENDPOINT).map(URI::create),
                args.flag(GlueJobArgs.FULL_REFRESH, false),
                args.get(SSL_MODE).orElse("REQUIRED"),
                bounds,
                args.get(LOAD_DATE).map(LocalDate::parse).orElse(LocalDate.now(ZoneOffset.UTC)));
    }

    /** The table's folder in the curated zone, without a trailing slash. */
    public String tableLocation() {
        String prefix = Names.curatedTablePrefix(source, table.database(), table.name());
        return curatedLocation + "/" + prefix.substring(0, prefix.length() - 1);
    }

    /** The table's Glue settings, defaults where the config has none. */
    public TableConfig.GlueSettings glue() {
        return table.glueSettings();
    }
}
