package market.udong.infra.constructs.common;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A customer-managed KMS key with yearly rotation (the lake's, the streams'). Access is granted
 * through the key's {@code grant*} methods to the roles that need it.
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
    }

    public Key key() {
        return key;
    }
}
