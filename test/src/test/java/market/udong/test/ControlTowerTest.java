package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

/**
 * AWS Control Tower's proactive controls (the cfn-guard rules AWS publishes, pinned in package.json
 * as {@code @cdklabs/cdk-validator-cfnguard}, run with the cfn-guard binary it ships) over every
 * template of every environment. Every failure is fixed or acknowledged, with its reason, in one
 * reviewed file: {@code compliance/control-tower.yaml}. A new failure fails the test, and so does
 * an acknowledgement that no longer matches anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlTowerTest {

    static final Path PACKAGE = Path.of("..", "node_modules", "@cdklabs", "cdk-validator-cfnguard");
    static final Path ACKNOWLEDGEMENTS = Path.of("..", "compliance", "control-tower.yaml");
    private static final Pattern CONTROL = Pattern.compile("\\[(CT\\.[A-Z0-9]+\\.PR\\.\\d+)\\]");
    private static final Pattern RESOURCE = Pattern.compile("^/Resources/([^/\\[]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One failure: a control on one resource of one stack. */
    record Finding(String control, String stack, String logicalId) implements Comparable<Finding> {
        String where() {
            return stack + "/" + logicalId;
        }

        @Override
        public int compareTo(Finding o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return control + " " + where();
        }
    }

    /** A reviewed acknowledgement: a control on the resources {@code resources} matches. */
    record Acknowledgement(String control, Pattern resources, String reason) {
        boolean covers(Finding f) {
            return f.control().equals(control) && resources.matcher(f.where()).matches();
        }
    }

    @TempDir
    static Path out;

    private Set<Finding> findings;
    private List<Acknowledgement> acknowledgements;

    @BeforeAll
    void runTheControlsOverEveryTemplate() throws Exception {
        App app = App.Builder.create().outdir(out.toString()).build();
        UdongApp.build(app, Path.of("..", "config"), List.of("dev", "staging", "prod"));
        app.synth();
        List<Path> templates;
        try (var files = Files.list(out)) {
            templates = files.filter(p -> p.getFileName().toString().endsWith(".template.json")).sorted().toList();
        }
        findings = guard(templates);
        acknowledgements = new ArrayList<>();
        for (JsonNode a : new YAMLMapper().readTree(ACKNOWLEDGEMENTS.toFile()).path("acknowledgements")) {
            acknowledgements.add(new Acknowledgement(a.path("control").asText(), Pattern.compile(a.path("resources").asText()),
                    a.path("reason").asText()));
        }
    }

    /** Runs cfn-guard as Control Tower's plugin does, and reads its structured output. */
    static Set<Finding> guard(List<Path> templates) throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
        Path binary = PACKAGE.resolve("bin/ubuntu/" + arch + "/cfn-guard");
        assertTrue(Files.isExecutable(binary), binary + " is missing: run bin/test, which installs the npm packages");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "validate", "--rules",
                PACKAGE.resolve("rules/control-tower/cfn-guard").toString(), "--output-format", "json",
                "--show-summary", "none", "--structured"));
        for (Path t : templates) {
            command.add("--data");
            command.add(t.toString());
        }
        Path output = Files.createTempFile("cfn-guard", ".json");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "cfn-guard did not finish in 5 minutes");
            // 0: all compliant; 19: some rule failed; anything else is cfn-guard failing.
            assertTrue(p.exitValue() == 0 || p.exitValue() == 19, "cfn-guard exited " + p.exitValue());
            Set<Finding> found = new TreeSet<>();
            for (JsonNode template : JSON.readTree(output.toFile())) {
                String stack = Path.of(template.path("name").asText()).getFileName().toString().replace(".template.json", "");
                for (JsonNode failed : template.path("not_compliant")) {
                    for (JsonNode check : failed.path("Rule").path("checks")) {
                        collect(stack, check, null, found);
                    }
                }
            }
            return found;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Walks one failed check: the control from its message, each resource from the paths under it. */
    private static void collect(String stack, JsonNode node, String control, Set<Finding> found) {
        if (node.isObject()) {
            JsonNode message = node.path("messages").path("custom_message");
            if (message.isTextual()) {
                Matcher m = CONTROL.matcher(message.asText());
                if (m.find()) {
                    control = m.group(1);
                }
            }
            JsonNode path = node.path("path");
            if (control != null && path.isTextual()) {
                Matcher r = RESOURCE.matcher(path.asText());
                if (r.find()) {
                    found.add(new Finding(control, stack, r.group(1)));
                }
            }
        }
        String c = control;
        node.elements().forEachRemaining(child -> collect(stack, child, c, found));
    }

    @Test
    void everyFailure_isAcknowledgedWithAReason() {
        List<String> unacknowledged = findings.stream()
                .filter(f -> acknowledgements.stream().noneMatch(a -> a.covers(f))).map(Finding::toString).toList();
        assertEquals(List.of(), unacknowledged, "fix these or acknowledge them in " + ACKNOWLEDGEMENTS);
        acknowledgements.forEach(a -> assertTrue(a.reason().length() > 40, "a real reason for " + a.control()));
    }

    @Test
    void everyAcknowledgement_stillMatchesAFailure() {
        List<String> stale = acknowledgements.stream().filter(a -> findings.stream().noneMatch(a::covers))
                .map(a -> a.control() + " " + a.resources().pattern()).toList();
        assertEquals(List.of(), stale, "these acknowledgements match nothing any more: remove them");
    }

    @Test
    void theControls_areActive_onADeliberatelyNonCompliantTemplate() throws Exception {
        // GIVEN a bucket with nothing set and a key with the default policy
        Path template = out.resolve("plain.template.json");
        Files.writeString(template, "{\"Resources\":{\"Plain\":{\"Type\":\"AWS::S3::Bucket\"},"
                + "\"Key\":{\"Type\":\"AWS::KMS::Key\",\"Properties\":{\"KeyPolicy\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}}}}}");
        Set<Finding> plain = guard(List.of(template));
        for (String control : List.of("CT.S3.PR.1", "CT.S3.PR.2", "CT.S3.PR.10", "CT.KMS.PR.3")) {
            assertTrue(plain.stream().anyMatch(f -> f.control().equals(control)), control + " reported; got " + plain);
        }
    }
}
