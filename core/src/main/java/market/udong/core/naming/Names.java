package market.udong.core.naming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import market.udong.core.config.LakeZone;

/**
 * The one place names are made: stacks, buckets and object prefixes. Infra, Lambdas and Spark
 * jobs all call these, so a path written by one is the path read by another.
 */
public final class Names {
    private Names() {
    }

    /** S3 allows bucket names of at most 63 characters. */
    public static final int MAX_BUCKET_NAME = 63;

    /** {@code Udong-<Env>-<Area>}, e.g. {@code Udong-Dev-Network}. */
    public static String stackName(String env, String area) {
        return "Udong-" + capitalize(env) + "-" + area;
    }

    /**
     * Globally unique bucket name of a lake zone: {@code udong-<env>-<zone>-<account>-<region>}.
     */
    public static String bucketName(String env, LakeZone zone, String account, String region) {
        return bucketName(env, zone.id(), account, region);
    }

    /**
     * The environment's platform config bucket: the deployed config of each source
     * ({@link #deployedSourceKey}), written by the source's stack, read by functions and jobs.
     */
    public static String configBucketName(String env, String account, String region) {
        return bucketName(env, "config", account, region);
    }

    /** Prefix of the deployed source configs in the config bucket. */
    public static final String DEPLOYED_SOURCES_PREFIX = "sources/";

    /** Key of a source's deployed config ({@code DeployedSource}) in the config bucket: {@code sources/<source>.json}. */
    public static String deployedSourceKey(String source) {
        return DEPLOYED_SOURCES_PREFIX + source + ".json";
    }

    /** The source a key under {@link #DEPLOYED_SOURCES_PREFIX} belongs to; empty for any other key. */
    public static java.util.Optional<String> sourceOfDeployedKey(String key) {
        if (!key.startsWith(DEPLOYED_SOURCES_PREFIX) || !key.endsWith(".json")) {
            return java.util.Optional.empty();
        }
        String name = key.substring(DEPLOYED_SOURCES_PREFIX.length(), key.length() - ".json".length());
        return name.isEmpty() || name.contains("/") ? java.util.Optional.empty() : java.util.Optional.of(name);
    }

    /** Stack area of one source's stack: {@code Source-<source>}, so its stack is {@code Udong-<Env>-Source-<source>}. */
    public static String sourceStackArea(String source) {
        return "Source-" + source;
    }

    /**
     * Name of a table's Glue job: {@code udong-<env>-<source>.<db>.<table>} (catalog spelling of the
     * database and table). The dot cannot occur in a source name, so {@link #glueJobNamePrefix} selects
     * exactly one source's jobs.
     */
    public static String glueJobName(String env, String source, String database, String table) {
        return glueJobNamePrefix(env, source) + CatalogNames.curatedDatabase(database) + "." + CatalogNames.table(table);
    }

    /** What every Glue job name of a source starts with: {@code udong-<env>-<source>.}. */
    public static String glueJobNamePrefix(String env, String source) {
        return "udong-" + env + "-" + source + ".";
    }

    /**
     * The events landing job of an event table: {@code udong-<env>.events.<table>}. A source's jobs
     * are {@code udong-<env>-<source>.}…, so no source name can produce this prefix.
     */
    public static String eventJobName(String env, String table) {
        return eventJobNamePrefix(env) + table;
    }

    /** What every events landing job name of an environment starts with. */
    public static String eventJobNamePrefix(String env) {
        return "udong-" + env + ".events.";
    }

    /** Spark's checkpoint of an event table, in the raw zone: {@code checkpoints/events/<table>/}. */
    public static String eventCheckpointPrefix(String table) {
        return "checkpoints/events/" + table + "/";
    }

    /** An event table's files in the curated zone: {@code events/<table>/}. */
    public static String eventTablePrefix(String table) {
        return "events/" + table + "/";
    }

    /** An event table's bad records in the quarantine zone: {@code events/<table>/}. */
    public static String eventQuarantinePrefix(String table) {
        return "events/" + table + "/";
    }

    /** The server access log bucket of an environment. */
    public static String accessLogBucketName(String env, String account, String region) {
        return bucketName(env, "access-logs", account, region);
    }

    private static String bucketName(String env, String zone, String account, String region) {
        return ("udong-" + env + "-" + zone + "-" + account + "-" + region).toLowerCase(Locale.ROOT);
    }

    /** Prefix of a table in the curated zone: {@code <source>/<db>/<table>/}. */
    public static String curatedTablePrefix(String source, String database, String table) {
        return source + "/" + CatalogNames.curatedDatabase(database) + "/" + CatalogNames.table(table) + "/";
    }

    /** Prefix of one date partition: {@code <source>/<db>/<table>/dt=YYYY-MM-DD/}. */
    public static String curatedPartitionPrefix(String source, String database, String table, LocalDate date) {
        return curatedTablePrefix(source, database, table) + CatalogNames.DATE_PARTITION_KEY + "=" + date + "/";
    }

    /** Where RDS writes a source's snapshot exports: {@code <source>/<yyyy>/<MM>/<dd>/}. */
    public static String exportPrefix(String source, LocalDate snapshotDate) {
        return String.format(Locale.ROOT, "%s/%04d/%02d/%02d/", source,
                snapshotDate.getYear(), snapshotDate.getMonthValue(), snapshotDate.getDayOfMonth());
    }

    /** RDS accepts export task identifiers of at most 60 characters. */
    public static final int MAX_EXPORT_TASK_IDENTIFIER = 60;

    /**
     * RDS's rule for export task identifiers: a letter first, then ASCII letters, digits and
     * hyphens, no two hyphens in a row and no hyphen at the end.
     */
    private static final Pattern EXPORT_TASK_IDENTIFIER = Pattern.compile("[A-Za-z](?:-?[A-Za-z0-9])*");

    private static final DateTimeFormatter EXPORT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The export task identifier of one snapshot of a source: {@code <source>-<yyyyMMdd>-<HHmmss>}
     * with the snapshot's creation time in UTC, e.g. {@code orders-20240301-180512}. The same
     * snapshot always gets the same identifier, which is what makes a repeated export a no-op.
     *
     * @throws IllegalArgumentException when the result breaks RDS's naming rules (a source name
     *                                  with two hyphens in a row or a trailing hyphen)
     */
    public static String exportTaskIdentifier(String source, Instant snapshotTime) {
        String id = source + "-" + EXPORT_TIME.format(snapshotTime);
        if (!isValidExportTaskIdentifier(id)) {
            throw new IllegalArgumentException("source name '" + source + "' cannot name an RDS export task ('" + id
                    + "'): identifiers start with a letter, hold only letters, digits and single hyphens, and are at most "
                    + MAX_EXPORT_TASK_IDENTIFIER + " characters");
        }
        return id;
    }

    /** True when RDS accepts {@code id} as an export task identifier. */
    public static boolean isValidExportTaskIdentifier(String id) {
        return id.length() <= MAX_EXPORT_TASK_IDENTIFIER && EXPORT_TASK_IDENTIFIER.matcher(id).matches();
    }

    /** Where DMS writes a source's full load and CDC files: {@code dms/<source>/}. */
    public static String rawDmsPrefix(String source) {
        return "dms/" + source + "/";
    }

    /** A team's (or the platform's) Athena results prefix: {@code <workgroup>/}. */
    public static String athenaResultsPrefix(String workgroup) {
        return workgroup + "/";
    }

    /** The platform team's Athena workgroup; a team's workgroup is named after the team. */
    public static final String PLATFORM_WORKGROUP = "platform";

    /** Where a federated catalog's connector spills large results: {@code <catalog>/} in the athena-spill zone. */
    public static String spillPrefix(String catalog) {
        return catalog + "/";
    }

    /** The Lambda function behind a federated catalog: {@code udong-<env>-athena-<catalog>}. */
    public static String connectorFunctionName(String env, String catalog) {
        return ("udong-" + env + "-athena-" + catalog).toLowerCase(Locale.ROOT);
    }

    /**
     * Prefix of every secret a source's consumers read, {@code udong/<env>/replicas/<source>/}; the
     * federated connector may read secrets under its source's prefix only.
     */
    public static String replicaSecretPrefix(String env, String source) {
        return "udong/" + env + "/replicas/" + source + "/";
    }

    /** The secret of a source's read-only database user: {@code udong/<env>/replicas/<source>/readonly}. */
    public static String readOnlySecretName(String env, String source) {
        return replicaSecretPrefix(env, source) + "readonly";
    }

    /**
     * Admin secret of a primary the platform creates itself (dev): {@code udong/<env>/primaries/<source>/admin},
     * outside {@link #replicaSecretPrefix} so no consumer can read it.
     */
    public static String createdPrimarySecretName(String env, String source) {
        return "udong/" + env + "/primaries/" + source + "/admin";
    }

    /**
     * Identifier of a primary the platform creates itself (dev): {@code udong-<env>-<source>}, the
     * instance identifier (RDS) or cluster identifier (Aurora). Fixed rather than generated, so the
     * snapshot-export trigger knows whose snapshots to export without a cross-stack reference.
     */
    public static String createdPrimaryIdentifier(String env, String source) {
        return "udong-" + env + "-" + source;
    }

    /** The HMAC key of the {@code hash} policy: {@code udong/<env>/hashing-key}, one per environment. */
    public static String hashingKeySecretName(String env) {
        return "udong/" + env + "/hashing-key";
    }

    /** The read-only database user consumers of the replicas log in as. */
    public static final String READ_ONLY_USER = "udong_readonly";

    /** The database user DMS reads a replica's binary log as (replication privileges, {@code SELECT} on DMS tables). */
    public static final String DMS_USER = "udong_dms";

    /**
     * The secret of a source's DMS user: {@code udong/<env>/dms/<source>}, outside
     * {@link #replicaSecretPrefix}, so only DMS's role reads it.
     */
    public static String dmsSecretName(String env, String source) {
        return "udong/" + env + "/dms/" + source;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
