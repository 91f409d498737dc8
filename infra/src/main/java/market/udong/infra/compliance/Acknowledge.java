package market.udong.infra.compliance;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.constructs.IConstruct;

/**
 * Acknowledges cdk-nag findings on one construct (and its children), each with the reason the
 * finding does not apply or is accepted. Acknowledgements live next to the construct they
 * concern so a reviewer sees the reason where the resource is built.
 */
public final class Acknowledge {
    private Acknowledge() {
    }

    /**
     * The id of a CloudFormation validation rule as the CDK reports it, e.g. {@code
     * CloudFormation-Validate::E9006}. The CDK applies an acknowledgement to every finding of the rule
     * in the app, wherever it is recorded; {@code CloudFormationValidationTest} checks that every
     * finding suppressed so is one the acknowledgement was written for.
     */
    public static String cloudFormationRuleId(String rule) {
        return "CloudFormation-Validate::" + rule;
    }

    /** Acknowledges CloudFormation validation rule {@code rule} (e.g. {@code E9006}) on {@code construct}. */
    public static void cloudFormationRule(IConstruct construct, String rule, String reason) {
        software.amazon.awscdk.Validations.of(construct).acknowledge(software.amazon.awscdk.Acknowledgment.builder()
                .id(cloudFormationRuleId(rule)).reason(reason).build());
    }

    /** The three compliance packs that share rule names (NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1). */
    private static final List<String> SHARED_PACK_PREFIXES = List.of("NIST.800.53.R5-", "HIPAA.Security-", "PCI.DSS.321-");

    /** A rule of the NIST, HIPAA and PCI packs, by its shared name (e.g. {@code S3BucketReplicationEnabled}). */
    public static void compliancePacks(IConstruct construct, String rule, String reason) {
        List<NagPackSuppression> suppressions = new ArrayList<>();
        for (String prefix : SHARED_PACK_PREFIXES) {
            suppressions.add(suppression(prefix + rule, reason, null));
        }
        NagSuppressions.addResourceSuppressions(construct, suppressions, true);
    }

    /** A rule of the NIST, HIPAA and PCI packs for every resource of a stack, present and future. */
    public static void compliancePacksInStack(software.amazon.awscdk.Stack stack, String rule, String reason) {
        List<NagPackSuppression> suppressions = new ArrayList<>();
        for (String prefix : SHARED_PACK_PREFIXES) {
            suppressions.add(suppression(prefix + rule, reason, null));
        }
        NagSuppressions.addStackSuppressions(stack, suppressions, true);
    }

    /**
     * A rule of the AWS Solutions pack for every resource of a stack, present and future, only for the
     * listed finding ids: one acknowledgement in the stack's metadata instead of one per resource.
     */
    public static void awsSolutionsInStack(Stack stack, String rule, String reason, List<?> appliesTo) {
        NagSuppressions.addStackSuppressions(stack, List.of(suppression("AwsSolutions-" + rule, reason, appliesTo)), true);
    }

    /** A rule of the AWS Solutions pack (e.g. {@code S1}). */
    public static void awsSolutions(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression("AwsSolutions-" + rule, reason, null)), true);
    }

    /**
     * A rule of the AWS Solutions pack, only for the listed finding ids: strings (e.g. {@code Policy::arn:...})
     * or patterns from {@link #attributeResource}.
     */
    public static void awsSolutions(IConstruct construct, String rule, String reason, List<?> appliesTo) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(suppression("AwsSolutions-" + rule, reason, appliesTo)), true);
    }

    /**
     * A rule of the AWS Solutions pack for findings matching regular expressions (cdk-nag's
     * {@code /regex/} form), e.g. the wildcard actions of CDK grant methods.
     */
    public static void awsSolutionsMatching(IConstruct construct, String rule, String reason, List<String> regexes) {
        List<Object> appliesTo = new ArrayList<>();
        for (String regex : regexes) {
            appliesTo.add(io.github.cdklabs.cdknag.RegexAppliesTo.builder().regex("/" + regex + "/").build());
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-" + rule).reason(reason).appliesTo(appliesTo).build()), true);
    }

    /** Any rule ids, for findings on resources that a CDK library creates at a fixed path in a stack. */
    public static void byPath(software.amazon.awscdk.Stack stack, String path, String reason, String... ruleIds) {
        List<NagPackSuppression> suppressions = new ArrayList<>();
        for (String id : ruleIds) {
            suppressions.add(suppression(id, reason, null));
        }
        NagSuppressions.addResourceSuppressionsByPath(stack, path, suppressions, true);
    }

    /**
     * The finding id {@code Resource::<attribute of construct><suffix>}, e.g. a bucket's ARN followed by
     * {@code /*}. cdk-nag names an attribute of a resource in another stack either by the resource
     * ({@code <ExportsZone8EF8C527.Arn>}) or by the stack export that carries it
     * ({@code Udong-Prod-Lake:ExportsOutputFnGetAttExportsZone8EF8C527Arn7D2C55BD}), depending on
     * whether the reference was resolved when the rule ran, so the pattern accepts both.
     */
    public static RegexAppliesTo attributeResource(IConstruct construct, String attribute, String suffix) {
        CfnElement element = (CfnElement) construct.getNode().getDefaultChild();
        String id = Stack.of(construct).getLogicalId(element);
        String reference = "(<" + id + "\\." + attribute + ">|[A-Za-z0-9-]+:ExportsOutputFnGetAtt" + id + attribute + "[0-9A-F]+)";
        return RegexAppliesTo.builder().regex("/^Resource::" + reference + escape(suffix) + "$/g").build();
    }

    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * The inline-policy rule of the NIST, HIPAA and PCI packs on a role whose statements come from the
     * grant methods (STYLE.md rule 5): they are scoped to the role's own resources and live and die
     * with it, so a managed policy would add a resource without adding reuse.
     */
    public static void grantedInlinePolicy(IConstruct role) {
        compliancePacks(role, "IAMNoInlinePolicy", "This role's statements are written by CDK grant methods and "
                + "scoped to the resources of the one construct that owns the role; they are created, changed and "
                + "deleted with it, so a separate managed policy would add a resource without reuse or versioning benefit.");
    }

    private static NagPackSuppression suppression(String id, String reason, List<?> appliesTo) {
        Objects.requireNonNull(reason, "reason");
        if (reason.length() < 20) {
            throw new IllegalArgumentException("an acknowledgement needs a real reason, got '" + reason + "'");
        }
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo != null) {
            b.appliesTo(List.copyOf(appliesTo));
        }
        return b.build();
    }
}
