package market.udong.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;

class TemplateQuotasTest {

    @TempDir
    Path dir;

    @Test
    void aTemplatePastResourcesPerStack_isNamed() {
        // GIVEN one stack of 501 resources and one of 500
        App app = App.Builder.create().outdir(dir.toString()).build();
        FeatureFlags.apply(app);
        Stack big = new Stack(app, "Big");
        Stack fits = new Stack(app, "Fits");
        for (int i = 0; i < 501; i++) {
            new CfnWaitConditionHandle(big, "H" + i);
            if (i < 500) {
                new CfnWaitConditionHandle(fits, "H" + i);
            }
        }
        // WHEN the assembly is checked
        List<String> problems = TemplateQuotas.exceeded(app.synth());
        // THEN only the big stack, with its count and the quota
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Big has 501 resources; CloudFormation allows 500"), problems.get(0));
    }

    @Test
    void theSampleConfigsTemplates_allFit() {
        App app = App.Builder.create().outdir(dir.toString()).build();
        UdongApp.build(app, TestApps.CONFIG, List.of("dev"));
        assertTrue(TemplateQuotas.exceeded(app.synth()).isEmpty());
    }
}
