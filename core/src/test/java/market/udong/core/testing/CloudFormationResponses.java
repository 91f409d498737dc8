package market.udong.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the pre-signed {@code ResponseURL} of CloudFormation custom-resource requests: an
 * HTTP server on 127.0.0.1 that keeps every response document PUT to it. Stopped by {@link #close()}.
 */
public final class CloudFormationResponses implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> responses = new CopyOnWriteArrayList<>();

    public CloudFormationResponses() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/response", exchange -> {
            if (!"PUT".equals(exchange.getRequestMethod()) || exchange.getRequestHeaders().containsKey("Content-Type")
                    && !exchange.getRequestHeaders().getFirst("Content-Type").isEmpty()) {
                // The pre-signed URL signs no content type: S3 would refuse one.
                exchange.sendResponseHeaders(403, -1);
            } else {
                responses.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    /** The URL to put in a request's {@code ResponseURL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response";
    }

    /** Every response received, in order. */
    public List<JsonNode> responses() {
        return List.copyOf(responses);
    }

    /** The one response received; fails when there is not exactly one. */
    public JsonNode only() {
        if (responses.size() != 1) {
            throw new AssertionError("expected one CloudFormation response, got " + responses);
        }
        return responses.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
