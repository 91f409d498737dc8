package market.udong.infra.constructs.common;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A customer-managed KMS key with yearly rotation (the lake's, the streams'). Access is granted
 * through the key's {@code grant*} methods to the roles that need it; no one but an AWS service
 * acting for a principal may create a grant on it ({@link #denyGrantsNotForAwsServices}).
 */
public final class EncryptionKey extends Construct {

    private final Key key;

    public EncryptionKey(Construct scope, String id, EncryptionKeyProps props) {
        super(scope, id);
        key = Key.Builder.create(this, "Resource")
                .alias("alias/" + props.alias())
                .description(props.description())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(props.removalPolicy())
                .build();
        denyGrantsNotForAwsServices(key);
    }

    /**
     * Denies {@code kms:CreateGrant} unless an AWS service creates the grant for a resource of
     * its own (RDS for a snapshot export, Lambda, DMS, Secrets Manager), so a grant cannot hand the
     * key to a principal its policies never named (Control Tower CT.KMS.PR.3).
     */
    public static void denyGrantsNotForAwsServices(Key key) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyCreateGrantUnlessForAwsService")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:CreateGrant"))
                .resources(List.of("*"))
                .conditions(Map.of("BoolIfExists", Map.of("kms:GrantIsForAWSResource", "false",
                        "aws:PrincipalIsAWSService", "false")))
                .build());
    }

    public Key key() {
        return key;
    }
}
