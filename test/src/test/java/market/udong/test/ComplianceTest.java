package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigLoader;
import market.udong.core.naming.Names;
import market.udong.infra.EnvironmentStacks;
import market.udong.infra.UdongApp;
import market.udong.infra.compliance.Compliance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * Every stack of every environment passes the four cdk-nag packs with zero unacknowledged
 * findings, and the checks are provably active.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceTest {

    static final Path CONFIG = Path.of("..", "config");
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private List<Stack> stacks;

    @BeforeAll
    void synthesizeAllEnvironments() {
        App app = new App();
        List<EnvironmentStacks> all = UdongApp.build(app, CONFIG, ENVIRONMENTS);
        CloudAssembly assembly = app.synth();
        assertEquals(ENVIRONMENTS.size(), all.size());
        stacks = new ArrayList<>();
        for (IConstruct child : app.getNode().getChildren()) {
            if (child instanceof Stack s) {
                stacks.add(s);
            }
        }
        assertFalse(assembly.getStacks().isEmpty());
    }

    @Test
    void everyEnvironment_synthesizesTheSharedStacks_andOnePerSource() {
        for (String env : ENVIRONMENTS) {
            String cap = Character.toUpperCase(env.charAt(0)) + env.substring(1);
            List<String> areas = new ArrayList<>(List.of("Network", "Lake", "Analytics", "Ingestion", "Streaming", "Monitoring"));
            new ConfigLoader().load(CONFIG, env).sources().forEach(s -> areas.add(Names.sourceStackArea(s.name())));
            for (String area : areas) {
                String name = "Udong-" + cap + "-" + area;
                assertTrue(stacks.stream().anyMatch(s -> s.getStackName().equals(name)), "missing stack " + name);
            }
            assertEquals(areas.size(), stacks.stream().filter(s -> s.getStackName().startsWith("Udong-" + cap + "-")).count(),
                    "no other stack in " + env);
        }
    }

    @Test
    void everyStack_hasNoUnacknowledgedNagErrors() {
        List<String> findings = new ArrayList<>();
        for (Stack stack : stacks) {
            annotations(stack, ERROR).forEach(m -> findings.add(stack.getStackName() + " ERROR " + m));
        }
        assertTrue(findings.isEmpty(), () -> findings.size() + " findings:\n" + String.join("\n", findings));
    }

    @Test
    void everyStack_hasNoNagWarnings() {
        List<String> findings = new ArrayList<>();
        for (Stack stack : stacks) {
            annotations(stack, WARNING).forEach(m -> findings.add(stack.getStackName() + " WARN " + m));
        }
        assertTrue(findings.isEmpty(), () -> findings.size() + " warnings:\n" + String.join("\n", findings));
    }

    @Test
    void checks_areActive_onADeliberatelyNonCompliantBucket() {
        App app = new App();
        Stack stack = new Stack(app, "NonCompliant");
        new Bucket(stack, "PlainBucket");
        Compliance.check(app);
        app.synth();
        List<String> ids = annotations(stack, ERROR);
        for (String rule : List.of("AwsSolutions-S1", "AwsSolutions-S10", "NIST.800.53.R5-S3BucketSSLRequestsOnly",
                "HIPAA.Security-S3DefaultEncryptionKMS", "PCI.DSS.321-S3BucketLoggingEnabled")) {
            assertTrue(ids.stream().anyMatch(d -> d.contains(rule)), rule + " is reported; got " + ids);
        }
    }

    @Test
    void stacks_areBoundToTheirEnvironmentsAccountAndRegion() {
        Map<String, String> accounts = Map.of("Dev", "111111111111", "Staging", "222222222222", "Prod", "333333333333");
        for (Stack stack : stacks) {
            String env = stack.getStackName().split("-")[1];
            assertEquals(accounts.get(env), stack.getAccount(), stack.getStackName());
            assertEquals("ap-northeast-2", stack.getRegion(), stack.getStackName());
        }
    }

    private static final String ERROR = "aws:cdk:error";
    private static final String WARNING = "aws:cdk:warning";

    /**
     * "path: message" of every annotation of {@code type} on the stack's constructs, read from their
     * metadata (where Annotations and cdk-nag put them): the assertions library's message type
     * (cxapi.SynthesisMessage) is deprecated.
     */
    private static List<String> annotations(Stack stack, String type) {
        List<String> found = new ArrayList<>();
        for (IConstruct c : stack.getNode().findAll()) {
            for (MetadataEntry m : c.getNode().getMetadata()) {
                if (type.equals(m.getType())) {
                    found.add(c.getNode().getPath() + ": " + m.getData());
                }
            }
        }
        return found;
    }
}
