package market.udong.infra.constructs.common;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of {@link EncryptionKey}.
 *
 * @param alias         KMS alias without the {@code alias/} prefix, e.g. {@code udong-dev-lake}
 * @param description   what the key encrypts
 * @param removalPolicy RETAIN in environments that keep their data
 */
public record EncryptionKeyProps(String alias, String description, RemovalPolicy removalPolicy) {
    public EncryptionKeyProps {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
