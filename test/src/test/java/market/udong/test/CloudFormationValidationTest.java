package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import market.udong.infra.FeatureFlags;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * CloudFormation's own rules, as the CDK's validation runs them at synthesis: every environment
 * synthesizes with no finding, and every finding acknowledged (the CDK applies an
 * acknowledgement app-wide, per rule) is one an acknowledgement was written for.
 */
class CloudFormationValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void everyEnvironment_hasNoFinding_andOnlyReviewedOnesAreAcknowledged() throws Exception {
        App app = validating();
        UdongApp.build(app, Path.of("..", "config"), List.of("dev", "staging", "prod"));
        app.synth();

        JsonNode report = JSON.readTree(out.resolve("validation-report.json").toFile());
        JsonNode plugin = report.at("/pluginReports/0");
        assertEquals("CloudFormation Validate", plugin.path("pluginName").asText());
        assertEquals(List.of(), findings(plugin.path("violations")));
        for (JsonNode suppressed : plugin.path("suppressedViolations")) {
            String rule = suppressed.path("ruleName").asText();
            for (JsonNode where : suppressed.path("violatingConstructs")) {
                String path = where.path("constructPath").asText();
                String property = where.at("/cloudFormationResource/propertyPaths/0").asText();
                JsonNode template = JSON.readTree(out.resolve(where.at("/cloudFormationResource/templatePath").asText()).toFile());
                String value = template.at("/Resources/" + where.at("/cloudFormationResource/logicalId").asText() + "/"
                        + property.replace('.', '/')).asText();
                switch (rule) {
                    // RDS's major-version form of EngineVersion, on a created primary.
                    case "E9006" -> assertTrue(path.endsWith("/Replicas/Primary/Resource")
                            && property.equals("Properties.EngineVersion") && value.matches("\\d+\\.\\d+"), rule + " " + path);
                    // The zones the config names, in the VPC's subnets and the Glue connections' subnets (table jobs, events).
                    case "W3010" -> assertTrue(property.endsWith("AvailabilityZone") && value.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")
                            && (path.contains("/Vpc/Resource/") || path.endsWith("/Glue/Connection")
                            || path.endsWith("/Events/Connection")), rule + " " + path);
                    default -> throw new AssertionError("acknowledged rule " + rule + " has no reviewed reason here: " + path);
                }
            }
        }
    }

    /** An app that validates whatever CDK_VALIDATION says (bin/synth and the other tests switch it off). */
    private App validating() {
        App app = App.Builder.create().outdir(out.toString()).build();
        software.amazon.awscdk.Validations.of(app).addPlugins(software.amazon.awscdk.CloudFormationValidatePlugin.Builder
                .create().build());
        return app;
    }

    /** Rule, construct and property of each finding, one line each. */
    private static List<String> findings(JsonNode violations) {
        List<String> lines = new java.util.ArrayList<>();
        for (JsonNode v : violations) {
            for (JsonNode where : v.path("violatingConstructs")) {
                lines.add(v.path("ruleName").asText() + " " + where.path("constructPath").asText() + " "
                        + where.at("/cloudFormationResource/propertyPaths").toString());
            }
        }
        return lines;
    }

    @Test
    void aFindingFailsSynthesis() {
        // GIVEN a security group description EC2 refuses (an apostrophe)
        App app = validating();
        FeatureFlags.apply(app);
        Stack stack = new Stack(app, "Bad");
        CfnSecurityGroup.Builder.create(stack, "Group").groupDescription("the replicas' consumers").build();
        // THEN synthesis fails, naming the rule
        RuntimeException e = assertThrows(RuntimeException.class, app::synth);
        assertTrue(e.getMessage().contains("GroupDescription") || e.getMessage().contains("Validation"), e.getMessage());
    }
}
