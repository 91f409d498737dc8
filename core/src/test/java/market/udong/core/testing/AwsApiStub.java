package market.udong.core.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A local HTTP stand-in for AWS control-plane APIs with no local server (Glue catalog, Secrets
 * Manager, RDS DescribeExportTasks), on 127.0.0.1 and a free port. It records every request
 * (operation and body) so tests can check what we sent, and answers with the responder
 * registered for the operation: the {@code X-Amz-Target} header's operation (JSON protocols) or
 * the {@code Action} form field (query protocol). An unregistered operation answers 400, so an
 * unexpected call fails the test.
 */
public final class AwsApiStub implements AutoCloseable {

    /** One request as received. */
    public record Call(String operation, String body) {
    }

    /** A canned answer. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public static Reply json(String body) {
            return new Reply(200, "application/x-amz-json-1.1", body, Map.of());
        }

        public static Reply jsonError(int status, String type, String message) {
            return new Reply(status, "application/x-amz-json-1.1",
                    "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", Map.of("x-amzn-ErrorType", type));
        }

        public static Reply xml(String body) {
            return new Reply(200, "text/xml", body, Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Call, Reply>> responders = new HashMap<>();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    public AwsApiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null ? target.substring(target.indexOf('.') + 1) : formField(body, "Action");
            Call call = new Call(operation, body);
            calls.add(call);
            Function<Call, Reply> responder;
            synchronized (responders) {
                responder = responders.get(operation);
            }
            Reply reply = responder == null
                    ? Reply.jsonError(400, "UnexpectedOperation", "the stub has no answer for " + operation)
                    : responder.apply(call);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-" + calls.size());
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code operation} (e.g. {@code CreatePartition}, {@code DescribeExportTasks}) with the responder. */
    public AwsApiStub on(String operation, Function<Call, Reply> responder) {
        synchronized (responders) {
            responders.put(operation, responder);
        }
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received so far for one operation, in order. */
    public List<Call> calls(String operation) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.operation().equals(operation)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A field of a form-encoded (query protocol) body. */
    public static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
