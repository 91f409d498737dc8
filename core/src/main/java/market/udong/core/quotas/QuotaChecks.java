package market.udong.core.quotas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import market.udong.core.analytics.SavedQuery;
import market.udong.core.analytics.TeamGrants;
import market.udong.core.config.ConfigError;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TeamConfig;
import market.udong.core.dms.TableMappings;
import market.udong.core.glue.GlueSchedules;
import market.udong.core.naming.Names;

/**
 * AWS quotas a configuration must fit, checked from the config alone before the CDK builds
 * anything: CloudFormation's per-stack limits on what each stack would hold
 * ({@link StackEstimates}), IAM's policy sizes and counts, DMS's table-mapping size, and the
 * account-wide quotas (Glue jobs and triggers, DMS instances, EventBridge rules, Athena) summed
 * over the environments that share an account and region. A config that would break one is an
 * error naming the file, the field, the quota and the fix. Stacks are refused at
 * {@value #HEADROOM_PERCENT} % of a quota, so what the estimates miss has room.
 */
public final class QuotaChecks {
    private QuotaChecks() {
    }

    /** Share of a CloudFormation quota a stack may use (the rest is headroom for the estimates). */
    public static final int HEADROOM_PERCENT = 90;
    /** CloudFormation: resources per stack. */
    public static final int STACK_RESOURCES = 500;
    /** CloudFormation: bytes of a template uploaded to S3 (the CDK uploads every template). */
    public static final int TEMPLATE_BYTES = 1_000_000;
    /** DMS processes table-mapping JSON of at most 2 MB. */
    public static final int DMS_TABLE_MAPPING_BYTES = 2 * 1024 * 1024;
    /** Athena workgroups per account and region. */
    public static final int ATHENA_WORKGROUPS = 1_000;

    /** Resources a stack may hold: {@value #HEADROOM_PERCENT} % of CloudFormation's quota. */
    public static int stackResourceBudget() {
        return STACK_RESOURCES * HEADROOM_PERCENT / 100;
    }

    /** Template bytes a stack may hold: {@value #HEADROOM_PERCENT} % of CloudFormation's quota. */
    public static int templateByteBudget() {
        return TEMPLATE_BYTES / 100 * HEADROOM_PERCENT;
    }

    /** The checks of one environment's configuration (what its own stacks and roles must fit). */
    public static List<ConfigError> environment(PlatformConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        String env = config.environment().name();
        for (SourceConfig source : config.sources()) {
            checkSource(config, source, errors);
        }
        int lake = StackEstimates.lakeStackResources(config);
        if (lake > stackResourceBudget()) {
            errors.add(new ConfigError("sources/", "tables[].database", "the sources name "
                    + StackEstimates.lakeDatabases(config) + " lake databases, which makes stack "
                    + Names.stackName(env, "Lake") + " about " + lake + " resources (a raw and a curated Glue "
                    + "database each; CloudFormation allows " + STACK_RESOURCES + " per stack, the platform uses at most "
                    + stackResourceBudget() + "); put related tables in fewer databases"));
        }
        int analytics = StackEstimates.analyticsStackResources(config);
        if (analytics > stackResourceBudget()) {
            errors.add(new ConfigError("teams/", "", config.teams().size() + " teams make stack "
                    + Names.stackName(env, "Analytics") + " about " + analytics + " resources (CloudFormation allows "
                    + STACK_RESOURCES + " per stack, the platform uses at most " + stackResourceBudget()
                    + "); merge teams that share their grants into one workgroup"));
        }
        checkTeams(config, errors);
        return errors;
    }

    private static void checkSource(PlatformConfig config, SourceConfig source, List<ConfigError> errors) {
        String file = "sources/" + source.name() + ".yaml";
        String stack = Names.stackName(config.environment().name(), Names.sourceStackArea(source.name()));
        int glue = source.tablesUsing(Ingestion.GLUE).size();
        int resources = StackEstimates.sourceStackResources(config, source);
        if (resources > stackResourceBudget()) {
            errors.add(new ConfigError(file, "tables", "makes stack " + stack + " about " + resources
                    + " resources, " + glue + " of them Glue jobs (one per ingestion: glue table) and "
                    + StackEstimates.glueTriggers(source) + " their schedule triggers; CloudFormation allows "
                    + STACK_RESOURCES + " per stack and the platform uses at most " + stackResourceBudget()
                    + ". Move about " + glueTablesToMove(source, resources) + " tables to ingestion: dms or "
                    + "snapshot (no resources per table), or give tables the same glue.schedule (one trigger per "
                    + GlueSchedules.JOBS_PER_TRIGGER + " jobs)"));
        }
        if (!source.tablesUsing(Ingestion.DMS).isEmpty()) {
            int mapping = TableMappings.of(source).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (mapping > DMS_TABLE_MAPPING_BYTES) {
                errors.add(new ConfigError(file, "tables", "gives DMS a table mapping of " + kb(mapping) + " for "
                        + source.tablesUsing(Ingestion.DMS).size() + " ingestion: dms tables; DMS reads at most "
                        + "2 MB (a hard limit). Move tables to ingestion: snapshot or glue"));
                return;
            }
        }
        int bytes = StackEstimates.sourceStackBytes(config, source);
        if (bytes > templateByteBudget()) {
            List<String> parts = new ArrayList<>();
            if (glue > 0) {
                parts.add(glue + " Glue jobs");
            }
            if (!source.tablesUsing(Ingestion.DMS).isEmpty()) {
                parts.add("the DMS table mapping of " + source.tablesUsing(Ingestion.DMS).size() + " tables");
            }
            errors.add(new ConfigError(file, "tables", "makes the template of stack " + stack + " about "
                    + kb(bytes) + (parts.isEmpty() ? "" : " (" + String.join(" and ", parts) + " are most of it)")
                    + "; CloudFormation allows " + kb(TEMPLATE_BYTES) + " per template and the platform uses at most "
                    + kb(templateByteBudget()) + ". Move tables to ingestion: snapshot, which adds nothing to the template"));
        }
    }

    private static int glueTablesToMove(SourceConfig source, int resources) {
        int excess = resources - stackResourceBudget();
        return excess + excess / GlueSchedules.JOBS_PER_TRIGGER + 1;
    }

    private static void checkTeams(PlatformConfig config, List<ConfigError> errors) {
        EnvironmentConfig env = config.environment();
        int perRole = env.quotas().managedPoliciesPerRole();
        String curated = "x".repeat(Names.MAX_BUCKET_NAME);
        for (TeamConfig team : config.teams()) {
            String file = "teams/" + team.name() + ".yaml";
            TeamGrants grants = TeamGrants.of(config, team.databases());
            int own = TeamPolicySizes.workgroupPolicy(env.name(), env.account(), env.region(), grants.federatedCatalogs());
            if (own > TeamPolicySizes.MANAGED_POLICY_MAX_CHARACTERS) {
                errors.add(new ConfigError(file, "databases", "grants the databases of "
                        + grants.federatedCatalogs().size() + " sources with federated catalogs, so the team's workgroup "
                        + "policy would be about " + own + " characters (IAM allows "
                        + TeamPolicySizes.MANAGED_POLICY_MAX_CHARACTERS + " per managed policy); split the team, "
                        + "or grant the lake databases of fewer federated sources"));
            }
            int data = TeamPolicySizes.split(env.account(), env.region(), curated, grants.prefixesByDatabase()).size();
            if (1 + data > perRole) {
                errors.add(new ConfigError(file, "databases", "grants " + team.databases().size() + " databases, "
                        + "which take " + data + " data policies besides the workgroup policy (" + (1 + data)
                        + " managed policies; a role carries at most " + perRole + ", environments/" + env.name()
                        + ".yaml quotas.managedPoliciesPerRole); grant fewer databases, or raise the quota with AWS "
                        + "(up to 20) and then in the environment file"));
            }
        }
    }

    /**
     * The account-wide checks of environments synthesized together: what the environments sharing
     * an account and region hold between them must fit that account's quotas (each environment's
     * own {@code quotas}; where they differ, the smallest).
     */
    public static List<ConfigError> accounts(List<PlatformConfig> configs) {
        Map<String, List<PlatformConfig>> byAccount = new LinkedHashMap<>();
        for (PlatformConfig config : configs) {
            byAccount.computeIfAbsent(config.environment().account() + " " + config.environment().region(),
                    k -> new ArrayList<>()).add(config);
        }
        List<ConfigError> errors = new ArrayList<>();
        byAccount.values().forEach(shared -> {
            checkAccount(shared, "Glue jobs", StackEstimates::glueJobs, q -> q.glueJobsPerAccount(),
                    "glueJobsPerAccount", "move tables to ingestion: dms or snapshot", errors);
            checkAccount(shared, "Glue triggers", StackEstimates::glueTriggers, q -> q.glueTriggersPerAccount(),
                    "glueTriggersPerAccount", "give Glue tables fewer distinct glue.schedule values", errors);
            checkAccount(shared, "DMS replication instances", StackEstimates::dmsInstances,
                    q -> q.dmsReplicationInstancesPerAccount(), "dmsReplicationInstancesPerAccount",
                    "move the tables of some sources to ingestion: snapshot or glue", errors);
            checkAccount(shared, "EventBridge rules on the default bus", StackEstimates::eventBridgeRules,
                    q -> q.eventBridgeRulesPerBus(), "eventBridgeRulesPerBus",
                    "deploy the environments to separate accounts", errors);
            checkAccount(shared, "Athena workgroups", c -> c.teams().size() + 1, q -> ATHENA_WORKGROUPS, null,
                    "merge teams that share their grants", errors);
            checkAccount(shared, "Athena named queries", c -> SavedQuery.ALL.size(), q -> q.athenaNamedQueriesPerAccount(),
                    "athenaNamedQueriesPerAccount", "remove saved queries", errors);
        });
        return errors;
    }

    private static void checkAccount(List<PlatformConfig> shared, String what, ToIntFunction<PlatformConfig> used,
                                     ToIntFunction<EnvironmentConfig.Quotas> quota, String field, String fix,
                                     List<ConfigError> errors) {
        int total = shared.stream().mapToInt(used).sum();
        int limit = shared.stream().mapToInt(c -> quota.applyAsInt(c.environment().quotas())).min().orElseThrow();
        if (total <= limit) {
            return;
        }
        EnvironmentConfig first = shared.get(0).environment();
        List<String> names = shared.stream().map(c -> c.environment().name()).toList();
        StringBuilder reason = new StringBuilder();
        reason.append(names.size() == 1 ? "environment " + names.get(0) + " needs " : "environments "
                + String.join(", ", names) + " share account " + first.account() + " in " + first.region() + " and need ");
        reason.append(total).append(" ").append(what);
        if (names.size() > 1) {
            reason.append(" (").append(String.join(", ", shared.stream().map(c -> c.environment().name() + " "
                    + used.applyAsInt(c)).toList())).append(")");
        }
        reason.append("; the account allows ").append(limit).append(". Fix: ").append(fix);
        if (field != null) {
            reason.append(", or have AWS raise the quota and set quotas.").append(field).append(" in the environment file");
        }
        for (PlatformConfig config : shared) {
            errors.add(new ConfigError("environments/" + config.environment().name() + ".yaml",
                    field == null ? "" : "quotas." + field, reason.toString()));
        }
    }

    private static String kb(int bytes) {
        return String.format(Locale.ROOT, "%,d KB", (bytes + 999) / 1000);
    }
}
