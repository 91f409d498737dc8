package market.udong.lambdas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.testing.LambdaJar;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-export-lambda.jar}, alone on a fresh JVM's class path, starts an export
 * through its runtime constructor: proves the jar holds every class the function loads and that
 * the function reads its settings from the environment keys infra sets.
 */
class ExportLambdaJarIT {

    @Test
    void shadedJar_startsAnExport_withNothingElseOnTheClassPath() throws Exception {
        try (RdsApiStub rdsApi = new RdsApiStub()) {
            // GIVEN RDS knows the automated snapshot the event names
            RdsApiStub.Snapshot snapshot = rdsApi.addSnapshot(new RdsApiStub.Snapshot(false, "rds:orders-prod-2024-03-01-18-05",
                    "orders-prod", Instant.parse("2024-03-01T18:05:12.345Z"), "available", "automated", "mysql"));

            // WHEN the function runs from the jar with only its environment
            LambdaJar.Result run = LambdaJar.invoke(Path.of("target", "udong-export-lambda.jar"),
                    "market.udong.lambdas.export.ExportTriggerHandler", "stream", Map.of(
                            "AWS_REGION", "ap-northeast-2",
                            "AWS_ENDPOINT_URL", rdsApi.endpoint().toString(),
                            LambdaEnv.ENVIRONMENT, "prod",
                            LambdaEnv.EXPORTS_BUCKET, "udong-prod-exports-333333333333-ap-northeast-2",
                            LambdaEnv.KMS_KEY_ARN, "arn:aws:kms:ap-northeast-2:333333333333:key/0e1d2c3b",
                            LambdaEnv.EXPORT_ROLE_ARN, "arn:aws:iam::333333333333:role/export",
                            LambdaEnv.EXPORT_SOURCES,
                            "{\"orders\":{\"engine\":\"mysql\",\"instance\":\"orders-prod\",\"exportOnly\":[\"orders.members\"]}}"),
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
