package market.udong.lambdas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import market.udong.core.testing.CloudFormationResponses;
import market.udong.core.testing.LambdaJar;
import market.udong.core.testing.LocalS3;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-config-publisher-lambda.jar}, alone on a fresh JVM's class path, answers a
 * Create by writing the source's config to S3 and telling CloudFormation so.
 */
class DeployedSourcePublisherJarIT {

    @Test
    void shadedJar_writesTheDocument_withNothingElseOnTheClassPath() throws IOException {
        try (LocalS3 s3 = LocalS3.startInMemory(); CloudFormationResponses cloudFormation = new CloudFormationResponses()) {
            s3.createBucket(DeployedSourcePublisherHandlerTest.BUCKET);
            s3.createBucket(DeployedSourcePublisherHandlerTest.ASSETS);
            LambdaJar.Result run = LambdaJar.invoke(java.nio.file.Path.of("target", "udong-config-publisher-lambda.jar"),
                    "market.udong.lambdas.config.DeployedSourcePublisherHandler", "stream", s3.sdkEnvironment(),
                    DeployedSourcePublisherHandlerTest.event(s3, "cfn-deployed-source-create.json", cloudFormation.url(),
                            DeployedSourcePublisherHandlerTest.orders().toJson(), ""));

            assertEquals(0, run.exitCode(), run.output());
            assertEquals("SUCCESS", cloudFormation.only().path("Status").asText(), run.output());
            assertEquals(List.of("sources/orders.json"), s3.keys(DeployedSourcePublisherHandlerTest.BUCKET, ""));
        }
    }
}
