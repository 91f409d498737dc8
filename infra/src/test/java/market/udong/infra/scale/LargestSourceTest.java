package market.udong.infra.scale;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.naming.Names;
import market.udong.core.quotas.QuotaChecks;
import market.udong.core.quotas.StackEstimates;
import market.udong.core.testing.GeneratedConfig;
import market.udong.infra.TestApps;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * One source as large as the quota checks let it be: what they accept must deploy. A source of
 * 320 Glue tables (near the template-size budget in dev, where a created primary shares the
 * stack) and one of 750 tables over all three paths are accepted, and their stacks are within
 * CloudFormation's quotas and below the estimates the checks used.
 */
class LargestSourceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glue:320", "snapshot,dms,glue:750"})
    void theLargestSourceTheChecksAccept_fitsCloudFormation(String spec) throws IOException {
        // GIVEN one source (no federation: every column policy in play)
        String[] parts = spec.split(":");
        GeneratedConfig.Shape shape = GeneratedConfig.Shape.of(1, Integer.parseInt(parts[1]))
                .ingestion(parts[0].split(",")).federatedEvery(0).teams(1);
        Path config = GeneratedConfig.write(TestApps.CONFIG, dir.resolve("config"), shape);
        // WHEN dev and prod are synthesized (the checks ran while loading: they accepted the config)
        App app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).build();
        UdongApp.build(app, config, List.of("dev", "prod"));
        CloudAssembly assembly = app.synth();
        // THEN its stack fits, and the estimates bound it
        for (String env : List.of("dev", "prod")) {
            PlatformConfig loaded = new ConfigLoader().load(config, env);
            SourceConfig source = loaded.sources().get(0);
            CloudFormationStackArtifact stack = assembly.getStackByName(Names.stackName(env, Names.sourceStackArea(source.name())));
            Path file = Path.of(stack.getTemplateFullPath());
            JsonNode template = new ObjectMapper().readTree(file.toFile());
            long bytes = Files.size(file);
            int resources = template.get("Resources").size();
            assertTrue(resources <= QuotaChecks.stackResourceBudget() && bytes <= QuotaChecks.templateByteBudget(),
                    env + ": " + resources + " resources, " + bytes + " bytes");
            assertTrue(StackEstimates.sourceStackResources(loaded, source) >= resources, env + " resources " + resources);
            assertTrue(StackEstimates.sourceStackBytes(loaded, source) >= bytes, env + " bytes " + bytes);
        }
    }
}
