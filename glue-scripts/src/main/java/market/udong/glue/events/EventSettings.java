package market.udong.glue.events;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import market.udong.core.config.EventTables;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.naming.GlueJobArgs;
import market.udong.glue.IngestSettings;
import market.udong.glue.JobArguments;

/**
 * Everything one run of {@link EventLandingJob} needs, from its arguments ({@link EventJobArgs};
 * infra sets them). The HMAC key and the local endpoint use the table job's local-only keys
 * ({@link IngestSettings#HMAC_KEY}, {@link IngestSettings#AWS_ENDPOINT}).
 *
 * @param table              the event table's config
 * @param bootstrapServers   Kafka brokers
 * @param iamAuth            MSK IAM over TLS (true on AWS); false for a local plaintext broker
 * @param checkpointLocation Spark's offsets and commits for this table
 * @param quarantineLocation where bad records go
 * @param tableLocation      the Iceberg table's location
 * @param catalog            the Spark catalog that holds the table
 * @param environment        the environment, a metric dimension
 * @param region             AWS region
 * @param hmacSecret         Secrets Manager id of the HMAC key; empty when {@code hmacKey} is given
 * @param hmacKey            local only: the key's secret string
 * @param awsEndpoint        local only: endpoint standing in for Secrets Manager and CloudWatch
 * @param maxRecordsPerBatch most records one micro-batch reads
 * @param optimizerRole      the role the table optimizers run as; empty: the job enables none
 * @param catalogId          the account whose catalog holds the table; required with {@code optimizerRole}
 */
public record EventSettings(EventTable table, String bootstrapServers, boolean iamAuth, String checkpointLocation,
                            String quarantineLocation, String tableLocation, String catalog, String environment,
                            String region, Optional<String> hmacSecret, Optional<String> hmacKey,
                            Optional<URI> awsEndpoint, long maxRecordsPerBatch, Optional<String> optimizerRole,
                            Optional<String> catalogId) {

    public EventSettings {
        if (hmacSecret.isEmpty() && hmacKey.isEmpty()) {
            throw new IllegalArgumentException("job argument " + GlueJobArgs.HMAC_SECRET + " is required");
        }
        if (optimizerRole.isPresent() && catalogId.isEmpty()) {
            throw new IllegalArgumentException("job argument " + EventJobArgs.CATALOG_ID + " is required with "
                    + EventJobArgs.OPTIMIZER_ROLE);
        }
        checkpointLocation = withoutSlash(checkpointLocation);
        quarantineLocation = withoutSlash(quarantineLocation);
        tableLocation = withoutSlash(tableLocation);
    }

    /** @throws IllegalArgumentException naming the first missing or malformed argument */
    public static EventSettings from(JobArguments args) {
        String auth = args.get(EventJobArgs.KAFKA_AUTH).orElse("iam").toLowerCase(Locale.ROOT);
        if (!auth.equals("iam") && !auth.equals("plaintext")) {
            throw new IllegalArgumentException("job argument " + EventJobArgs.KAFKA_AUTH + " must be iam or plaintext, got '"
                    + auth + "'");
        }
        return new EventSettings(
                EventTables.fromJson(args.require(EventJobArgs.EVENT_TABLE)),
                args.require(EventJobArgs.BOOTSTRAP_SERVERS),
                auth.equals("iam"),
                args.require(EventJobArgs.CHECKPOINT_LOCATION),
                args.require(EventJobArgs.QUARANTINE_LOCATION),
                args.require(EventJobArgs.TABLE_LOCATION),
                args.get(EventJobArgs.CATALOG).orElse(EventJobArgs.DEFAULT_CATALOG),
                args.require(EventJobArgs.ENVIRONMENT),
                args.require(GlueJobArgs.REGION),
                args.get(GlueJobArgs.HMAC_SECRET),
                args.get(IngestSettings.HMAC_KEY),
                args.get(IngestSettings.AWS_ENDPOINT).map(URI::create),
                args.intValue(EventJobArgs.MAX_RECORDS_PER_BATCH, 2_000_000),
                args.get(EventJobArgs.OPTIMIZER_ROLE),
                args.get(EventJobArgs.CATALOG_ID));
    }

    /** {@code catalog.events.table}, as Spark SQL names it. */
    public String qualifiedTable() {
        return catalog + "." + EventTable.EVENTS_DATABASE + "." + table.table();
    }

    private static String withoutSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
}
