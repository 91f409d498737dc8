package market.udong.lambdas.masking;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import market.udong.core.testing.LocalS3;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Records the S3 requests a client makes (an SDK execution interceptor on a client of
 * {@link LocalS3}), and can make chosen requests fail before they are sent, or run an action
 * after chosen requests succeed.
 */
final class S3Calls implements ExecutionInterceptor {

    /** One request: its operation (request class without "Request") and the request itself. */
    record Call(String operation, SdkRequest request) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Predicate<SdkRequest>> failures = new CopyOnWriteArrayList<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();

    private record Hook(java.util.function.Predicate<SdkRequest> when, Consumer<SdkRequest> action) {
    }

    /** A client of {@code s3} whose requests this records. */
    S3Client client(LocalS3 s3) {
        return s3.configure(S3Client.builder()).overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }

    /** Requests matching {@code when} fail with an SdkClientException, as a broken connection would. */
    S3Calls failWhen(java.util.function.Predicate<SdkRequest> when) {
        failures.add(when);
        return this;
    }

    /** Runs {@code action} once, after the first request matching {@code when} succeeds. */
    S3Calls once(java.util.function.Predicate<SdkRequest> when, Consumer<SdkRequest> action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        hooks.add(new Hook(r -> !done.get() && when.test(r), r -> {
            if (done.compareAndSet(false, true)) {
                action.accept(r);
            }
        }));
        return this;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        calls.add(new Call(request.getClass().getSimpleName().replace("Request", ""), request));
        for (var f : failures) {
            if (f.test(request)) {
                throw SdkClientException.create("injected failure of " + request.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        for (Hook h : hooks) {
            if (h.when().test(context.request())) {
                h.action().accept(context.request());
            }
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    long count(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** Ranges of the GetObject requests, in order ({@code bytes=-65536}, {@code bytes=a-b}). */
    List<String> getRanges() {
        return calls.stream().filter(c -> c.request() instanceof GetObjectRequest)
                .map(c -> ((GetObjectRequest) c.request()).range()).toList();
    }

    void clear() {
        calls.clear();
    }
}
