package market.udong.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.ColumnTransform;
import market.udong.core.naming.CatalogNames;
import market.udong.core.naming.Names;
import market.udong.core.streams.EventColumns;
import market.udong.core.streams.EventSchedules;
import market.udong.core.streams.ShardSizing;
import market.udong.core.types.ColumnType;

/**
 * Checks of meaning that a schema cannot express: AWS limits, rules between fields, and
 * references between files. Runs only on files that passed the schema.
 */
final class SemanticChecks {

    /** Catalog names Athena reserves. */
    private static final Set<String> RESERVED_CATALOGS = Set.of("awsdatacatalog", "hive");
    /** Team names whose workgroup would collide with the platform's or Athena's default workgroup. */
    private static final Set<String> RESERVED_TEAM_NAMES = Set.of(Names.PLATFORM_WORKGROUP, "primary");
    /** Lambda function names are at most 64 characters. */
    private static final int MAX_FUNCTION_NAME = 64;

    private final PlatformConfig config;
    private final List<ConfigError> errors = new ArrayList<>();

    SemanticChecks(PlatformConfig config) {
        this.config = config;
    }

    List<ConfigError> run() {
        checkEnvironment(config.environment());
        Map<String, String> catalogs = new HashMap<>();
        for (SourceConfig source : config.sources()) {
            checkSource(source, catalogs);
        }
        checkStreams();
        checkLakeTables();
        checkTeams();
        return errors;
    }

    private void checkEnvironment(EnvironmentConfig env) {
        String file = "environments/" + env.name() + ".yaml";
        if (env.network().natGateways() > env.network().maxAzs()) {
            error(file, "network.natGateways", "is " + env.network().natGateways()
                    + " but the VPC spans only " + env.network().maxAzs() + " AZs; allowed: 0 to maxAzs");
        }
        if ("prod".equals(env.name()) && !env.retainsData()) {
            error(file, "removalPolicy", "must be 'retain' in prod: deleting a stack must never delete production data");
        }
        if (env.features().createPrimaries() && env.retainsData()) {
            error(file, "features.createPrimaries", "is only allowed where removalPolicy is 'destroy' (standalone dev "
                    + "environments); environments that retain data import their existing primaries");
        }
        if (env.network().availabilityZones() != null) {
            if (env.network().availabilityZones().size() != env.network().maxAzs()) {
                error(file, "network.availabilityZones", "lists " + env.network().availabilityZones().size()
                        + " zones but maxAzs is " + env.network().maxAzs() + "; list exactly maxAzs zones");
            }
            env.network().availabilityZones().stream().filter(az -> !az.startsWith(env.region())).forEach(az ->
                    error(file, "network.availabilityZones", "'" + az + "' is not in region " + env.region()));
        }
        checkConnections(file, env);
        String longest = Names.bucketName(env.name(), LakeZone.ATHENA_RESULTS, env.account(), env.region());
        if (longest.length() > Names.MAX_BUCKET_NAME) {
            error(file, "name", "makes bucket names too long ('" + longest + "' has " + longest.length()
                    + " characters, S3 allows " + Names.MAX_BUCKET_NAME + "); use a shorter environment name");
        }
        if (env.network().interfaceEndpointAzs() > env.network().maxAzs()) {
            error(file, "network.interfaceEndpointAzs", "is " + env.network().interfaceEndpointAzs() + " but the VPC spans "
                    + env.network().maxAzs() + " AZs; use 0 to " + env.network().maxAzs());
        }
        EnvironmentConfig.Msk msk = env.streaming().msk();
        int brokers = msk.brokers() == null ? env.network().maxAzs() : msk.brokers();
        if (brokers % env.network().maxAzs() != 0) {
            error(file, "streaming.msk.brokers", "is " + brokers + " but MSK needs a multiple of the AZ count ("
                    + env.network().maxAzs() + "); use " + env.network().maxAzs() * Math.max(1, brokers / env.network().maxAzs())
                    + " or " + env.network().maxAzs() * (brokers / env.network().maxAzs() + 1));
        }
        if (brokers > EnvironmentConfig.Msk.MAX_BROKERS) {
            error(file, "streaming.msk.brokers", "is " + brokers + " but an MSK cluster allows at most "
                    + EnvironmentConfig.Msk.MAX_BROKERS + " brokers (the default quota)");
        }
        env.lake().lifecycle().forEach((zone, lifecycle) -> checkLifecycle(file, "lake.lifecycle." + zone.id(), lifecycle));
        if (env.features().bi() && env.bi().certificateArn() == null) {
            error(file, "bi.certificateArn", "is required where features.bi is true: the BI load balancer serves HTTPS "
                    + "only; give the ACM certificate ARN of the BI host name");
        }
    }

    /** Rejects lifecycle rules S3 would refuse at deploy time. */
    private void checkLifecycle(String file, String path, EnvironmentConfig.ZoneLifecycle lifecycle) {
        EnvironmentConfig.Transition previous = null;
        for (int i = 0; i < lifecycle.transitions().size(); i++) {
            EnvironmentConfig.Transition t = lifecycle.transitions().get(i);
            String at = path + ".transitions[" + i + "]";
            if (t.afterDays() < t.storageClass().minimumDaysFromCreation()) {
                error(file, at + ".afterDays", "is " + t.afterDays() + " but S3 moves objects to "
                        + t.storageClass().id() + " no earlier than " + t.storageClass().minimumDaysFromCreation() + " days");
            }
            if (previous != null) {
                if (t.storageClass().ordinal() <= previous.storageClass().ordinal()) {
                    error(file, at + ".storageClass", "is " + t.storageClass().id() + " after "
                            + previous.storageClass().id() + "; transitions must go to colder classes, in the order "
                            + "STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE");
                }
                if (t.afterDays() <= previous.afterDays()) {
                    error(file, at + ".afterDays", "is " + t.afterDays() + " but must be later than the previous transition ("
                            + previous.afterDays() + " days)");
                } else if (previous.storageClass() == EnvironmentConfig.StorageClass.STANDARD_IA
                        && t.afterDays() - previous.afterDays() < 30) {
                    error(file, at + ".afterDays", "is " + t.afterDays() + " but S3 keeps objects in STANDARD_IA at least "
                            + "30 days before the next transition; use " + (previous.afterDays() + 30) + " or more");
                }
            }
            previous = t;
        }
        if (lifecycle.expirationDays() != null && previous != null && lifecycle.expirationDays() <= previous.afterDays()) {
            error(file, path + ".expirationDays", "is " + lifecycle.expirationDays()
                    + " but must be later than the last transition (" + previous.afterDays() + " days)");
        }
    }

    private void checkSource(SourceConfig source, Map<String, String> catalogs) {
        String file = "sources/" + source.name() + ".yaml";
        EnvironmentConfig env = config.environment();
        if (source.replicas().count() > Engine.MAX_READ_REPLICAS) {
            error(file, "replicas.count", "is " + source.replicas().count() + " but AWS allows at most "
                    + Engine.MAX_READ_REPLICAS + (source.engine().isAurora() ? " readers per Aurora cluster" : " read replicas per instance"));
        }
        if (source.replicas().count() > 0) {
            InstanceClasses.problem(source.engine(), source.replicas().instanceClass()).ifPresent(problem ->
                    error(file, "replicas.instanceClass", problem + " (environment " + env.name() + ")"));
        }
        if (source.primary() == null) {
            if (!env.features().createPrimaries()) {
                error(file, "primary", "is required in environment '" + env.name() + "' (it imports existing primaries); "
                        + "give instanceIdentifier or clusterIdentifier, endpoint, securityGroupId and secretArn");
            }
        } else if (source.engine().isAurora() && source.primary().clusterIdentifier() == null) {
            error(file, "primary.clusterIdentifier", "is required for engine " + source.engine().id()
                    + " (Aurora sources are clusters)");
        } else if (!source.engine().isAurora() && source.primary().instanceIdentifier() == null) {
            error(file, "primary.instanceIdentifier", "is required for engine " + source.engine().id());
        }
        checkPrimaryNetwork(file, source);
        if (source.name().equals(StreamsConfig.EventTable.EVENTS_DATABASE)) {
            error(file, "name", "'events' is reserved: the event tables live under curated/events/ and in the events "
                    + "database; name the source after its service");
        }
        for (int i = 0; i < source.tables().size(); i++) {
            if (CatalogNames.curatedDatabase(source.tables().get(i).database()).equals(StreamsConfig.EventTable.EVENTS_DATABASE)) {
                error(file, "tables[" + i + "].database", "would land in the catalog database 'events', which holds the "
                        + "event tables; tables of a database named events cannot be ingested");
            }
        }
        if (source.federation() != null) {
            String catalog = source.federation().catalog();
            if (!source.engine().isMysqlCompatible()) {
                error(file, "federation", "needs a MySQL-compatible engine (mysql, mariadb, aurora-mysql); "
                        + source.engine().id() + " is not served by the MySQL connector");
            }
            if (source.replicas().count() < 1) {
                error(file, "federation", "queries a read replica, so replicas.count must be at least 1");
            }
            if (RESERVED_CATALOGS.contains(catalog)) {
                error(file, "federation.catalog", "'" + catalog + "' is reserved for the Glue catalog; choose another name");
            }
            String other = catalogs.putIfAbsent(catalog, file);
            if (other != null) {
                error(file, "federation.catalog", "'" + catalog + "' is already used by " + other + "; catalog names must be unique");
            }
            String function = Names.connectorFunctionName(env.name(), catalog);
            if (function.length() > MAX_FUNCTION_NAME) {
                error(file, "federation.catalog", "'" + catalog + "' makes the connector's Lambda name '" + function + "' "
                        + function.length() + " characters long; Lambda allows " + MAX_FUNCTION_NAME + "; use a shorter name");
            }
            checkFederatedColumns(file, source);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < source.tables().size(); i++) {
            TableConfig table = source.tables().get(i);
            String at = "tables[" + i + "]";
            Integer first = seen.putIfAbsent(table.qualifiedName(), i);
            if (first != null) {
                TableConfig earlier = source.tables().get(first);
                if (earlier.ingestion() == table.ingestion()) {
                    error(file, at, "table " + table.qualifiedName() + " is listed twice (also tables[" + first + "])");
                } else {
                    error(file, at, "table " + table.qualifiedName() + " is in two ingestion paths (" + earlier.ingestion().id()
                            + " in tables[" + first + "], " + table.ingestion().id() + " here); a table takes exactly one path");
                }
            }
            checkTable(file, at, source, table);
        }
        if (!source.tablesUsing(Ingestion.SNAPSHOT).isEmpty()
                && !Names.isValidExportTaskIdentifier(source.name() + "-20240101-000000")) {
            error(file, "name", "'" + source.name() + "' cannot start RDS export task identifiers (<source>-<date>-<time>): "
                    + "RDS refuses two hyphens in a row, so use single hyphens and no trailing hyphen");
        }
        if (!source.tablesUsing(Ingestion.DMS).isEmpty()) {
            checkDms(file, source);
        }
        checkNeedsReplicas(file, source);
    }

    /**
     * What reads a source's replica needs one: Glue jobs read it over JDBC, and where the platform
     * creates the primary, it is the replica that exists to export and replicate from.
     */
    private void checkNeedsReplicas(String file, SourceConfig source) {
        if (source.replicas().count() > 0) {
            return;
        }
        if (!source.tablesUsing(Ingestion.GLUE).isEmpty()) {
            error(file, "replicas.count", "is 0 but the source has ingestion: glue tables, whose jobs read a read replica; "
                    + "set replicas.count to at least 1 (environment " + config.environment().name() + ")");
        }
        if (source.primary() == null && !source.tables().isEmpty()) {
            error(file, "replicas.count", "is 0, so environment " + config.environment().name() + " creates no primary for "
                    + "this source (it creates one with its first replica) and nothing could be exported or replicated; "
                    + "set replicas.count to at least 1, or import the primary in primaries." + config.environment().name());
        }
    }

    /** Connections to service VPCs: distinct names, CIDRs that overlap neither the platform's nor each other, routes it may add. */
    private void checkConnections(String file, EnvironmentConfig env) {
        List<EnvironmentConfig.Connection> connections = env.network().connections();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < connections.size(); i++) {
            EnvironmentConfig.Connection c = connections.get(i);
            String at = "network.connections[" + i + "]";
            if (!names.add(c.name())) {
                error(file, at + ".name", "'" + c.name() + "' is used by another connection; names must be unique");
            }
            if (Cidrs.overlap(c.cidr(), env.network().vpcCidr())) {
                error(file, at + ".cidr", c.cidr() + " overlaps the platform's VPC (network.vpcCidr " + env.network().vpcCidr()
                        + "); routes could not tell the two apart. Choose a vpcCidr outside " + c.cidr());
            }
            for (int j = 0; j < i; j++) {
                if (Cidrs.overlap(c.cidr(), connections.get(j).cidr())) {
                    error(file, at + ".cidr", c.cidr() + " overlaps connection '" + connections.get(j).name() + "' ("
                            + connections.get(j).cidr() + "); the platform's route tables could not reach both");
                }
            }
            if (!c.peering() && c.peerAccount() != null) {
                error(file, at + ".peerAccount", "applies to VPC peering only; this connection attaches to transit gateway "
                        + c.transitGatewayId());
            }
            if (!c.peerRouteTableIds().isEmpty() && !c.peering()) {
                error(file, at + ".peerRouteTableIds", "applies to VPC peering only: the transit gateway's route tables "
                        + "belong to the network team that runs " + c.transitGatewayId());
            } else if (!c.peerRouteTableIds().isEmpty() && c.peerAccount() != null && !c.peerAccount().equals(env.account())) {
                error(file, at + ".peerRouteTableIds", "names route tables of account " + c.peerAccount() + ", where this "
                        + "environment's stacks cannot add routes; leave them out and have that account accept the peering "
                        + "and add the route to " + env.network().vpcCidr() + " itself");
            }
        }
    }

    /** A primary the platform reaches into names the connection to its VPC. */
    private void checkPrimaryNetwork(String file, SourceConfig source) {
        EnvironmentConfig env = config.environment();
        String at = "primaries." + env.name() + ".network";
        List<String> known = env.network().connections().stream().map(EnvironmentConfig.Connection::name).toList();
        if (source.primary() == null) {
            return;
        }
        String name = source.primary().network();
        if (name == null) {
            if (source.reachesPrimaryNetwork()) {
                error(file, at, "is required: " + (source.engine().isAurora() && source.replicas().count() > 0
                        ? "Aurora readers are instances of the cluster, in its VPC," : "DMS reads this " + source.engine().id()
                        + " primary,") + " which the platform's VPC must reach; name a connection of environments/"
                        + env.name() + ".yaml network.connections" + (known.isEmpty() ? " (it has none yet: add the VPC "
                        + "peering or transit gateway that reaches the service's VPC)" : ": " + String.join(", ", known)));
            }
        } else if (env.network().connection(name).isEmpty()) {
            error(file, at, "names connection '" + name + "', which environments/" + env.name() + ".yaml does not define"
                    + Suggestions.closest(name, known) + (known.isEmpty() ? "; it defines none"
                    : "; defined: " + String.join(", ", known)));
        }
    }

    /** Rejects DMS settings and table layouts DMS would refuse or that would clash in its output. */
    private void checkDms(String file, SourceConfig source) {
        SourceConfig.Dms dms = source.dms();
        boolean readsReplica = source.dmsReadsReplica();
        if (readsReplica && source.primary() != null && source.primary().engineVersion() == null) {
            error(file, "primaries." + config.environment().name() + ".engineVersion", "is required: DMS reads the "
                    + "source's first read replica, which keeps a binary log with a parameter group of the primary's "
                    + "engine family; give the primary's major version, e.g. \"8.0\" or \"10.11\"");
        }
        if (!readsReplica && source.primary() == null) {
            int first = source.tables().indexOf(source.tablesUsing(Ingestion.DMS).get(0));
            error(file, "tables[" + first + "].ingestion", "is dms, but DMS reads the primary of "
                    + (source.engine().isMysqlCompatible() ? "a source without read replicas" : source.engine().id() + " sources")
                    + " and environment " + config.environment().name() + " creates this one, which the platform does not "
                    + "replicate; use ingestion: snapshot or glue here, give the source a read replica (MySQL, MariaDB), or "
                    + "import its primary in primaries." + config.environment().name());
        }
        if (!DmsInstanceClasses.isValid(dms.instanceClass())) {
            error(file, "dms.instanceClass", "'" + dms.instanceClass() + "' is not a DMS replication instance class"
                    + Suggestions.closest(dms.instanceClass(), DmsInstanceClasses.ALL)
                    + "; documented classes: " + String.join(", ", DmsInstanceClasses.ALL));
        }
        String firstDatabase = null;
        int firstIndex = -1;
        for (int i = 0; i < source.tables().size(); i++) {
            TableConfig table = source.tables().get(i);
            if (table.ingestion() != Ingestion.DMS) {
                continue;
            }
            String at = "tables[" + i + "]";
            for (String column : table.columns().keySet()) {
                if (column.equalsIgnoreCase(dms.timestampColumn())) {
                    error(file, at + ".columns." + column, "has the name of the commit-time column DMS adds to every row "
                            + "(dms.timestampColumn '" + dms.timestampColumn() + "'); set dms.timestampColumn to another name");
                } else if (column.equalsIgnoreCase(SourceConfig.Dms.OPERATION_COLUMN)) {
                    error(file, at + ".columns." + column, "has the name of the operation column DMS adds to every row "
                            + "('" + SourceConfig.Dms.OPERATION_COLUMN + "': I, U or D), so the two would clash in the raw zone");
                }
            }
            if (!source.engine().isMysqlCompatible()) {
                String database = table.database().substring(0, table.database().indexOf('.') < 0
                        ? table.database().length() : table.database().indexOf('.'));
                if (firstDatabase == null) {
                    firstDatabase = database;
                    firstIndex = i;
                } else if (!firstDatabase.equals(database)) {
                    error(file, at + ".database", "is in database '" + database + "' but tables[" + firstIndex + "] is in '"
                            + firstDatabase + "': a DMS PostgreSQL source endpoint reads one database, so every "
                            + "ingestion: dms table of a source must be in the same database");
                }
            }
        }
    }

    /**
     * A federated catalog reads the replica as it is, past every column policy; only sources whose
     * columns are all {@code keep} may be federated, or masked values would reach Athena in clear.
     */
    private void checkFederatedColumns(String file, SourceConfig source) {
        for (int i = 0; i < source.tables().size(); i++) {
            TableConfig table = source.tables().get(i);
            table.columns().forEach((column, rule) -> {
                if (rule.policy() != ColumnPolicy.KEEP) {
                    error(file, "federation", "would expose " + table.qualifiedName() + "." + column + " unmasked (its policy is "
                            + rule.policy().id() + "): a federated catalog reads the replica past every column policy; "
                            + "federate only sources whose columns are all keep, and query masked data through the lake");
                }
            });
        }
    }

    private void checkLakeTables() {
        Map<String, String> sourceDatabases = new HashMap<>();
        for (SourceConfig source : config.sources()) {
            source.tables().forEach(t -> sourceDatabases.putIfAbsent(CatalogNames.curatedDatabase(t.database()),
                    "sources/" + source.name() + ".yaml"));
        }
        Map<String, String> tables = new HashMap<>();
        for (LakeTableConfig table : config.lakeTables()) {
            String file = "lake-tables/" + table.name() + ".yaml";
            String owner = sourceDatabases.get(table.database());
            if (owner != null) {
                error(file, "database", "'" + table.database() + "' is ingested by " + owner + ", whose tables are catalogued "
                        + "by their ingestion; put declared tables in a database of their own");
            }
            String other = tables.putIfAbsent(table.qualifiedName(), file);
            if (other != null) {
                error(file, "table", "'" + table.qualifiedName() + "' is already declared in " + other);
            }
            if (table.columns().containsKey(CatalogNames.DATE_PARTITION_KEY)) {
                error(file, "columns." + CatalogNames.DATE_PARTITION_KEY, "is the date partition key every lake table has; "
                        + "remove it from columns (its value comes from the dt=YYYY-MM-DD folder)");
            }
            try {
                table.firstPartition();
            } catch (java.time.DateTimeException e) {
                error(file, "partitionsFrom", "'" + table.partitionsFrom() + "' is not a calendar date (YYYY-MM-DD)");
            }
        }
    }

    private void checkTable(String file, String at, SourceConfig source, TableConfig table) {
        boolean postgres = !source.engine().isMysqlCompatible();
        boolean qualified = table.database().contains(".");
        if (postgres && !qualified) {
            error(file, at + ".database", "must be database.schema for engine " + source.engine().id() + " (e.g. orders.public)");
        } else if (!postgres && qualified) {
            error(file, at + ".database", "must be a plain database name for engine " + source.engine().id());
        }
        Set<String> outputs = new HashSet<>();
        table.columns().forEach((column, rule) -> {
            if (rule.policy() != ColumnPolicy.DROP && !outputs.add(rule.outputName(column))) {
                error(file, at + ".columns." + column, "writes column '" + rule.outputName(column)
                        + "', which another column of the table already writes; choose a different rename");
            }
        });
        if (table.rowFilter() != null) {
            if (table.ingestion() != Ingestion.DMS) {
                error(file, at + ".rowFilter", "is a DMS source filter and needs ingestion: dms");
            }
            checkColumnRef(file, at + ".rowFilter.column", table, table.rowFilter().column());
            boolean needsValue = !Set.of("notnull", "null").contains(table.rowFilter().operator());
            if (needsValue && table.rowFilter().value() == null) {
                error(file, at + ".rowFilter.value", "is required for operator " + table.rowFilter().operator());
            }
            if ("between".equals(table.rowFilter().operator()) && table.rowFilter().end() == null) {
                error(file, at + ".rowFilter.end", "is required for operator between");
            }
        }
        if (table.partitionColumn() != null) {
            checkColumnRef(file, at + ".partitionColumn", table, table.partitionColumn());
        }
        if (table.glue() != null) {
            if (table.ingestion() != Ingestion.GLUE) {
                error(file, at + ".glue", "applies only to ingestion: glue (this table uses " + table.ingestion().id() + ")");
            }
            TableConfig.GlueSettings glue = table.glue();
            if (!GlueWorkerTypes.isValid(glue.workerType())) {
                error(file, at + ".glue.workerType", "'" + glue.workerType() + "' is not a Glue 5.0 Spark worker type"
                        + Suggestions.closest(glue.workerType(), GlueWorkerTypes.SPARK_BATCH)
                        + "; allowed: " + String.join(", ", GlueWorkerTypes.SPARK_BATCH));
            }
            if (glue.watermarkColumn() != null) {
                checkColumnRef(file, at + ".glue.watermarkColumn", table, glue.watermarkColumn());
            }
            if (glue.splitColumn() != null) {
                checkColumnRef(file, at + ".glue.splitColumn", table, glue.splitColumn());
            }
        }
    }

    private void checkColumnRef(String file, String path, TableConfig table, String column) {
        if (!table.columns().containsKey(column)) {
            error(file, path, "names column '" + column + "', which the table does not classify"
                    + Suggestions.closest(column, table.columns().keySet())
                    + "; known columns: " + String.join(", ", table.columns().keySet()));
        }
    }

    private void checkStreams() {
        Map<String, String> streams = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        for (StreamsConfig file : config.streams()) {
            String name = "streams/" + file.name() + ".yaml";
            for (int i = 0; i < file.kinesis().size(); i++) {
                StreamsConfig.KinesisStream s = file.kinesis().get(i);
                String at = "kinesis[" + i + "]";
                String other = streams.putIfAbsent(s.name(), name);
                if (other != null) {
                    error(name, at + ".name", "stream '" + s.name() + "' is already defined in " + other);
                }
                boolean noLoad = (s.peakRecordsPerSecond() == null || s.peakRecordsPerSecond() == 0)
                        && (s.peakBytesPerSecond() == null || s.peakBytesPerSecond() == 0);
                if ("provisioned".equals(s.mode()) && noLoad) {
                    error(name, at, "a provisioned stream needs peakRecordsPerSecond or peakBytesPerSecond above 0 "
                            + "(shards are derived from them), or mode: on-demand");
                } else if ("provisioned".equals(s.mode())) {
                    try {
                        ShardSizing.provisionedShards(s);
                    } catch (IllegalArgumentException e) {
                        error(name, at, "cannot be sized: " + e.getMessage());
                    }
                }
            }
            for (int i = 0; i < file.topics().size(); i++) {
                StreamsConfig.KafkaTopic t = file.topics().get(i);
                String other = topics.putIfAbsent(t.name(), name);
                if (other != null) {
                    error(name, "topics[" + i + "].name", "topic '" + t.name() + "' is already defined in " + other);
                }
            }
        }
        Map<String, String> relays = new HashMap<>();
        for (StreamsConfig file : config.streams()) {
            String name = "streams/" + file.name() + ".yaml";
            for (int i = 0; i < file.relays().size(); i++) {
                StreamsConfig.Relay r = file.relays().get(i);
                String other = relays.putIfAbsent(r.stream() + " -> " + r.topic(), name);
                if (other != null) {
                    error(name, "relays[" + i + "]", "relays stream '" + r.stream() + "' to topic '" + r.topic()
                            + "' a second time (already in " + other + "); every record would be written twice");
                }
                if (!streams.containsKey(r.stream())) {
                    error(name, "relays[" + i + "].stream", "names unknown Kinesis stream '" + r.stream() + "'"
                            + Suggestions.closest(r.stream(), streams.keySet()) + "; defined streams: " + new TreeSet<>(streams.keySet()));
                }
                if (!topics.containsKey(r.topic())) {
                    error(name, "relays[" + i + "].topic", "names unknown Kafka topic '" + r.topic() + "'"
                            + Suggestions.closest(r.topic(), topics.keySet()) + "; defined topics: " + new TreeSet<>(topics.keySet()));
                }
            }
        }
        checkEvents(topics.keySet());
    }

    /** Event tables: their topic, id, event time and fields (docs/events.md). */
    private void checkEvents(Set<String> topics) {
        Set<String> relayed = new HashSet<>();
        config.streams().forEach(f -> f.relays().forEach(r -> relayed.add(r.topic())));
        Map<String, String> tables = new HashMap<>();
        ColumnMasks fitOnly = ColumnMasks.fromSecretString("a key that only checks that policies fit types");
        for (StreamsConfig file : config.streams()) {
            String name = "streams/" + file.name() + ".yaml";
            for (int i = 0; i < file.events().size(); i++) {
                StreamsConfig.EventTable e = file.events().get(i);
                String at = "events[" + i + "]";
                String other = tables.putIfAbsent(e.table(), name);
                if (other != null) {
                    error(name, at + ".table", "event table '" + e.table() + "' is already defined in " + other);
                }
                if (!topics.contains(e.topic())) {
                    error(name, at + ".topic", "reads unknown Kafka topic '" + e.topic() + "'"
                            + Suggestions.closest(e.topic(), topics) + "; defined topics: " + new TreeSet<>(topics));
                }
                if (e.run() == EventRunMode.CONTINUOUS && e.everyMinutes() != 5) {
                    error(name, at + ".everyMinutes", "applies to scheduled runs only; a continuous job lands "
                            + "events as they come: remove everyMinutes or use run: scheduled");
                }
                try {
                    EventSchedules.cron(e);
                } catch (IllegalArgumentException ex) {
                    error(name, at + ".everyMinutes", "cannot be scheduled: " + ex.getMessage());
                }
                Set<String> outputs = new HashSet<>();
                Map<String, ColumnType> types = new HashMap<>();
                for (int j = 0; j < e.fields().size(); j++) {
                    StreamsConfig.EventField f = e.fields().get(j);
                    String fieldAt = at + ".fields[" + j + "]";
                    if (types.containsKey(f.name())) {
                        error(name, fieldAt + ".name", "field '" + f.name() + "' is declared twice");
                        continue;
                    }
                    ColumnType type;
                    ColumnRule rule;
                    try {
                        type = f.columnType();
                        rule = f.rule();
                        ColumnTransform.of(f.name(), rule, type, fitOnly);
                    } catch (RuntimeException ex) {
                        error(name, fieldAt, "cannot be landed: " + ex.getMessage());
                        continue;
                    }
                    types.put(f.name(), type);
                    if (rule.policy() == ColumnPolicy.DROP) {
                        continue;
                    }
                    String output = rule.outputName(f.name());
                    if (EventColumns.ADDED.contains(output)) {
                        error(name, fieldAt, "column '" + output + "' is one the landing job adds to every event table "
                                + EventColumns.ADDED + "; rename the field");
                    } else if (!outputs.add(output)) {
                        error(name, fieldAt, "writes column '" + output + "', which another field writes too");
                    }
                }
                if (e.keyedByRelayHeaders() && !relayed.contains(e.topic())) {
                    error(name, at + ".id", "relay-headers identify relayed records only, and no relay writes topic '"
                            + e.topic() + "'; name the field that identifies an event instead");
                } else if (!e.keyedByRelayHeaders()) {
                    var idField = e.field(e.id());
                    if (idField.isEmpty()) {
                        error(name, at + ".id", "names no field of the event: '" + e.id() + "'"
                                + Suggestions.closest(e.id(), types.keySet()) + "; give a field or relay-headers");
                    } else if (!Set.of(ColumnPolicy.KEEP, ColumnPolicy.HASH).contains(ruleOf(idField.get()))) {
                        error(name, at + ".id", "the id field '" + e.id() + "' must keep its values apart "
                                + "(policy keep or hash), or every event would look like the same one");
                    }
                }
                var time = e.field(e.eventTime());
                if (time.isEmpty()) {
                    error(name, at + ".eventTime", "names no field of the event: '" + e.eventTime() + "'"
                            + Suggestions.closest(e.eventTime(), types.keySet()));
                } else if (types.containsKey(e.eventTime()) && (types.get(e.eventTime()).kind() != ColumnType.Kind.TIMESTAMP
                        || !Set.of(ColumnPolicy.KEEP, ColumnPolicy.TRUNCATE).contains(ruleOf(time.get())))) {
                    error(name, at + ".eventTime", "the event time '" + e.eventTime() + "' dates each event, so it must be "
                            + "a timestamp field kept or truncated (type timestamp, policy keep or truncate(...))");
                }
            }
        }
    }

    private static ColumnPolicy ruleOf(StreamsConfig.EventField f) {
        try {
            return f.rule().policy();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void checkTeams() {
        Set<String> databases = new TreeSet<>();
        for (SourceConfig source : config.sources()) {
            source.tables().forEach(t -> databases.add(CatalogNames.curatedDatabase(t.database())));
        }
        config.lakeTables().forEach(t -> databases.add(t.database()));
        for (TeamConfig team : config.teams()) {
            String file = "teams/" + team.name() + ".yaml";
            if (RESERVED_TEAM_NAMES.contains(team.name())) {
                error(file, "name", "'" + team.name() + "' is reserved (the team's workgroup would take the name of the "
                        + (team.name().equals(Names.PLATFORM_WORKGROUP) ? "platform's" : "account's default")
                        + " Athena workgroup); rename the file and the team");
            }
            for (int i = 0; i < team.databases().size(); i++) {
                String db = team.databases().get(i);
                if (!databases.contains(db)) {
                    error(file, "databases[" + i + "]", "grants database '" + db + "', which no source defines"
                            + Suggestions.closest(db, databases) + "; defined databases: " + String.join(", ", databases));
                }
            }
        }
    }

    private void error(String file, String path, String reason) {
        errors.add(new ConfigError(file, path, reason));
    }
}
