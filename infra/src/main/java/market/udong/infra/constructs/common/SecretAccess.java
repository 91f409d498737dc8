package market.udong.infra.constructs.common;

import java.util.List;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * Read access to a secret of another stack, written only into the reader's own policy.
 * {@code ISecret.grantRead} also edits the secret key's policy, which would make the stack that
 * owns the secret depend on the reader's stack (a cycle when the reader already depends on it).
 * The account-trusting key policies CDK writes make the identity policy sufficient.
 */
public final class SecretAccess {
    private SecretAccess() {
    }

    /** Lets {@code reader} read {@code secret}, decrypting through Secrets Manager with {@code key}. */
    public static void grantRead(IGrantable reader, ISecret secret, IKey key) {
        reader.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                .resources(List.of(secret.getSecretArn()))
                .build());
        if (key != null) {
            reader.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of(key.getKeyArn()))
                    .conditions(java.util.Map.of("StringEquals", java.util.Map.of(
                            "kms:ViaService", "secretsmanager." + software.amazon.awscdk.Stack.of(secret).getRegion() + ".amazonaws.com")))
                    .build());
        }
    }
}
