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
 * @param dms        DMS replication settings for the {@code ingestion: dms} tables; defaults when absent
 */
public record SourceConfig(
        String name,
        Engine engine,
        Primary primary,
        Replicas replicas,
        Federation federation,
        List<TableConfig> tables,
        Dms dms) {

    public SourceConfig {
        replicas = replicas == null ? new Replicas(0, null) : replicas;
        tables = tables == null ? List.of() : List.copyOf(tables);
        dms = dms == null ? Dms.DEFAULTS : dms;
    }

    /** A source with default DMS settings. */
    public SourceConfig(String name, Engine engine, Primary primary, Replicas replicas, Federation federation,
                        List<TableConfig> tables) {
        this(name, engine, primary, replicas, federation, tables, null);
    }

    public Optional<Primary> existingPrimary() {
        return Optional.ofNullable(primary);
    }

    /**
     * True where DMS reads the source's first read replica, which keeps a binary log: MySQL and
     * MariaDB (RDS) sources with replicas and {@code ingestion: dms} tables. Aurora readers keep no
     * binary log of their own and PostgreSQL replicas cannot be a logical replication source, so
     * DMS reads those primaries.
     */
    public boolean dmsReadsReplica() {
        return !tablesUsing(Ingestion.DMS).isEmpty() && replicas.count() > 0
                && (engine == Engine.MYSQL || engine == Engine.MARIADB);
    }

    /**
     * True where the platform reaches into the VPC of the source's imported primary: Aurora
     * readers are instances of the cluster, in its VPC; DMS reads Aurora and PostgreSQL primaries.
     * (RDS read replicas live in the platform's own VPC, so MySQL, MariaDB and PostgreSQL sources
     * need no connection for them.)
     */
    public boolean reachesPrimaryNetwork() {
        if (primary == null) {
            return false;
        }
        boolean readers = engine.isAurora() && replicas.count() > 0;
        boolean dmsOnPrimary = !tablesUsing(Ingestion.DMS).isEmpty() && !dmsReadsReplica();
        return readers || dmsOnPrimary;
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
     * @param engineVersion      major engine version ({@code 8.0}, {@code 8.4}, {@code 10.11}); its read replicas follow
     *                           it, and the replica DMS reads gets a parameter group of this family. Required where
     *                           DMS reads a MySQL or MariaDB replica
     * @param network            the environment's connection to the primary's VPC ({@code network.connections[].name});
     *                           required where the platform reaches into that VPC (Aurora readers, DMS on the primary)
     */
    public record Primary(String instanceIdentifier, String clusterIdentifier, String endpoint, Integer port,
                          String securityGroupId, String secretArn, String engineVersion, String network) {

        /** A primary whose engine version config does not give. */
        public Primary(String instanceIdentifier, String clusterIdentifier, String endpoint, Integer port,
                       String securityGroupId, String secretArn) {
            this(instanceIdentifier, clusterIdentifier, endpoint, port, securityGroupId, secretArn, null, null);
        }

        /** The connection to this primary's VPC ({@code network.connections[].name}), if config names one. */
        public Optional<String> networkName() {
            return Optional.ofNullable(network);
        }
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

    /**
     * How DMS replicates the source's {@code ingestion: dms} tables into the raw zone. Resolved
     * for the environment being loaded ({@code dms.byEnvironment.<env>} overrides these fields).
     *
     * @param instanceClass              replication instance class from {@link DmsInstanceClasses}; default {@code dms.t3.medium}
     * @param allocatedStorageGb         replication instance storage in GB, 5 to 6144; default 50
     * @param multiAz                    standby replication instance in a second AZ; default false
     * @param migrationType              what the task copies; default full-load-and-cdc
     * @param timestampColumn            column DMS adds with each row's commit time (full load: the task
     *                                   start time); default {@value #DEFAULT_TIMESTAMP_COLUMN}
     * @param cdcMaxBatchIntervalSeconds longest wait before DMS writes a CDC file; default 60
     * @param cdcMinFileSizeKb           CDC file size that makes DMS write before the interval ends; default 32000
     */
    public record Dms(String instanceClass, Integer allocatedStorageGb, Boolean multiAz, MigrationType migrationType,
                      String timestampColumn, Integer cdcMaxBatchIntervalSeconds, Integer cdcMinFileSizeKb) {
        public static final String DEFAULT_TIMESTAMP_COLUMN = "dms_commit_ts";
        /** The column DMS adds to its S3 output with each row's operation: I, U or D. DMS fixes the name. */
        public static final String OPERATION_COLUMN = "Op";
        public static final Dms DEFAULTS = new Dms(null, null, null, null, null, null, null);

        public Dms {
            instanceClass = instanceClass == null ? DmsInstanceClasses.DEFAULT : instanceClass;
            allocatedStorageGb = allocatedStorageGb == null ? 50 : allocatedStorageGb;
            multiAz = multiAz != null && multiAz;
            migrationType = migrationType == null ? MigrationType.FULL_LOAD_AND_CDC : migrationType;
            timestampColumn = timestampColumn == null ? DEFAULT_TIMESTAMP_COLUMN : timestampColumn;
            cdcMaxBatchIntervalSeconds = cdcMaxBatchIntervalSeconds == null ? 60 : cdcMaxBatchIntervalSeconds;
            cdcMinFileSizeKb = cdcMinFileSizeKb == null ? 32_000 : cdcMinFileSizeKb;
        }
    }
}
