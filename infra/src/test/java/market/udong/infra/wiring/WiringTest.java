package market.udong.infra.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import market.udong.infra.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.CfnAlias;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.CfnVersion;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/**
 * Wiring no validator sees, over every template of every environment: producers may use the keys
 * of the queues and topics they send to; settings of one qualifier are on the invoked one; every
 * import has its export, deployed first; names and descriptions follow their services' rules. Each
 * check is also shown to catch the defect it is for, on a stack built to have it.
 */
class WiringTest {

    private static Wiring of(String env) {
        return new Wiring(new Templates(TestApps.stacks(env).all()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyProducer_mayUseTheKeyOfWhatItSendsTo(String env) {
        assertEquals(List.of(), of(env).producersMayUseTheirDestinationsKeys());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void invokeConfigurationsAndPermissions_areOnTheInvokedQualifier(String env) {
        Wiring wiring = of(env);
        assertEquals(List.of(), wiring.qualifiedSettingsTargetTheInvokedQualifier());
        // The check has something to check: SnapStart functions invoked through their alias.
        assertTrue(wiring.invokedQualifiers().values().stream().anyMatch(q -> q.contains("live")),
                wiring.invokedQualifiers().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyImport_hasItsExport_inAStackDeployedFirst(String env) {
        assertEquals(List.of(), of(env).importsHaveExportsDeployedFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyNameAndDescription_followsItsServicesRules(String env) {
        assertEquals(List.of(), of(env).namesFollowTheirServicesRules());
    }

    // ---- each check catches its defect ----

    @Test
    void aDeadLetterQueueWhoseKeyTheRoleMayNotUse_isFound() {
        // GIVEN a function whose dead-letter queue is encrypted with a key its role is not granted
        App app = new App();
        Stack stack = new Stack(app, "S");
        Queue queue = Queue.Builder.create(stack, "Dlq").encryption(QueueEncryption.KMS)
                .encryptionMasterKey(new Key(stack, "Key")).build();
        Role role = Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn())).build());
        function(stack, role).setDeadLetterConfig(CfnFunction.DeadLetterConfigProperty.builder()
                .targetArn(queue.getQueueArn()).build());

        // WHEN / THEN
        List<String> problems = new Wiring(new Templates(List.of(stack))).producersMayUseTheirDestinationsKeys();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("may not kms:GenerateDataKey with key S/Key"), problems.get(0));
    }

    @Test
    void anInvokeConfigurationOnLatest_ofAFunctionInvokedThroughItsAlias_isFound() {
        // GIVEN a rule invoking alias live, and retries configured on $LATEST
        App app = new App();
        Stack stack = new Stack(app, "S");
        Role role = Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        CfnFunction function = function(stack, role);
        CfnVersion version = CfnVersion.Builder.create(stack, "Version").functionName(function.getRef()).build();
        CfnAlias alias = CfnAlias.Builder.create(stack, "Alias").functionName(function.getRef())
                .functionVersion(version.getAttrVersion()).name("live").build();
        CfnRule.Builder.create(stack, "Rule").scheduleExpression("rate(1 hour)")
                .targets(List.of(CfnRule.TargetProperty.builder().id("f").arn(alias.getRef()).build())).build();
        CfnEventInvokeConfig.Builder.create(stack, "Retries").functionName(function.getRef()).qualifier("$LATEST")
                .maximumRetryAttempts(2).build();

        // WHEN / THEN
        List<String> problems = new Wiring(new Templates(List.of(stack))).qualifiedSettingsTargetTheInvokedQualifier();
        assertEquals(List.of("S/Retries: invoke configuration on S/Function:$LATEST, which is invoked as [live]"), problems);
    }

    @Test
    void anImportNoStackExports_andAnEc2DescriptionWithAnApostrophe_areFound() {
        App app = new App();
        Stack stack = new Stack(app, "S");
        Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(Fn.importValue("Nobody-Exports-This")).build();
        SecurityGroup.Builder.create(stack, "Group").vpc(Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build())
                .description("the replicas' consumers").build();

        Wiring wiring = new Wiring(new Templates(List.of(stack)));
        assertEquals(List.of("S imports Nobody-Exports-This, which no stack exports"), wiring.importsHaveExportsDeployedFirst());
        List<String> names = wiring.namesFollowTheirServicesRules();
        assertEquals(1, names.size(), names.toString());
        assertTrue(names.get(0).startsWith("S/Group") && names.get(0).contains("/GroupDescription"), names.get(0));
    }

    private static CfnFunction function(Stack stack, Role role) {
        return CfnFunction.Builder.create(stack, "Function")
                .role(role.getRoleArn())
                .runtime("java21")
                .handler("x.Handler::handleRequest")
                .code(CfnFunction.CodeProperty.builder().s3Bucket("b").s3Key("k").build())
                .build();
    }
}
