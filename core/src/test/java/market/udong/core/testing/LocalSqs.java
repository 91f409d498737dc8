package market.udong.core.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon SQS on 127.0.0.1: ElasticMQ (in memory) inside the test JVM, on a free port. It
 * speaks the JSON protocol that SDK v2 uses. Queues are created with {@link #createQueue}.
 */
public final class LocalSqs implements AutoCloseable {

    /** Region the local clients claim. */
    public static final Region REGION = Region.US_EAST_1;

    private final SQSRestServer server;
    private final int port;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts ElasticMQ on a free loopback port. */
    public static LocalSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new LocalSqs(server, port);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A new sync client for this server (url-connection HTTP client, dummy credentials); the caller closes it. */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a standard queue and returns its URL. */
    public String createQueue(String name) {
        try (SqsClient sqs = client()) {
            return sqs.createQueue(b -> b.queueName(name)).queueUrl();
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stopAndWait();
    }
}
