package market.udong.core.quotas;

import java.util.HashSet;
import java.util.Set;
import market.udong.core.analytics.TeamGrants;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TeamConfig;
import market.udong.core.dms.TableMappings;
import market.udong.core.glue.GlueSchedules;
import market.udong.core.naming.CatalogNames;

/**
 * Upper bounds of what infra builds from a config, reckoned from the config alone so validation
 * can refuse a config that would break a CloudFormation quota before the CDK builds anything. Each
 * figure counts the resources (and template bytes) a part adds, as measured on synthesized
 * templates; the infra scale test checks every estimate against the real templates, for the sample
 * config and generated ones of up to 1,000 tables, so a construct that grows fails that test
 * rather than a deploy.
 */
public final class StackEstimates {
    private StackEstimates() {
    }

    /** Resources of a source stack whatever it holds (key, alias, deployed config, CDK metadata, rules). */
    static final int SOURCE_BASE = 8;
    /** Replicas' fixed part (two security groups and their rules, read-only secret, monitoring role, policies). */
    static final int REPLICAS_BASE = 14;
    /** Per read replica: instance, subnet group, lag alarm. */
    static final int PER_REPLICA = 3;
    /** A created primary: instance, subnet group, security group, secret and its attachment. */
    static final int CREATED_PRIMARY = 6;
    /** The replica DMS reads: parameter group, DMS user secret. */
    static final int BINARY_LOG = 2;
    /** DMS replication: security group, rules, subnet group, instance, 3 roles and policies, 2 endpoints, task, 2 controls, rule. */
    static final int DMS = 18;
    /** Glue's fixed part: role, policy, connection and its security group with rules, failure rule. */
    static final int GLUE_BASE = 9;
    /** A federated catalog: security group, log group, managed policy, role, application, data catalog. */
    static final int FEDERATION = 8;

    /*
     * Bytes, as measured on synthesized source stacks (prod, dev) of generated configs with 100 and
     * 300 tables of one path each, rounded up: a Glue job is 2.1-2.2 KB with its trigger action, a
     * DMS table adds 1.15 times its table mapping's length (the mapping is an escaped JSON string).
     */
    /** Bytes of a source stack's template whatever it holds (key, alias, deployed config, metadata). */
    static final int SOURCE_BASE_BYTES = 25_000;
    /** Bytes per read replica (instance, subnet group, alarm, acknowledgements). */
    static final int PER_REPLICA_BYTES = 9_000;
    /** Bytes of a created primary (dev): instance, subnet group, security group, secret. */
    static final int CREATED_PRIMARY_BYTES = 36_000;
    /** Bytes of DMS replication without its table mappings, and the mappings' factor in percent. */
    static final int DMS_BYTES = 30_000;
    static final int DMS_MAPPING_PERCENT = 125;
    /** Bytes of one Glue job with its action in a trigger (literal arguments, tags, path). */
    static final int PER_GLUE_JOB_BYTES = 2_400;
    /** Bytes of one trigger without its actions. */
    static final int PER_TRIGGER_BYTES = 600;
    /** Bytes of Glue's fixed part (role, policy, connection, security group, failure rule) and of a federated catalog. */
    static final int GLUE_BASE_BYTES = 28_000;
    static final int FEDERATION_BYTES = 15_000;

    /** Resources the stack of {@code source} holds in {@code config}'s environment. */
    public static int sourceStackResources(PlatformConfig config, SourceConfig source) {
        int resources = SOURCE_BASE;
        int replicas = source.replicas().count();
        if (replicas > 0) {
            resources += REPLICAS_BASE + PER_REPLICA * replicas;
            if (source.primary() == null) {
                resources += CREATED_PRIMARY;
            }
            if (source.dmsReadsReplica()) {
                resources += BINARY_LOG;
            }
        }
        if (!source.tablesUsing(Ingestion.DMS).isEmpty()) {
            resources += DMS;
        }
        int glue = source.tablesUsing(Ingestion.GLUE).size();
        if (glue > 0) {
            resources += GLUE_BASE + glue + glueTriggers(source);
        }
        if (source.federation() != null) {
            resources += FEDERATION;
        }
        return resources;
    }

    /** Bytes of the template of {@code source}'s stack. */
    public static int sourceStackBytes(PlatformConfig config, SourceConfig source) {
        int bytes = SOURCE_BASE_BYTES + PER_REPLICA_BYTES * source.replicas().count();
        if (source.replicas().count() > 0 && source.primary() == null) {
            bytes += CREATED_PRIMARY_BYTES;
        }
        if (!source.tablesUsing(Ingestion.DMS).isEmpty()) {
            bytes += DMS_BYTES + TableMappings.of(source).toJson().length() * DMS_MAPPING_PERCENT / 100;
        }
        int glue = source.tablesUsing(Ingestion.GLUE).size();
        if (glue > 0) {
            bytes += GLUE_BASE_BYTES + PER_GLUE_JOB_BYTES * glue + PER_TRIGGER_BYTES * glueTriggers(source);
        }
        if (source.federation() != null) {
            bytes += FEDERATION_BYTES;
        }
        return bytes;
    }

    /** Triggers of a source's Glue jobs. */
    public static int glueTriggers(SourceConfig source) {
        return GlueSchedules.triggers(source).size();
    }

    /** Lake databases the sources name (a raw and a curated Glue database each in the Lake stack). */
    public static int lakeDatabases(PlatformConfig config) {
        Set<String> databases = new HashSet<>();
        config.sources().forEach(s -> s.tables().forEach(t -> databases.add(CatalogNames.curatedDatabase(t.database()))));
        return databases.size();
    }

    /** Resources of the Lake stack: the buckets, key and secret, and a raw and a curated Glue database per database. */
    public static int lakeStackResources(PlatformConfig config) {
        return LAKE_BASE + 2 * lakeDatabases(config);
    }

    /** The Lake stack's fixed part (eight buckets with their policies, key, alias, secret, auto-delete function). */
    static final int LAKE_BASE = 40;
    /** The Analytics stack's fixed part (key, Glue catalog, lake tables, saved queries) and the BI tool's. */
    static final int ANALYTICS_BASE = 20;
    static final int BI = 30;
    /** Per workgroup: the workgroup and its own policy. */
    static final int PER_WORKGROUP = 2;

    /** Resources of the Analytics stack: per workgroup the workgroup and its policies. */
    public static int analyticsStackResources(PlatformConfig config) {
        int resources = ANALYTICS_BASE + (config.environment().features().bi() ? BI : 0)
                + config.lakeTables().size() + PER_WORKGROUP * (config.teams().size() + 1);
        String bucket = "x".repeat(market.udong.core.naming.Names.MAX_BUCKET_NAME);
        for (TeamConfig team : config.teams()) {
            resources += TeamPolicySizes.split(config.environment().account(), config.environment().region(), bucket,
                    TeamGrants.of(config, team.databases()).prefixesByDatabase()).size();
        }
        return resources;
    }

    /** Glue jobs of the environment: one per ingestion: glue table and one per event table. */
    public static int glueJobs(PlatformConfig config) {
        return config.sources().stream().mapToInt(s -> s.tablesUsing(Ingestion.GLUE).size()).sum() + eventTables(config);
    }

    /** Glue triggers of the environment: the sources' schedules and one per event table. */
    public static int glueTriggers(PlatformConfig config) {
        return config.sources().stream().mapToInt(StackEstimates::glueTriggers).sum() + eventTables(config);
    }

    /** Event tables of the environment, each landed by a Glue job of its own. */
    public static int eventTables(PlatformConfig config) {
        return config.streams().stream().mapToInt(s -> s.events().size()).sum();
    }

    /** DMS replication instances of the environment: one per source with ingestion: dms tables. */
    public static int dmsInstances(PlatformConfig config) {
        return (int) config.sources().stream().filter(s -> !s.tablesUsing(Ingestion.DMS).isEmpty()).count();
    }

    /** The Ingestion stack's rules on the default bus (snapshot events, export failures, schedule, masking). */
    static final int SHARED_RULES = 6;

    /**
     * Rules on the default event bus: the shared ones, per source one for DMS and one for Glue
     * failures, and one for the events landing jobs' failures.
     */
    public static int eventBridgeRules(PlatformConfig config) {
        int rules = SHARED_RULES;
        for (SourceConfig source : config.sources()) {
            rules += source.tablesUsing(Ingestion.DMS).isEmpty() ? 0 : 1;
            rules += source.tablesUsing(Ingestion.GLUE).isEmpty() ? 0 : 1;
        }
        // The Streaming stack's rule for failed events landing runs.
        return rules + (eventTables(config) > 0 ? 1 : 0);
    }

}
