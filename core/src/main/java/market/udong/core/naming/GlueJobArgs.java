package market.udong.core.naming;

/**
 * The contract between infra and the Glue ingestion job: the job class, and the arguments
 * infra sets in the job's {@code DefaultArguments} (Glue passes them to {@code main} as
 * {@code --key value} pairs). Defined once so the two cannot drift apart.
 */
public final class GlueJobArgs {
    private GlueJobArgs() {
    }

    /** Value of the job's {@code --class} argument. */
    public static final String JOB_CLASS = "market.udong.glue.TableIngestJob";

    /** Source name, e.g. {@code orders} (the first segment of the curated prefix). */
    public static final String SOURCE = "--udong-source";
    /**
     * URI of the source's deployed config ({@code DeployedSource}, in the config bucket under
     * {@code Names.deployedSourceKey}): the job reads the engine and the table's policies and Glue
     * settings there, so a policy change never changes the job itself.
     */
    public static final String SOURCE_CONFIG = "--udong-source-config";
    /** The table the job ingests, {@code <db>.<table>} as in config ({@code TableConfig#qualifiedName}). */
    public static final String TABLE = "--udong-table";
    /** Host name of the read replica the job reads from. */
    public static final String REPLICA_HOST = "--udong-replica-host";
    /** Port of the read replica; default 3306. */
    public static final String REPLICA_PORT = "--udong-replica-port";
    /** Secrets Manager secret (ARN or name) with the read-only user: JSON with {@code username} and {@code password}. */
    public static final String DB_SECRET = "--udong-db-secret";
    /** Secrets Manager secret (ARN or name) holding the environment's HMAC key for {@code hash}. */
    public static final String HMAC_SECRET = "--udong-hmac-secret";
    /** Root of the curated zone, e.g. {@code s3://udong-dev-curated-111111111111-ap-northeast-2}. */
    public static final String CURATED_LOCATION = "--udong-curated-location";
    /** AWS region of the Glue Data Catalog and Secrets Manager. */
    public static final String REGION = "--udong-region";
    /** {@code true} to reload the whole table, replacing what the curated zone holds; default {@code false}. */
    public static final String FULL_REFRESH = "--udong-full-refresh";
}
