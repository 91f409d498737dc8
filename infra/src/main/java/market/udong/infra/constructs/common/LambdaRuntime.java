package market.udong.infra.constructs.common;

import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;

/** The one Lambda runtime and architecture of the platform's Java functions (jars target Java 17). */
public final class LambdaRuntime {
    private LambdaRuntime() {
    }

    /** The newest Java runtime Lambda offers; SnapStart supports it. */
    public static final Runtime JAVA = Runtime.JAVA_25;
    /** Graviton: cheaper per GB-second, and every dependency we ship has arm64 natives or none. */
    public static final Architecture ARCHITECTURE = Architecture.ARM_64;
}
