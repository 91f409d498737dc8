package market.udong.infra.constructs.ingestion.glue;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The security configuration every Glue job of the environment runs with (jobs name it): data
 * written to S3 with SSE-KMS, CloudWatch logs and job bookmarks encrypted, all with the lake key.
 */
public final class GlueSecurity extends Construct {

    private final CfnSecurityConfiguration configuration;

    public GlueSecurity(Construct scope, String id, String environment, IKey lakeKey) {
        super(scope, id);
        configuration = CfnSecurityConfiguration.Builder.create(this, "Resource")
                .name("udong-" + environment + "-glue-jobs")
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-KMS").kmsKeyArn(lakeKey.getKeyArn()).build()))
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(lakeKey.getKeyArn()).build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS").kmsKeyArn(lakeKey.getKeyArn()).build())
                        .build())
                .build();
        // Jobs' continuous logs are encrypted with the lake key by the logs service.
        lakeKey.grantEncryptDecrypt(new ServicePrincipal("logs." + Stack.of(this).getRegion() + ".amazonaws.com"));
    }

    /** The configuration's name, as jobs reference it. */
    public String name() {
        return configuration.getRef();
    }
}
