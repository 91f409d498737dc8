package market.udong.infra.constructs.lake;

import java.util.Objects;
import market.udong.infra.compliance.Acknowledge;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The environment's HMAC key for the {@code hash} column policy, generated in Secrets Manager
 * (64 random characters; the secret string's UTF-8 bytes are the key). The masking Lambda and
 * the Glue jobs read it, so masked keys join across ingestion paths. It is retained with the
 * data: losing it would orphan every pseudonym already in the lake.
 */
public final class HashingKeySecret extends Construct {

    private final Secret secret;

    public HashingKeySecret(Construct scope, String id, String secretName, IKey key, RemovalPolicy removalPolicy) {
        super(scope, id);
        Objects.requireNonNull(secretName, "secretName");
        secret = Secret.Builder.create(this, "Resource")
                .secretName(secretName)
                .description("HMAC-SHA256 key of the hash column policy; changing it changes every pseudonym")
                .encryptionKey(key)
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                .removalPolicy(removalPolicy)
                .build();
        Acknowledge.awsSolutions(secret, "SMG4", "Rotating the hashing key would change every pseudonym and break "
                + "joins with data already in the lake; re-keying is a deliberate, documented migration, not a schedule.");
        Acknowledge.compliancePacks(secret, "SecretsManagerRotationEnabled", "Rotating the hashing key would change "
                + "every pseudonym and break joins with data already in the lake; re-keying is a deliberate migration.");
    }

    public Secret secret() {
        return secret;
    }
}
