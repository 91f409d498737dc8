package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        return runApp(configDir, env, tmp.resolve("out"));
    }

    private Run runApp(Path configDir, String env, Path out) throws IOException, InterruptedException {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UdongApp.class.getName())
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CDK_CONTEXT_JSON", "{\"env\":\"" + env + "\",\"configDir\":\"" + configDir + "\"}");
        pb.environment().put("CDK_OUTDIR", out.toString());
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
                "Udong-Prod-Lake.template.json", "Udong-Prod-Network.template.json", "Udong-Dev-Source-orders.template.json",
                "Udong-Prod-Analytics.template.json")), templates.toString());
    }

    @Test
    void synthesis_isTheSameInEveryJvm() throws Exception {
        // GIVEN the same config synthesized by two JVMs (Java's Map.of and Set.of iterate in an order
        // each JVM draws at random)
        Path config = Path.of("..", "config").toAbsolutePath();
        Run first = runApp(config, "dev,prod", tmp.resolve("first"));
        Run second = runApp(config, "dev,prod", tmp.resolve("second"));
        assertEquals(0, first.exit(), first.stderr());
        assertEquals(0, second.exit(), second.stderr());

        // THEN every template says the same to CloudFormation: objects may list keys in any order,
        // but lists and strings (a JSON document in a string, a container's environment list) may not
        // differ, or each deploy would change resources (a secret's template regenerates its password)
        List<String> templates = templates(tmp.resolve("first"));
        assertEquals(templates, templates(tmp.resolve("second")));
        assertFalse(templates.isEmpty());
        ObjectMapper json = new ObjectMapper();
        for (String name : templates) {
            JsonNode a = json.readTree(tmp.resolve("first").resolve(name).toFile());
            JsonNode b = json.readTree(tmp.resolve("second").resolve(name).toFile());
            assertEquals("", firstDifference("", a, b), name + " differs between two syntheses");
        }
    }

    private static List<String> templates(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".template.json")).sorted().toList();
        }
    }

    /** The path of the first place two JSON trees differ (object keys in any order), or "" if none. */
    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            var names = new TreeSet<String>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!a.has(n) || !b.has(n)) {
                    return path + "/" + n + " (only in one)";
                }
                String d = firstDifference(path + "/" + n, a.get(n), b.get(n));
                if (!d.isEmpty()) {
                    return d;
                }
            }
            return "";
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "/" + i, a.get(i), b.get(i));
                if (!d.isEmpty()) {
                    return d;
                }
            }
            return "";
        }
        return a.equals(b) ? "" : path + ": " + a + " vs " + b;
    }
}
