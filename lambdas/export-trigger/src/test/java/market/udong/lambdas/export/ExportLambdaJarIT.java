package market.udong.lambdas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.Engine;
import market.udong.core.export.ExportSource;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.testing.LocalS3;
import market.udong.core.testing.LambdaJar;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-export-lambda.jar}, alone on a fresh JVM's class path, starts an export
 * through its runtime constructor: proves the jar holds every class the function loads, that it
 * reads its settings from the environment keys infra sets, and the source's tables from the
 * deployed config in the config bucket (a real S3 API).
 */
class ExportLambdaJarIT {

    @Test
    void shadedJar_startsAnExport_withNothingElseOnTheClassPath() throws Exception {
        try (RdsApiStub rdsApi = new RdsApiStub(); LocalS3 s3 = LocalS3.startInMemory()) {
            // GIVEN the orders source's deployed config in the config bucket
            String configBucket = "udong-prod-config-333333333333-ap-northeast-2";
            s3.createBucket(configBucket);
            s3.put(configBucket, "sources/orders.json", new DeployedSource("orders", Engine.MYSQL,
                    new ExportSource(Engine.MYSQL, "orders-prod", null, List.of("orders.members")), null, List.of())
                    .toJson().getBytes(StandardCharsets.UTF_8));
            // AND RDS knows the automated snapshot the event names
            RdsApiStub.Snapshot snapshot = rdsApi.addSnapshot(new RdsApiStub.Snapshot(false, "rds:orders-prod-2024-03-01-18-05",
                    "orders-prod", Instant.parse("2024-03-01T18:05:12.345Z"), "available", "automated", "mysql"));

            // WHEN the function runs from the jar with only its environment
            LambdaJar.Result run = LambdaJar.invoke(Path.of("target", "udong-export-lambda.jar"),
                    "market.udong.lambdas.export.ExportTriggerHandler", "stream", LambdaJar.with(s3.sdkEnvironment(), Map.of(
                            "AWS_ENDPOINT_URL_RDS", rdsApi.endpoint().toString(),
                            LambdaEnv.ENVIRONMENT, "prod",
                            LambdaEnv.EXPORTS_BUCKET, "udong-prod-exports-333333333333-ap-northeast-2",
                            LambdaEnv.KMS_KEY_ARN, "arn:aws:kms:ap-northeast-2:333333333333:key/0e1d2c3b",
                            LambdaEnv.EXPORT_ROLE_ARN, "arn:aws:iam::333333333333:role/export",
                            LambdaEnv.CONFIG_BUCKET, configBucket)),
                    LambdaJar.event(getClass(), "rds-db-snapshot-automated-created.json"));
            String output = run.output();

            // THEN it exited cleanly, started the export task and answered STARTED
            assertEquals(0, run.exitCode(), output);
            List<RdsApiStub.Call> starts = rdsApi.calls("StartExportTask");
            assertEquals(1, starts.size(), output);
            assertEquals(snapshot.arn(), starts.get(0).param("SourceArn"));
            assertEquals(List.of("orders.members"), starts.get(0).list("ExportOnly"));
            assertTrue(run.response().startsWith("{\"outcomes\":[{\"status\":\"STARTED\""), output);
        }
    }

}
