package market.udong.infra.constructs.ingestion.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import market.udong.core.config.DeployedSource;
import market.udong.core.naming.Names;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * One source's deployed config ({@link DeployedSource}) in the config bucket, at
 * {@code sources/<source>.json}: the document is a file asset of the source's stack (the CDK CLI
 * uploads it at deploy), and a {@value #RESOURCE_TYPE} resource, served by the
 * {@link DeployedSourcePublisher}, checks it and writes it to the config bucket whenever its hash
 * changes. As an asset the document costs the template a few hundred bytes whatever the number of
 * tables (inline, 1,000 tables would be half of CloudFormation's 1 MB).
 */
public final class DeployedSourceConfig extends Construct {

    public static final String RESOURCE_TYPE = "Custom::DeployedSource";

    private final CustomResource resource;
    private final String uri;

    public DeployedSourceConfig(Construct scope, String id, DeployedSource config, IBucket configBucket,
                                IFunction publisher) {
        super(scope, id);
        String key = Names.deployedSourceKey(config.source());
        Asset document = Asset.Builder.create(this, "Document").path(write(config).toString()).build();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Bucket", configBucket.getBucketName());
        properties.put("Key", key);
        properties.put("DocumentBucket", document.getS3BucketName());
        properties.put("DocumentKey", document.getS3ObjectKey());
        resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(publisher.getFunctionArn())
                .resourceType(RESOURCE_TYPE)
                .properties(properties)
                .build();
        uri = "s3://" + configBucket.getBucketName() + "/" + key;
    }

    /** The document in a directory of its own (an asset's path is hashed whole). */
    private static Path write(DeployedSource config) {
        try {
            Path dir = Files.createTempDirectory("udong-deployed-source");
            Path file = dir.resolve(config.source() + ".json");
            Files.writeString(file, config.toJson());
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
