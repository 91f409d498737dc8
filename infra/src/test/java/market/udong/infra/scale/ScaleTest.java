package market.udong.infra.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.Ingestion;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.dms.TableMappings;
import market.udong.core.glue.GlueSchedules;
import market.udong.core.naming.Names;
import market.udong.core.quotas.QuotaChecks;
import market.udong.core.quotas.StackEstimates;
import market.udong.core.quotas.TeamPolicySizes;
import market.udong.core.testing.GeneratedConfig;
import market.udong.infra.TestApps;
import market.udong.infra.UdongApp;
import market.udong.infra.stacks.PlatformStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The platform at the size our users run: a generated config of 1,000 tables over 30 service
 * databases (snapshot, DMS and Glue in turn, federated catalogs, ten teams) synthesized for all
 * three environments, as {@code cdk synth} writes them. Every template must stay far inside
 * CloudFormation's quotas, every policy inside IAM's, every Lambda environment as small as with
 * the sample config, and the config-time estimates behind the quota checks must bound what was
 * really built.
 */
class ScaleTest {

    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** Templates by stack name, as written to the cloud assembly. */
    static final Map<String, JsonNode> TEMPLATES = new LinkedHashMap<>();
    /** Template bytes by stack name. */
    static final Map<String, Long> BYTES = new HashMap<>();
    static final Map<String, PlatformConfig> CONFIGS = new LinkedHashMap<>();

    @BeforeAll
    static void synthesize() throws IOException {
        // GIVEN 1,000 tables over 30 sources
        Path config = GeneratedConfig.write(TestApps.CONFIG, dir.resolve("config"), GeneratedConfig.Shape.of(30, 1000));
        // WHEN every environment is synthesized into one assembly, as CI does
        App app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).build();
        UdongApp.build(app, config, ENVIRONMENTS);
        readAssembly(app.synth());
        for (String env : ENVIRONMENTS) {
            CONFIGS.put(env, new ConfigLoader().load(config, env));
        }
    }

    static void readAssembly(CloudAssembly assembly) throws IOException {
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            Path file = Path.of(stack.getTemplateFullPath());
            TEMPLATES.put(stack.getStackName(), JSON.readTree(file.toFile()));
            BYTES.put(stack.getStackName(), Files.size(file));
        }
    }

    @Test
    void everyTemplate_isFarInsideCloudFormationsQuotas() {
        assertEquals(3 * (6 + 30), TEMPLATES.size(), TEMPLATES.keySet().toString());
        TEMPLATES.forEach((stack, template) -> {
            assertTrue(template.get("Resources").size() <= QuotaChecks.stackResourceBudget(),
                    stack + " has " + template.get("Resources").size() + " resources");
            assertTrue(BYTES.get(stack) <= QuotaChecks.templateByteBudget(), stack + " is " + BYTES.get(stack) + " bytes");
            assertTrue(size(template, "Outputs") <= 180, stack + " has " + size(template, "Outputs") + " outputs");
            assertTrue(size(template, "Parameters") <= 180, stack + " has " + size(template, "Parameters") + " parameters");
            assertTrue(size(template, "Mappings") <= 180, stack);
        });
    }

    @Test
    void estimates_boundWhatIsBuilt_andStayUseful() {
        for (PlatformConfig config : CONFIGS.values()) {
            String env = config.environment().name();
            for (SourceConfig source : config.sources()) {
                String stack = Names.stackName(env, Names.sourceStackArea(source.name()));
                int resources = TEMPLATES.get(stack).get("Resources").size();
                long bytes = BYTES.get(stack);
                int estimated = StackEstimates.sourceStackResources(config, source);
                int estimatedBytes = StackEstimates.sourceStackBytes(config, source);
                assertTrue(estimated >= resources && estimated <= 2 * resources,
                        stack + ": " + resources + " resources, estimated " + estimated);
                assertTrue(estimatedBytes >= bytes && estimatedBytes <= 2 * bytes,
                        stack + ": " + bytes + " bytes, estimated " + estimatedBytes);
            }
            int lake = TEMPLATES.get(Names.stackName(env, "Lake")).get("Resources").size();
            assertTrue(StackEstimates.lakeStackResources(config) >= lake, env + " Lake: " + lake);
            int analytics = TEMPLATES.get(Names.stackName(env, "Analytics")).get("Resources").size();
            assertTrue(StackEstimates.analyticsStackResources(config) >= analytics, env + " Analytics: " + analytics);
        }
    }

    @Test
    void accountWideCounts_areWhatTheChecksCount() {
        for (PlatformConfig config : CONFIGS.values()) {
            String env = config.environment().name();
            List<JsonNode> triggers = resources(env, "AWS::Glue::Trigger");
            assertEquals(StackEstimates.glueJobs(config), resources(env, "AWS::Glue::Job").size(), env);
            assertEquals(StackEstimates.glueTriggers(config), triggers.size(), env);
            triggers.forEach(t -> assertTrue(t.at("/Properties/Actions").size() <= GlueSchedules.JOBS_PER_TRIGGER));
            assertEquals(StackEstimates.dmsInstances(config), resources(env, "AWS::DMS::ReplicationInstance").size(), env);
            // One task per replication instance: far below DMS's 200.
            assertEquals(StackEstimates.dmsInstances(config), resources(env, "AWS::DMS::ReplicationTask").size(), env);
            List<JsonNode> rules = resources(env, "AWS::Events::Rule");
            assertTrue(rules.size() <= StackEstimates.eventBridgeRules(config), env + ": " + rules.size() + " rules");
            for (JsonNode rule : rules) {
                if (rule.at("/Properties").has("EventPattern")) {
                    int pattern = rule.at("/Properties/EventPattern").toString().length();
                    assertTrue(pattern <= 2048, "an event pattern of " + pattern + " characters");
                }
            }
        }
    }

    @Test
    void dmsTableMappings_fitDms() {
        for (String env : ENVIRONMENTS) {
            for (JsonNode task : resources(env, "AWS::DMS::ReplicationTask")) {
                int bytes = task.at("/Properties/TableMappings").asText().length();
                assertTrue(bytes > 1_000 && bytes <= QuotaChecks.DMS_TABLE_MAPPING_BYTES, bytes + " bytes");
            }
        }
    }

    @Test
    void lambdaEnvironments_areSmall_andTheSharedOnesAreThoseOfTheSampleConfig() {
        // GIVEN the sample config's dev functions, by stack and logical id
        Map<String, String> sample = new HashMap<>();
        for (PlatformStack stack : TestApps.stacks("dev").all()) {
            JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
            template.get("Resources").properties().forEach(r -> {
                if (r.getValue().get("Type").asText().equals("AWS::Lambda::Function")) {
                    sample.put(stack.getStackName() + "/" + r.getKey(), variables(r.getValue()).toString());
                }
            });
        }
        int compared = 0;
        for (Map.Entry<String, JsonNode> t : TEMPLATES.entrySet()) {
            for (Map.Entry<String, JsonNode> r : iterable(t.getValue().get("Resources"))) {
                if (!r.getValue().get("Type").asText().equals("AWS::Lambda::Function")) {
                    continue;
                }
                JsonNode variables = variables(r.getValue());
                // THEN every environment is far inside Lambda's 4 KB, whatever the number of tables
                assertTrue(IamSize.of(variables) <= 1_024, t.getKey() + "/" + r.getKey() + ": " + variables);
                String same = sample.get(t.getKey() + "/" + r.getKey());
                if (same != null) {
                    assertEquals(same, variables.toString(), t.getKey() + "/" + r.getKey());
                    compared++;
                }
            }
        }
        assertTrue(compared >= 5, "compared " + compared + " functions with the sample config's");
    }

    @Test
    void everyPolicy_fitsIam() {
        for (Map.Entry<String, JsonNode> t : TEMPLATES.entrySet()) {
            Map<String, Integer> inlineByRole = new HashMap<>();
            Map<String, Integer> managedByRole = new HashMap<>();
            for (Map.Entry<String, JsonNode> r : iterable(t.getValue().get("Resources"))) {
                JsonNode resource = r.getValue();
                String type = resource.get("Type").asText();
                if (type.equals("AWS::IAM::ManagedPolicy")) {
                    int chars = IamSize.of(resource.at("/Properties/PolicyDocument"));
                    assertTrue(chars <= TeamPolicySizes.MANAGED_POLICY_MAX_CHARACTERS, t.getKey() + "/" + r.getKey() + ": " + chars);
                    resource.at("/Properties/Roles").forEach(role -> managedByRole.merge(role.toString(), 1, Integer::sum));
                } else if (type.equals("AWS::IAM::Policy")) {
                    int chars = IamSize.of(resource.at("/Properties/PolicyDocument"));
                    resource.at("/Properties/Roles").forEach(role -> inlineByRole.merge(role.toString(), chars, Integer::sum));
                } else if (type.equals("AWS::IAM::Role")) {
                    managedByRole.merge("{\"Ref\":\"" + r.getKey() + "\"}", resource.at("/Properties/ManagedPolicyArns").size(),
                            Integer::sum);
                }
            }
            // IAM: a role's inline policies hold 10,240 characters between them; a role carries 10 managed policies.
            inlineByRole.forEach((role, chars) -> assertTrue(chars <= 10_240, t.getKey() + " " + role + ": " + chars));
            managedByRole.forEach((role, n) -> assertTrue(n <= 10, t.getKey() + " " + role + ": " + n));
        }
    }

    @Test
    void workgroupPolicyEstimates_boundTheBuiltPolicies() {
        int checked = 0;
        for (PlatformConfig config : CONFIGS.values()) {
            String env = config.environment().name();
            JsonNode analytics = TEMPLATES.get(Names.stackName(env, "Analytics")).get("Resources");
            for (var team : config.teams()) {
                String name = "udong-" + env + "-athena-" + team.name();
                for (Map.Entry<String, JsonNode> r : iterable(analytics)) {
                    if (name.equals(r.getValue().at("/Properties/ManagedPolicyName").asText())) {
                        int built = IamSize.of(r.getValue().at("/Properties/PolicyDocument"));
                        int estimated = TeamPolicySizes.workgroupPolicy(env, config.environment().account(),
                                config.environment().region(),
                                market.udong.core.analytics.TeamGrants.of(config, team.databases()).federatedCatalogs());
                        assertTrue(estimated >= built, name + ": built " + built + ", estimated " + estimated);
                        checked++;
                    }
                }
            }
        }
        assertEquals(3 * 10, checked);
    }

    private static JsonNode variables(JsonNode function) {
        return function.at("/Properties/Environment/Variables");
    }

    private static List<JsonNode> resources(String env, String type) {
        List<JsonNode> found = new ArrayList<>();
        String prefix = Names.stackName(env, "");
        TEMPLATES.forEach((stack, template) -> {
            if (stack.startsWith(prefix)) {
                template.get("Resources").forEach(r -> {
                    if (r.get("Type").asText().equals(type)) {
                        found.add(r);
                    }
                });
            }
        });
        return found;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object.properties();
    }

    private static int size(JsonNode template, String section) {
        return template.has(section) ? template.get(section).size() : 0;
    }

    /** Keeps the mix honest: the generated config has every path. */
    @Test
    void generatedConfig_hasEveryPathAndFederation() {
        PlatformConfig prod = CONFIGS.get("prod");
        for (Ingestion path : Ingestion.values()) {
            assertTrue(prod.sources().stream().mapToInt(s -> s.tablesUsing(path).size()).sum() >= 300, path.id());
        }
        assertTrue(prod.sources().stream().filter(s -> s.federation() != null).count() >= 10);
        assertTrue(TableMappings.of(prod.sources().get(1)).toJson().length() > 0);
    }
}
