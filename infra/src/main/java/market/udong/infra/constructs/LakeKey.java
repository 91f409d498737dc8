package market.udong.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS key that encrypts every lake bucket, with yearly rotation. Access is
 * granted through the key's {@code grant*} methods to the roles that need it.
 */
public final class LakeKey extends Construct {

    private final Key key;

    public LakeKey(Construct scope, String id, LakeKeyProps props) {
        super(scope, id);
        key = Key.Builder.create(this, "Resource")
                .alias("alias/" + props.alias())
                .description("Encrypts the Udong data lake (" + props.alias() + ")")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(props.removalPolicy())
                .build();
    }

    public Key key() {
        return key;
    }
}
