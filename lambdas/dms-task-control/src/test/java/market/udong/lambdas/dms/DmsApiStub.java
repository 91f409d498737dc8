package market.udong.lambdas.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the DMS control-plane API (which has no local server) and for CloudFormation's
 * pre-signed response URL, on 127.0.0.1 and a free port. DMS calls are JSON 1.1 POSTs to
 * {@code /} with {@code X-Amz-Target}; it applies DMS's rules the task control must respect (a
 * task starts only from ready/stopped/failed, stops only while running, and moves through
 * transitional statuses for a few polls), records every call with its headers, and keeps the
 * response a CloudFormation custom resource PUTs to {@code /cfn-response}.
 */
final class DmsApiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String action, JsonNode body, Map<String, List<String>> headers) {
    }

    /** A task: its current status and the statuses it will pass through on the next describes. */
    static final class Task {
        final String arn;
        final String instanceArn;
        final String migrationType;
        volatile String status;
        final Deque<String> upcoming = new ArrayDeque<>();

        Task(String arn, String instanceArn, String migrationType, String status) {
            this.arn = arn;
            this.instanceArn = instanceArn;
            this.migrationType = migrationType;
            this.status = status;
        }

        /** The next describes report these statuses, one each, then the last stays. */
        Task then(String... statuses) {
            upcoming.addAll(List.of(statuses));
            return this;
        }
    }

    private final HttpServer server;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> cfnResponses = new CopyOnWriteArrayList<>();

    DmsApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String responseUrl() {
        return endpoint() + "/cfn-response?X-Amz-Signature=abc";
    }

    Task add(Task task) {
        tasks.put(task.arn, task);
        return task;
    }

    Task task(String arn) {
        return tasks.get(arn);
    }

    List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    List<JsonNode> cfnResponses() {
        return cfnResponses;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/cfn-response")) {
                if (!"PUT".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, JSON.createObjectNode());
                    return;
                }
                cfnResponses.add(JSON.readTree(body));
                reply(exchange, 200, JSON.createObjectNode());
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
            JsonNode request = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            calls.add(new Call(action, request, Map.copyOf(exchange.getRequestHeaders())));
            switch (action) {
                case "DescribeReplicationTasks" -> describe(exchange, request);
                case "StartReplicationTask" -> start(exchange, request);
                case "StopReplicationTask" -> stop(exchange, request);
                default -> fault(exchange, "InvalidParameterValueException", "unknown action " + action);
            }
        }
    }

    private void describe(HttpExchange exchange, JsonNode request) throws IOException {
        JsonNode filter = request.path("Filters").path(0);
        List<String> values = new ArrayList<>();
        filter.path("Values").forEach(v -> values.add(v.asText()));
        List<Task> matching = tasks.values().stream()
                .filter(t -> switch (filter.path("Name").asText()) {
                    case "replication-task-arn" -> values.contains(t.arn);
                    case "replication-instance-arn" -> values.contains(t.instanceArn);
                    default -> false;
                })
                .toList();
        if (matching.isEmpty()) {
            fault(exchange, "ResourceNotFoundFault", "No Tasks found matching provided filters");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("ReplicationTasks");
        for (Task t : matching) {
            if (!t.upcoming.isEmpty()) {
                t.status = t.upcoming.poll();
            }
            list.addObject().put("ReplicationTaskArn", t.arn).put("Status", t.status)
                    .put("MigrationType", t.migrationType).put("ReplicationInstanceArn", t.instanceArn);
        }
        reply(exchange, 200, response);
    }

    private void start(HttpExchange exchange, JsonNode request) throws IOException {
        Task t = tasks.get(request.path("ReplicationTaskArn").asText());
        if (t == null) {
            fault(exchange, "ResourceNotFoundFault", "task not found");
        } else if (!List.of("ready", "stopped", "failed").contains(t.status)) {
            fault(exchange, "InvalidResourceStateFault", "Replication Task cannot be started in state " + t.status);
        } else if ("start-replication".equals(request.path("StartReplicationTaskType").asText()) && !"ready".equals(t.status)) {
            fault(exchange, "InvalidParameterCombinationException", "start-replication is for a task that never ran");
        } else {
            t.status = "starting";
            t.then("running");
            reply(exchange, 200, JSON.createObjectNode().set("ReplicationTask",
                    JSON.createObjectNode().put("ReplicationTaskArn", t.arn).put("Status", "starting")));
        }
    }

    private void stop(HttpExchange exchange, JsonNode request) throws IOException {
        Task t = tasks.get(request.path("ReplicationTaskArn").asText());
        if (t == null) {
            fault(exchange, "ResourceNotFoundFault", "task not found");
        } else if (!"running".equals(t.status)) {
            fault(exchange, "InvalidResourceStateFault", "Replication Task cannot be stopped in state " + t.status);
        } else {
            t.status = "stopping";
            t.then("stopping", "stopped");
            reply(exchange, 200, JSON.createObjectNode().set("ReplicationTask",
                    JSON.createObjectNode().put("ReplicationTaskArn", t.arn).put("Status", "stopping")));
        }
    }

    private static void fault(HttpExchange exchange, String type, String message) throws IOException {
        reply(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
