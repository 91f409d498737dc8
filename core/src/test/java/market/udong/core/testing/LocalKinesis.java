package market.udong.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis Data Streams on 127.0.0.1: npm {@code kinesalite} (in memory) started through
 * {@code bin/lib/local-kinesis.js}, which binds loopback only. Needs {@code npm ci} at the
 * repository root. Streams become ACTIVE at once.
 *
 * <p>Setting up the SDK: starting this sets the system property {@code aws.cborEnabled=false}
 * because kinesalite speaks JSON only; {@link #client()} returns a ready sync client.
 * An async (Netty) client must also use {@code Protocol.HTTP1_1} over plain http.
 */
public final class LocalKinesis implements AutoCloseable {

    /** Region the local clients claim; kinesalite ignores it but stream ARNs carry it. */
    public static final Region REGION = Region.US_EAST_1;

    private final Process process;
    private final int port;

    private LocalKinesis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts kinesalite on a free loopback port and waits until it listens (about 0.3 s). */
    public static LocalKinesis start() {
        System.setProperty("aws.cborEnabled", "false");
        RepoRoot.nodeModule("kinesalite");
        ProcessBuilder builder = new ProcessBuilder("node",
                RepoRoot.find().resolve("bin/lib/local-kinesis.js").toString(), "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = ready.get(30, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("listening 127.0.0.1:")) {
                throw new IllegalStateException("kinesalite did not start: " + line);
            }
            return new LocalKinesis(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("kinesalite did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A new sync client for this server (url-connection HTTP client, dummy credentials); the caller closes it. */
    public KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a stream with {@code shards} shards and waits until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) {
        try (KinesisClient kinesis = client()) {
            kinesis.createStream(b -> b.streamName(name).shardCount(shards));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                var description = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
                if (description.streamStatus() == StreamStatus.ACTIVE) {
                    return description.streamARN();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stream " + name + " is still " + description.streamStatus());
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server; its streams are gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
