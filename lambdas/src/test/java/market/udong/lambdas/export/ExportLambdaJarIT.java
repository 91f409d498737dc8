package market.udong.lambdas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import market.udong.core.naming.LambdaEnv;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code udong-export-lambda.jar}, alone on a fresh JVM's class path, starts an export
 * through its runtime constructor: proves the jar holds every class the function loads and that
 * the function reads its settings from the environment keys infra sets.
 */
class ExportLambdaJarIT {

    @Test
    void shadedJar_startsAnExport_withNothingElseOnTheClassPath() throws Exception {
        Path jar = Path.of("target", "udong-export-lambda.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        try (RdsApiStub rdsApi = new RdsApiStub()) {
            // GIVEN RDS knows the automated snapshot the event names
            RdsApiStub.Snapshot snapshot = rdsApi.addSnapshot(new RdsApiStub.Snapshot(false, "rds:orders-prod-2024-03-01-18-05",
                    "orders-prod", Instant.parse("2024-03-01T18:05:12.345Z"), "available", "automated", "mysql"));

            // WHEN the function runs from the jar with only its environment
            ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar.toString(), runner().toString());
            Map<String, String> env = process.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("UDONG_"));
            env.put("AWS_REGION", "ap-northeast-2");
            env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
            env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
            env.put("AWS_ENDPOINT_URL", rdsApi.endpoint().toString());
            env.put(LambdaEnv.ENVIRONMENT, "prod");
            env.put(LambdaEnv.EXPORTS_BUCKET, "udong-prod-exports-333333333333-ap-northeast-2");
            env.put(LambdaEnv.KMS_KEY_ARN, "arn:aws:kms:ap-northeast-2:333333333333:key/0e1d2c3b");
            env.put(LambdaEnv.EXPORT_ROLE_ARN, "arn:aws:iam::333333333333:role/export");
            env.put(LambdaEnv.EXPORT_SOURCES,
                    "{\"orders\":{\"engine\":\"mysql\",\"instance\":\"orders-prod\",\"exportOnly\":[\"orders.members\"]}}");
            process.redirectErrorStream(true);
            Process run = process.start();
            try (InputStream event = getClass().getResourceAsStream("/events/rds-db-snapshot-automated-created.json")) {
                run.getOutputStream().write(event.readAllBytes());
            }
            run.getOutputStream().close();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));

            // THEN it exited cleanly, started the export task and answered STARTED
            assertEquals(0, run.exitValue(), output);
            List<RdsApiStub.Call> starts = rdsApi.calls("StartExportTask");
            assertEquals(1, starts.size(), output);
            assertEquals(snapshot.arn(), starts.get(0).param("SourceArn"));
            assertEquals(List.of("orders.members"), starts.get(0).list("ExportOnly"));
            assertTrue(output.contains("RESPONSE {\"outcomes\":[{\"status\":\"STARTED\""), output);
        }
    }

    private Path runner() throws URISyntaxException, IOException {
        return Path.of(getClass().getResource("/jar-smoke/RunExportTrigger.java").toURI());
    }
}
