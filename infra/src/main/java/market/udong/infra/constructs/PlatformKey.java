package market.udong.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A customer-managed KMS key with yearly rotation for one area of the platform (database storage,
 * Performance Insights, secrets, log groups). CloudWatch Logs may use it where the props say so;
 * everyone else is granted through the key's {@code grant*} methods.
 */
public final class PlatformKey extends Construct {

    private final Key key;

    public PlatformKey(Construct scope, String id, PlatformKeyProps props) {
        super(scope, id);
        key = Key.Builder.create(this, "Resource")
                .alias("alias/" + props.alias())
                .description(props.description())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(props.removalPolicy())
                .build();
        if (props.encryptsLogs()) {
            key.grantEncryptDecrypt(new ServicePrincipal("logs." + Stack.of(this).getRegion() + ".amazonaws.com"));
        }
    }

    public Key key() {
        return key;
    }
}
