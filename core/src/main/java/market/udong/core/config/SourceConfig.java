package market.udong.core.config;

import java.util.List;
import java.util.Optional;

/**
 * One service database ({@code config/sources/<name>.yaml}): where it is, how it is replicated,
 * and how each of its tables reaches the lake.
 *
 * @param name       source name, equal to the file name; lower-case letters, digits, hyphens
 * @param engine     database engine
 * @param primary    the existing primary; null only where the environment creates primaries (dev)
 * @param replicas   read replicas for BI and federated query
 * @param federation Athena federated catalog over this source's replica; null for none
 * @param tables     tables ingested into the lake, each with its column policies
 */
public record SourceConfig(
        String name,
        Engine engine,
        Primary primary,
        Replicas replicas,
        Federation federation,
        List<TableConfig> tables) {

    public SourceConfig {
        replicas = replicas == null ? new Replicas(0, null) : replicas;
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public Optional<Primary> existingPrimary() {
        return Optional.ofNullable(primary);
    }

    /** Tables that use the given ingestion path. */
    public List<TableConfig> tablesUsing(Ingestion ingestion) {
        return tables.stream().filter(t -> t.ingestion() == ingestion).toList();
    }

    /**
     * An existing primary database, imported.
     *
     * @param instanceIdentifier RDS instance identifier (RDS engines)
     * @param clusterIdentifier  Aurora cluster identifier (Aurora engines)
     * @param endpoint           writer endpoint host name
     * @param port               port; default 3306 for MySQL-compatible engines, 5432 for PostgreSQL
     * @param securityGroupId    security group of the primary
     * @param secretArn          Secrets Manager secret with admin credentials
     */
    public record Primary(String instanceIdentifier, String clusterIdentifier, String endpoint, Integer port,
                          String securityGroupId, String secretArn) {
    }

    /**
     * Read replicas of the primary.
     *
     * @param count         number of replicas (Aurora: readers), 0 to 15
     * @param instanceClass instance class, e.g. {@code db.r6g.large}; default {@code db.t4g.medium}
     */
    public record Replicas(int count, String instanceClass) {
        public static final String DEFAULT_INSTANCE_CLASS = "db.t4g.medium";

        public Replicas {
            instanceClass = instanceClass == null ? DEFAULT_INSTANCE_CLASS : instanceClass;
        }
    }

    /**
     * An Athena federated catalog over the source.
     *
     * @param catalog catalog name used in SQL (e.g. {@code mysql} in {@code mysql.flight_meta.airport})
     */
    public record Federation(String catalog) {
    }
}
