package market.udong.infra.compliance;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
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

    /** A rule of the AWS Solutions pack (e.g. {@code S1}). */
    public static void awsSolutions(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression("AwsSolutions-" + rule, reason, null)), true);
    }

    /** A rule of the AWS Solutions pack, only for the listed finding ids (e.g. {@code Policy::arn:...}). */
    public static void awsSolutions(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(suppression("AwsSolutions-" + rule, reason, appliesTo)), true);
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
     * How cdk-nag names an attribute of a resource in a finding id, e.g. {@code <ExportsZone8EF8C527.Arn>}
     * for a bucket's ARN, also when the resource is in another stack.
     */
    public static String attributeRef(IConstruct construct, String attribute) {
        software.amazon.awscdk.CfnElement element = (software.amazon.awscdk.CfnElement) construct.getNode().getDefaultChild();
        return "<" + software.amazon.awscdk.Stack.of(construct).getLogicalId(element) + "." + attribute + ">";
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

    private static NagPackSuppression suppression(String id, String reason, List<String> appliesTo) {
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
