package market.udong.core.naming;

/**
 * Arguments and metrics of the events landing job ({@code market.udong.glue.events.EventLandingJob}),
 * shared by infra, which sets them, and the job, which reads them. The HMAC secret and region
 * arguments are the table job's ({@link GlueJobArgs#HMAC_SECRET}, {@link GlueJobArgs#REGION}).
 */
public final class EventJobArgs {
    private EventJobArgs() {
    }

    public static final String JOB_CLASS = "market.udong.glue.events.EventLandingJob";

    /** The event table's config as JSON ({@code market.udong.core.config.EventTables#toJson}). */
    public static final String EVENT_TABLE = "--udong-event-table";
    /** The MSK cluster's bootstrap brokers for IAM over TLS ({@code host:9098,...}). */
    public static final String BOOTSTRAP_SERVERS = "--udong-bootstrap-servers";
    /** {@code iam} (MSK IAM over TLS, the default) or {@code plaintext} (local brokers only). */
    public static final String KAFKA_AUTH = "--udong-kafka-auth";
    /** Where Spark keeps the table's offsets: {@code s3://<lake>/checkpoints/events/<table>/}. */
    public static final String CHECKPOINT_LOCATION = "--udong-checkpoint-location";
    /** Where bad records go: {@code s3://<lake>/quarantine/events/<table>/}. */
    public static final String QUARANTINE_LOCATION = "--udong-quarantine-location";
    /** Where the table's files live: {@code s3://<lake>/curated/events/<table>/}. */
    public static final String TABLE_LOCATION = "--udong-table-location";
    /** The Spark catalog holding the Iceberg table; default {@value #DEFAULT_CATALOG} (the Glue catalog). */
    public static final String CATALOG = "--udong-iceberg-catalog";
    public static final String DEFAULT_CATALOG = "glue_catalog";
    /** The environment, the metrics' {@value #ENVIRONMENT_DIMENSION} dimension. */
    public static final String ENVIRONMENT = "--udong-environment";
    /** The role Glue's table optimizers (compaction, retention, orphan files) run as; absent: none are enabled. */
    public static final String OPTIMIZER_ROLE = "--udong-optimizer-role";
    /** The account whose catalog holds the table (the table optimizers' catalog id). */
    public static final String CATALOG_ID = "--udong-catalog-id";
    /** Most records one micro-batch reads (bounds a run's memory after a long pause); default 2,000,000. */
    public static final String MAX_RECORDS_PER_BATCH = "--udong-max-records-per-batch";

    /** What the job's Kafka consumer groups are named after ({@code <prefix><table>-...}); the role may use only those. */
    public static final String CONSUMER_GROUP_PREFIX = "udong-events-";

    public static final String METRICS_NAMESPACE = "Udong/Events";
    public static final String ENVIRONMENT_DIMENSION = "Environment";
    public static final String TABLE_DIMENSION = "Table";
    /** Records landed (after de-duplication within the batch, before the table drops the ones it holds). */
    public static final String RECORDS_READ = "RecordsRead";
    /** Records sent to the quarantine zone; any is an alarm. */
    public static final String RECORDS_QUARANTINED = "RecordsQuarantined";
    /** Seconds between the oldest record of a batch reaching Kafka and the batch's commit to the table. */
    public static final String LAG_SECONDS = "LagSeconds";
    /** Records in the topic the table does not hold yet, at the end of a batch (Spark's progress). */
    public static final String RECORDS_BEHIND = "RecordsBehind";
}
