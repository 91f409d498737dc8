package market.udong.infra.stacks;

import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.ingestion.dms.DmsAccountRoles;
import market.udong.infra.constructs.ingestion.dms.DmsReplication;
import market.udong.infra.constructs.ingestion.dms.DmsReplicationProps;
import market.udong.infra.constructs.ingestion.dms.DmsTaskControl;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTrigger;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTriggerProps;
import market.udong.infra.constructs.ingestion.glue.GlueIngestion;
import market.udong.infra.constructs.ingestion.glue.GlueIngestionProps;
import market.udong.infra.constructs.ingestion.masking.MaskingPipeline;
import market.udong.infra.constructs.ingestion.masking.MaskingPipelineProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.export.ExportSources;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Ingestion}: the snapshot-export trigger (rules, function, export role, dead-letter
 * queue, alarms) for sources with {@code ingestion: snapshot} tables, and DMS replication (account
 * roles, replication instance, endpoints, task kept running across deploys) for sources with
 * {@code ingestion: dms} tables. A source whose database is not known yet (a created primary the
 * Replicas stack has not passed in) is left out with an info message at synthesis.
 */
public final class IngestionStack extends PlatformStack {

    /** Stack area, also the {@code udong:stack} tag the DMS task control is scoped by. */
    public static final String AREA = "Ingestion";

    private final EncryptionKey logKey;
    private SnapshotExportTrigger snapshotExport;
    private DmsAccountRoles dmsAccountRoles;
    private DmsTaskControl dmsTaskControl;
    private final Map<String, DmsReplication> dms = new LinkedHashMap<>();
    private final MaskingPipeline masking;
    private GlueIngestion glue;

    public IngestionStack(Construct scope, EnvironmentConfig environment, List<SourceConfig> sources,
                          IngestionStackProps props) {
        super(scope, environment, AREA, "Snapshot export, DMS and Glue ingestion, and the masking of every file into the lake");
        String env = environment.name();
        logKey = new EncryptionKey(this, "LogKey", new EncryptionKeyProps("udong-" + env + "-ingestion",
                "Encrypts the Udong ingestion functions' logs and dead-letter queue (" + env + ")", dataRemovalPolicy()));
        logKey.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));

        addSnapshotExport(environment, sources, props);
        addDms(environment, sources, props);
        masking = new MaskingPipeline(this, "Masking", new MaskingPipelineProps(env, sources, props.exportsBucket(),
                props.rawBucket(), props.curatedBucket(), props.quarantineBucket(), props.lakeKey(), props.hashingKey(),
                props.vpc(), props.artifacts(), props.alarmTopic(), logRetentionDays()));
        List<SourceConfig> glueSources = sources.stream()
                .filter(s -> !s.tablesUsing(Ingestion.GLUE).isEmpty() && props.glueDatabases().containsKey(s.name()))
                .toList();
        if (!glueSources.isEmpty()) {
            glue = new GlueIngestion(this, "Glue", new GlueIngestionProps(env, glueSources, props.glueDatabases(),
                    props.vpc(), props.curatedBucket(), props.lakeKey(), props.hashingKey(),
                    props.artifacts().glue("target/udong-glue-job.jar"),
                    props.artifacts().glue("src/main/glue/table_ingest_entry.scala"),
                    props.alarmTopic(), logRetentionDays()));
        }
    }

    /** The masking pipeline every exported and DMS file passes through. */
    public MaskingPipeline masking() {
        return masking;
    }

    /** The Glue jobs; null when no source has Glue tables. */
    public GlueIngestion glue() {
        return glue;
    }

    /** Log retention of the stack's functions: a year where data is retained, a month elsewhere. */
    int logRetentionDays() {
        return envConfig().retainsData() ? 365 : 30;
    }

    private void addSnapshotExport(EnvironmentConfig environment, List<SourceConfig> sources, IngestionStackProps props) {
        List<SourceConfig> withSnapshots = sources.stream()
                .filter(s -> !s.tablesUsing(Ingestion.SNAPSHOT).isEmpty())
                .toList();
        if (withSnapshots.isEmpty()) {
            return;
        }
        List<SourceConfig> known = new ArrayList<>();
        for (SourceConfig source : withSnapshots) {
            if (source.existingPrimary().isPresent() || props.createdPrimaryIds().containsKey(source.name())) {
                known.add(source);
            } else {
                Annotations.of(this).addInfo("source '" + source.name() + "' is not exported yet: it has no imported "
                        + "primary and the Replicas stack has not passed the identifier of the primary it creates");
            }
        }
        snapshotExport = new SnapshotExportTrigger(this, "SnapshotExport", new SnapshotExportTriggerProps(
                environment.name(),
                ExportSources.of(known, props.createdPrimaryIds()),
                props.artifacts().lambda(LambdaPackage.EXPORT_TRIGGER),
                props.vpc(),
                props.lakeKey(),
                props.exportsBucket(),
                logKey.key(),
                props.alarmTopic(),
                null,
                logRetentionDays(),
                dataRemovalPolicy()));
    }

    private void addDms(EnvironmentConfig environment, List<SourceConfig> sources, IngestionStackProps props) {
        List<SourceConfig> replicated = new ArrayList<>();
        for (SourceConfig source : sources) {
            if (source.tablesUsing(Ingestion.DMS).isEmpty()) {
                continue;
            }
            if (props.dmsDatabases().containsKey(source.name())) {
                replicated.add(source);
            } else {
                Annotations.of(this).addInfo("source '" + source.name() + "' is not replicated by DMS yet: no database "
                        + "(read replica or imported primary) was passed for its source endpoint");
            }
        }
        if (replicated.isEmpty()) {
            return;
        }
        if (environment.features().dmsAccountRoles()) {
            dmsAccountRoles = new DmsAccountRoles(this, "DmsAccountRoles");
        }
        dmsTaskControl = new DmsTaskControl(this, "DmsTaskControl", props.artifacts().lambda(LambdaPackage.DMS_TASK_CONTROL), props.vpc(),
                logKey.key(), logRetentionDays(), dataRemovalPolicy(), environment.name(), AREA);
        for (SourceConfig source : replicated) {
            dms.put(source.name(), new DmsReplication(this, "Dms-" + source.name(), new DmsReplicationProps(
                    source, props.dmsDatabases().get(source.name()), props.vpc(), props.lakeKey(), props.rawBucket(),
                    dmsTaskControl.function(), props.alarmTopic(), dmsAccountRoles)));
        }
    }

    /** The snapshot-export trigger; null when no source has snapshot tables. */
    public SnapshotExportTrigger snapshotExport() {
        return snapshotExport;
    }

    /** DMS replication by source name (sources with dms tables and a known database). */
    public Map<String, DmsReplication> dms() {
        return Map.copyOf(dms);
    }

    /** The account-level DMS roles; null where this environment does not create them. */
    public DmsAccountRoles dmsAccountRoles() {
        return dmsAccountRoles;
    }
}
