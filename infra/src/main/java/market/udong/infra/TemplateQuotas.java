package market.udong.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import market.udong.core.quotas.QuotaChecks;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The last word on CloudFormation's per-template quotas, after synthesis: config validation
 * refuses configs whose estimated stacks would not fit, and this checks the templates really
 * written, so an estimate that fell short fails {@code cdk synth} with the stack and the quota
 * rather than a deploy halfway through.
 */
public final class TemplateQuotas {
    private TemplateQuotas() {
    }

    /** CloudFormation: outputs and parameters per template. */
    static final int OUTPUTS = 200;
    static final int PARAMETERS = 200;

    /** One line per template past a quota; empty when every template fits. */
    public static List<String> exceeded(CloudAssembly assembly) {
        List<String> problems = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            Path file = Path.of(stack.getTemplateFullPath());
            try {
                JsonNode template = json.readTree(file.toFile());
                long bytes = Files.size(file);
                int resources = count(template, "Resources");
                if (resources > QuotaChecks.STACK_RESOURCES) {
                    problems.add(stack.getStackName() + " has " + resources + " resources; CloudFormation allows "
                            + QuotaChecks.STACK_RESOURCES);
                }
                if (bytes > QuotaChecks.TEMPLATE_BYTES) {
                    problems.add(String.format(Locale.ROOT, "%s's template is %,d bytes; CloudFormation allows %,d",
                            stack.getStackName(), bytes, QuotaChecks.TEMPLATE_BYTES));
                }
                if (count(template, "Outputs") > OUTPUTS) {
                    problems.add(stack.getStackName() + " has " + count(template, "Outputs") + " outputs; CloudFormation allows " + OUTPUTS);
                }
                if (count(template, "Parameters") > PARAMETERS) {
                    problems.add(stack.getStackName() + " has " + count(template, "Parameters")
                            + " parameters; CloudFormation allows " + PARAMETERS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the template of " + stack.getStackName(), e);
            }
        }
        return problems;
    }

    private static int count(JsonNode template, String section) {
        return template.has(section) ? template.get(section).size() : 0;
    }
}
