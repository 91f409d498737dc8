package market.udong.lambdas.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.DeployedSource;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.naming.LambdaEnv;
import market.udong.core.naming.Names;
import market.udong.core.testing.AwsApiStub;
import market.udong.core.testing.AwsApiStub.Reply;
import market.udong.core.testing.DuckDb;
import market.udong.core.testing.LambdaJar;
import market.udong.core.testing.LocalS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code udong-masking-lambda.jar}, alone on a fresh JVM's class path with the Lambda
 * runtime's serialization library: one queued export file is masked into the curated zone with the
 * policies of the source's deployed config, read from the config bucket of a real S3 API.
 */
class MaskingJarIT {

    static final String SECRET = "0123456789abcdef0123456789abcdef-dev";

    @Test
    void shadedJar_masksAnExportFile_withThePoliciesOfTheDeployedConfig(@TempDir Path dir) throws Exception {
        try (LocalS3 s3 = LocalS3.startInMemory(); AwsApiStub aws = new AwsApiStub(); DuckDb db = DuckDb.open()) {
            // GIVEN the shop source's deployed config, an exported members file, and the HMAC secret
            for (String bucket : new String[] {"udong-test-exports", "udong-test-curated", "udong-test-quarantine",
                    "udong-test-config"}) {
                s3.createBucket(bucket);
            }
            DeployedSource shop = DeployedSource.of(new ConfigLoader().loadSource(
                    Path.of(getClass().getResource("/sources/shop.yaml").toURI())), Optional.of("shop-db"));
            s3.put("udong-test-config", Names.deployedSourceKey("shop"), shop.toJson().getBytes(StandardCharsets.UTF_8));
            Path members = TestFiles.write(db, TestFiles.membersSql(50), dir.resolve("members.parquet"), "gzip", 1024);
            s3.put("udong-test-exports", "shop/2026/11/25/shop-2026-11-25-18-05/shop/shop.members/1/part-00000-5a1f.gz.parquet",
                    Files.readAllBytes(members));
            aws.on("GetSecretValue", c -> Reply.json("{\"Name\":\"udong-dev-hmac\",\"SecretString\":\"" + SECRET + "\"}"))
                    .on("GetTable", c -> Reply.json("{\"Table\":{\"Name\":\"members\",\"DatabaseName\":\"shop\"}}"))
                    .on("CreatePartition", c -> Reply.json("{}"));

            // WHEN the queued message reaches the function in the jar
            LambdaJar.Result run = LambdaJar.invoke(Path.of("target", "udong-masking-lambda.jar"),
                    "market.udong.lambdas.masking.MaskingHandler", "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                    LambdaJar.with(s3.sdkEnvironment(), Map.of(
                            "AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.endpoint().toString(),
                            "AWS_ENDPOINT_URL_GLUE", aws.endpoint().toString(),
                            LambdaEnv.ENVIRONMENT, "dev",
                            LambdaEnv.CURATED_BUCKET, "udong-test-curated",
                            LambdaEnv.QUARANTINE_BUCKET, "udong-test-quarantine",
                            LambdaEnv.HMAC_SECRET_ARN, "udong-dev-hmac",
                            LambdaEnv.CONFIG_BUCKET, "udong-test-config")),
                    LambdaJar.event(getClass(), "masking-sqs-one-export-file.json"));

            // THEN nothing is left to retry, and the curated file holds the hashed e-mail, not the original
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(0, new ObjectMapper().readTree(run.response()).path("batchItemFailures").size(), run.output());
            Path out = dir.resolve("out.parquet");
            Files.write(out, s3.get("udong-test-curated", "shop/shop/members/dt=2026-11-25/1_part-00000-5a1f.parquet"));
            assertEquals(50, db.count(out));
            assertEquals(ColumnMasks.fromSecretString(SECRET).hash("member1@udong.market"),
                    db.value("SELECT email_hash FROM read_parquet('" + out + "') WHERE member_id = 1"));
            assertTrue(aws.calls("CreatePartition").size() == 1, run.output());
        }
    }
}
