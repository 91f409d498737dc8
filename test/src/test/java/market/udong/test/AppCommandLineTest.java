package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as the CDK CLI runs it: a bad config is a clear message and a non-zero exit, never a stack trace. */
class AppCommandLineTest {

    @TempDir
    Path tmp;

    record Run(int exit, String stderr) {
    }

    private Run runApp(Path configDir, String env) throws IOException, InterruptedException {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UdongApp.class.getName())
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CDK_CONTEXT_JSON", "{\"env\":\"" + env + "\",\"configDir\":\"" + configDir + "\"}");
        pb.environment().put("CDK_OUTDIR", tmp.resolve("out").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "app finished");
        return new Run(p.exitValue(), Files.readString(err));
    }

    @Test
    void badConfig_exitsWithStatus2_andListsEveryProblem_withoutStackTrace() throws Exception {
        Path config = tmp.resolve("config");
        Files.createDirectories(config.resolve("environments"));
        Files.createDirectories(config.resolve("teams"));
        Files.writeString(config.resolve("environments/dev.yaml"), "kind: Environment\nname: dev\naccount: \"1\"\n");
        Files.writeString(config.resolve("teams/ops.yaml"), "kind: Team\nname: ops\nowner: ops@udong.market\ndatabase: [x]\n");

        Run run = runApp(config, "dev");

        assertEquals(UdongApp.CONFIG_ERROR, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("environments/dev.yaml: account: must be 12-digit AWS account id"), run.stderr());
        assertTrue(run.stderr().contains("teams/ops.yaml: unknown field 'database' (did you mean 'databases'?)"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
        assertFalse(run.stderr().contains("Exception"), "no exception names: " + run.stderr());
    }

    @Test
    void unknownEnvironment_namesTheKnownOnes() throws Exception {
        Run run = runApp(Path.of("..", "config").toAbsolutePath(), "qa");
        assertEquals(UdongApp.CONFIG_ERROR, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("environment 'qa' has no file; known environments: dev, prod, staging"), run.stderr());
    }

    @Test
    void severalEnvironments_synthesizeInOneRun() throws Exception {
        Run run = runApp(Path.of("..", "config").toAbsolutePath(), "dev,prod");
        assertEquals(0, run.exit(), run.stderr());
        List<String> templates;
        try (var files = Files.list(tmp.resolve("out"))) {
            templates = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".template.json")).sorted().toList();
        }
        assertTrue(templates.containsAll(List.of("Udong-Dev-Lake.template.json", "Udong-Dev-Network.template.json",
                "Udong-Prod-Lake.template.json", "Udong-Prod-Network.template.json", "Udong-Dev-Replicas.template.json",
                "Udong-Prod-Analytics.template.json")), templates.toString());
    }
}
