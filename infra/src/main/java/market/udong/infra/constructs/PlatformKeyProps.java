package market.udong.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of {@link PlatformKey}.
 *
 * @param alias         KMS alias without the {@code alias/} prefix, e.g. {@code udong-dev-replicas}
 * @param description   what the key encrypts
 * @param encryptsLogs  whether CloudWatch Logs of the stack's region may use the key for log groups
 * @param removalPolicy RETAIN in environments that keep their data
 */
public record PlatformKeyProps(String alias, String description, boolean encryptsLogs, RemovalPolicy removalPolicy) {
    public PlatformKeyProps {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
