package market.udong.infra.constructs.common;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Props of {@link JavaFunction}.
 *
 * @param description          what the function does
 * @param code                 the function's shaded jar ({@link LambdaArtifacts#lambda})
 * @param handler              {@code <class>::handleRequest}
 * @param memoryMb             memory, 128 to 10240
 * @param timeout              at most 15 minutes
 * @param environment          environment variables, keys from core's {@code LambdaEnv}; together at most 4 KB
 * @param reservedConcurrency  concurrent executions reserved (and capped) for the function, at least 1
 * @param vpc                  VPC whose private (egress) subnets the function runs in
 * @param logKey               KMS key of the function's log group (the logs service must be allowed to use it)
 * @param logRetentionDays     CloudWatch Logs retention, a value the service accepts
 * @param removalPolicy        of the log group: RETAIN in environments that keep their data
 * @param deadLetterQueue      where asynchronous invocations go after their last retry; null for none
 */
public record JavaFunctionProps(String description, Code code, String handler, int memoryMb, Duration timeout,
                                Map<String, String> environment, int reservedConcurrency, IVpc vpc, IKey logKey,
                                int logRetentionDays, RemovalPolicy removalPolicy, IQueue deadLetterQueue) {

    /** Lambda refuses a function whose environment variables total more than 4 KB. */
    public static final int MAX_ENVIRONMENT_BYTES = 4096;

    public JavaFunctionProps {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(code, "code");
        if (handler == null || !handler.contains("::")) {
            throw new IllegalArgumentException("handler must be '<class>::<method>', got '" + handler + "'");
        }
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("Lambda memory is 128 to 10240 MB, got " + memoryMb);
        }
        Objects.requireNonNull(timeout, "timeout");
        double seconds = timeout.toSeconds().doubleValue();
        if (seconds < 1 || seconds > 900) {
            throw new IllegalArgumentException("Lambda timeout is 1 s to 15 min, got " + seconds + " s");
        }
        environment = Map.copyOf(environment);
        int bytes = environment.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length())
                .sum();
        // Tokens count at their placeholder length here; resolved ARNs and names are of the same order.
        if (bytes > MAX_ENVIRONMENT_BYTES) {
            throw new IllegalArgumentException("the environment variables total " + bytes + " bytes; Lambda allows "
                    + MAX_ENVIRONMENT_BYTES);
        }
        if (reservedConcurrency < 1) {
            throw new IllegalArgumentException("reserve at least one concurrent execution, got " + reservedConcurrency);
        }
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(logKey, "logKey");
        LogRetention.of(logRetentionDays);
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
