package market.udong.infra.constructs.common;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link JavaFunction}; build with {@link #builder()}.
 *
 * @param description         what the function does; also names its security group, so only the characters EC2
 *                            accepts in a description ({@value #EC2_DESCRIPTION_CHARACTERS})
 * @param code                the function's jar ({@link LambdaArtifacts#lambda})
 * @param handler             {@code <class>::handleRequest}
 * @param memoryMb            memory, 128 to 10240
 * @param timeout             1 s to 15 minutes
 * @param environment         environment variables, keys from core's {@code LambdaEnv}; together at most 4 KB and
 *                            never growing with tables (per-table settings live in the deployed source configs)
 * @param reservedConcurrency concurrent executions reserved (and capped) for the function, at least 1
 * @param vpc                 VPC whose private (egress) subnets the function runs in
 * @param defaults            the stack's log key, log retention, removal policy and alarm topic
 * @param invocation          how the function is invoked, which decides where its failures go
 * @param snapStart           SnapStart on published versions; the function is then invoked through alias
 *                            {@value JavaFunction#LIVE_ALIAS} ({@link JavaFunction#invoked()}). Default false
 * @param tracing             X-Ray active tracing. Default false
 */
public record JavaFunctionProps(String description, Code code, String handler, int memoryMb, Duration timeout,
                                Map<String, String> environment, int reservedConcurrency, IVpc vpc,
                                EnvironmentDefaults defaults, Invocation invocation, boolean snapStart, boolean tracing) {

    /** Lambda refuses a function whose environment variables total more than 4 KB. */
    public static final int MAX_ENVIRONMENT_BYTES = 4096;
    /** What EC2 accepts in a security group description (EC2 API reference, CreateSecurityGroup). */
    public static final String EC2_DESCRIPTION_CHARACTERS = "a-z A-Z 0-9 space . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *";
    private static final Pattern EC2_DESCRIPTION = Pattern.compile("^[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*$");

    public JavaFunctionProps {
        Objects.requireNonNull(description, "description");
        if (!EC2_DESCRIPTION.matcher(description).matches()) {
            throw new IllegalArgumentException("the description names the function's security group, and EC2 accepts only "
                    + EC2_DESCRIPTION_CHARACTERS + " there: '" + description + "'");
        }
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
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        int bytes = environment.entrySet().stream()
                .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length)
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
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(invocation, "invocation");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JavaFunctionProps}; environment, SnapStart and tracing are optional. */
    public static final class Builder {
        private String description;
        private Code code;
        private String handler;
        private int memoryMb;
        private Duration timeout;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int reservedConcurrency;
        private IVpc vpc;
        private EnvironmentDefaults defaults;
        private Invocation invocation;
        private boolean snapStart;
        private boolean tracing;

        private Builder() {
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Adds environment variables, in order. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder reservedConcurrency(int reservedConcurrency) {
            this.reservedConcurrency = reservedConcurrency;
            return this;
        }

        public Builder vpc(IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder defaults(EnvironmentDefaults defaults) {
            this.defaults = defaults;
            return this;
        }

        public Builder invocation(Invocation invocation) {
            this.invocation = invocation;
            return this;
        }

        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        public JavaFunctionProps build() {
            return new JavaFunctionProps(description, code, handler, memoryMb, timeout, environment, reservedConcurrency,
                    vpc, defaults, invocation, snapStart, tracing);
        }
    }
}
