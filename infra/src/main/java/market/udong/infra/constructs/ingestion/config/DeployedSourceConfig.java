package market.udong.infra.constructs.ingestion.config;

import java.util.Map;
import market.udong.core.config.DeployedSource;
import market.udong.core.naming.Names;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * One source's deployed config ({@link DeployedSource}) in the config bucket, at
 * {@code sources/<source>.json}: a {@value #RESOURCE_TYPE} resource of the source's stack, written by
 * the {@link DeployedSourcePublisher}. The document is a property, so a change of any table's
 * policy shows in the stack's diff and is written by the next deploy of that stack alone.
 */
public final class DeployedSourceConfig extends Construct {

    public static final String RESOURCE_TYPE = "Custom::DeployedSource";

    private final CustomResource resource;
    private final String uri;

    public DeployedSourceConfig(Construct scope, String id, DeployedSource config, IBucket configBucket,
                                IFunction publisher) {
        super(scope, id);
        String key = Names.deployedSourceKey(config.source());
        resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(publisher.getFunctionArn())
                .resourceType(RESOURCE_TYPE)
                .properties(Map.of("Bucket", configBucket.getBucketName(), "Key", key, "Document", config.toJson()))
                .build();
        uri = "s3://" + configBucket.getBucketName() + "/" + key;
    }

    /** The object's {@code s3://} URI, as Glue jobs are told it. */
    public String uri() {
        return uri;
    }

    /** Depend on this to start after the config is written. */
    public CustomResource resource() {
        return resource;
    }
}
