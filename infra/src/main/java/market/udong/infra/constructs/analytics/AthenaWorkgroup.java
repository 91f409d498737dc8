package market.udong.infra.constructs.analytics;

import market.udong.core.naming.Names;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.constructs.Construct;

/**
 * An Athena workgroup whose settings its users cannot override: engine version 3, results under
 * the workgroup's own prefix of the athena-results bucket with SSE-KMS, CloudWatch metrics, and a
 * per-query scan cutoff. Results expire through the bucket's lifecycle rule for that prefix.
 */
public final class AthenaWorkgroup extends Construct {

    /** The engine every workgroup runs; version 3 is the one that reads federated catalogs with Trino SQL. */
    public static final String ENGINE_VERSION = "Athena engine version 3";

    private final CfnWorkGroup workgroup;
    private final String name;

    public AthenaWorkgroup(Construct scope, String id, AthenaWorkgroupProps props) {
        super(scope, id);
        name = props.name();
        workgroup = CfnWorkGroup.Builder.create(this, "Resource")
                .name(props.name())
                .description(props.description())
                .state("ENABLED")
                .recursiveDeleteOption(props.deleteWithQueries())
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(props.bytesScannedCutoffPerQuery())
                        .requesterPaysEnabled(false)
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion(ENGINE_VERSION)
                                .build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + props.results().getBucketName() + "/"
                                        + Names.athenaResultsPrefix(props.name()))
                                .expectedBucketOwner(Stack.of(this).getAccount())
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS")
                                        .kmsKey(props.key().getKeyArn())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    public String name() {
        return name;
    }

    /** {@code arn:aws:athena:<region>:<account>:workgroup/<name>}. */
    public String arn() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("athena").resource("workgroup").resourceName(name).build());
    }

    public CfnWorkGroup workgroup() {
        return workgroup;
    }
}
