package market.udong.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of {@link LakeKey}.
 *
 * @param alias         KMS alias without the {@code alias/} prefix, e.g. {@code udong-dev-lake}
 * @param removalPolicy RETAIN in environments that keep their data
 */
public record LakeKeyProps(String alias, RemovalPolicy removalPolicy) {
    public LakeKeyProps {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
