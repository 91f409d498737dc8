package market.udong.infra.stacks;

import java.util.List;
import java.util.Optional;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.ingestion.IngestionServices;
import market.udong.infra.constructs.ingestion.config.DeployedSourcePublisher;
import market.udong.infra.constructs.ingestion.dms.DmsAccountRoles;
import market.udong.infra.constructs.ingestion.dms.DmsTaskControl;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTrigger;
import market.udong.infra.constructs.ingestion.export.SnapshotExportTriggerProps;
import market.udong.infra.constructs.ingestion.glue.GlueSecurity;
import market.udong.infra.constructs.ingestion.masking.MaskingPipeline;
import market.udong.infra.constructs.ingestion.masking.MaskingPipelineProps;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Ingestion}: what every source shares, once per environment, whatever the number
 * of sources or tables: the snapshot-export trigger, the masking pipeline every exported and DMS file
 * passes through, the publisher of the sources' deployed configs, the DMS task control and account
 * roles, and the Glue security configuration. What belongs to one source (its replicas, DMS
 * replication, Glue jobs, deployed config) lives in that source's stack ({@link SourceStack}).
 */
public final class IngestionStack extends PlatformStack {

    /** Stack area. */
    public static final String AREA = "Ingestion";

    private final EnvironmentDefaults defaults;
    private final DeployedSourcePublisher publisher;
    private final MaskingPipeline masking;
    private SnapshotExportTrigger snapshotExport;
    private DmsTaskControl dmsTaskControl;
    private DmsAccountRoles dmsAccountRoles;
    private GlueSecurity glueSecurity;

    /**
     * @param landsEvents whether the environment has event tables (their Glue jobs use this stack's
     *                    Glue security configuration too)
     */
    public IngestionStack(Construct scope, EnvironmentConfig environment, List<SourceConfig> sources, IVpc vpc,
                          LakeReferences lake, ITopic alarmTopic, LambdaArtifacts artifacts, boolean landsEvents) {
        super(scope, environment, AREA, "Snapshot export, the masking of every file into the lake, and what every source's "
                + "ingestion shares");
        String env = environment.name();
        EncryptionKey logKey = new EncryptionKey(this, "LogKey", new EncryptionKeyProps("udong-" + env + "-ingestion",
                "Encrypts the Udong ingestion functions' logs and queues (" + env + ")", dataRemovalPolicy()));
        logKey.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));
        defaults = defaults(logKey.key(), alarmTopic);

        publisher = new DeployedSourcePublisher(this, "DeployedSourcePublisher",
                artifacts.lambda(LambdaPackage.CONFIG_PUBLISHER), lake.config(), vpc, defaults);
        masking = new MaskingPipeline(this, "Masking", new MaskingPipelineProps(lake, vpc, defaults, artifacts));
        if (anyUses(sources, Ingestion.SNAPSHOT)) {
            snapshotExport = new SnapshotExportTrigger(this, "SnapshotExport", new SnapshotExportTriggerProps(lake, vpc,
                    defaults, artifacts.lambda(LambdaPackage.EXPORT_TRIGGER)));
        }
        if (anyUses(sources, Ingestion.DMS)) {
            dmsTaskControl = new DmsTaskControl(this, "DmsTaskControl", artifacts.lambda(LambdaPackage.DMS_TASK_CONTROL),
                    vpc, defaults);
            if (environment.features().dmsAccountRoles()) {
                dmsAccountRoles = new DmsAccountRoles(this, "DmsAccountRoles");
            }
        }
        if (anyUses(sources, Ingestion.GLUE) || landsEvents) {
            glueSecurity = new GlueSecurity(this, "GlueSecurity", env, lake.key());
        }
    }

    private static boolean anyUses(List<SourceConfig> sources, Ingestion ingestion) {
        return sources.stream().anyMatch(s -> !s.tablesUsing(ingestion).isEmpty());
    }

    /** What the source stacks use of this one. */
    public IngestionServices services() {
        return new IngestionServices(publisher.function(),
                Optional.ofNullable(dmsTaskControl).map(DmsTaskControl::function),
                Optional.ofNullable(dmsAccountRoles),
                Optional.ofNullable(glueSecurity).map(GlueSecurity::name));
    }

    /** The masking pipeline every exported and DMS file passes through. */
    public MaskingPipeline masking() {
        return masking;
    }

    /** The snapshot-export trigger; empty where no source has snapshot tables. */
    public Optional<SnapshotExportTrigger> snapshotExport() {
        return Optional.ofNullable(snapshotExport);
    }

    /** The account-level DMS roles; empty where this environment does not create them. */
    public Optional<DmsAccountRoles> dmsAccountRoles() {
        return Optional.ofNullable(dmsAccountRoles);
    }
}
