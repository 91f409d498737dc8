package market.udong.lambdas.masking;

import java.util.Objects;
import market.udong.core.masking.ColumnMasks;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The environment's HMAC key from Secrets Manager, fetched on first use and then kept for the
 * life of the container (a key rotation needs new containers: publish a new version). A
 * SecretString is used as UTF-8 text ({@link ColumnMasks#fromSecretString}); a SecretBinary as bytes.
 */
public class HmacKeySource {

    private final SecretsManagerClient secrets;
    private final String secretId;
    private volatile ColumnMasks masks;

    public HmacKeySource(SecretsManagerClient secrets, String secretId) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
    }

    public ColumnMasks masks() {
        ColumnMasks m = masks;
        if (m == null) {
            synchronized (this) {
                if (masks == null) {
                    GetSecretValueResponse value = secrets.getSecretValue(b -> b.secretId(secretId));
                    masks = value.secretString() != null
                            ? ColumnMasks.fromSecretString(value.secretString())
                            : new ColumnMasks(value.secretBinary().asByteArray());
                }
                m = masks;
            }
        }
        return m;
    }
}
