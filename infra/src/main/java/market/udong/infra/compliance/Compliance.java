package market.udong.infra.compliance;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * Runs the cdk-nag rule packs on every construct of a scope: AWS Solutions, NIST 800-53 R5,
 * HIPAA Security and PCI DSS 3.2.1. Unacknowledged findings are errors on the construct, so
 * synthesis reports them and the compliance tests fail.
 */
public final class Compliance {
    private Compliance() {
    }

    /** Adds every rule pack to {@code scope} (normally the app). */
    public static void check(IConstruct scope) {
        NagPackProps props = NagPackProps.builder().verbose(true).reports(false).build();
        Aspects.of(scope).add(new AwsSolutionsChecks(props));
        Aspects.of(scope).add(new NIST80053R5Checks(props));
        Aspects.of(scope).add(new HIPAASecurityChecks(props));
        Aspects.of(scope).add(new PCIDSS321Checks(props));
    }
}
