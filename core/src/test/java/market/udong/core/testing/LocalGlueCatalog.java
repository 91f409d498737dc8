package market.udong.core.testing;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for two control-plane APIs that have no local server: the Glue Data Catalog
 * (GetTable, CreateTable, UpdateTable, CreatePartition, BatchCreatePartition) and Secrets Manager
 * (GetSecretValue), speaking their AWS JSON 1.1 protocol on 127.0.0.1. It keeps tables and
 * partitions like the real catalog does, refuses unsigned requests and unknown operations, and
 * records every request for the test to check.
 */
public final class LocalGlueCatalog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Request(String operation, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ObjectNode> tables = new ConcurrentHashMap<>();
    private final Map<String, List<String>> partitions = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private LocalGlueCatalog(HttpServer server) {
        this.server = server;
    }

    public static LocalGlueCatalog start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalGlueCatalog catalog = new LocalGlueCatalog(server);
        server.createContext("/", catalog::handle);
        server.start();
        return catalog;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void putSecret(String id, String secretString) {
        secrets.put(id, secretString);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** The table as last created or updated ({@code TableInput}), or null. */
    public ObjectNode table(String database, String name) {
        return tables.get(database + "." + name);
    }

    /** Registered partition values of a table, in registration order. */
    public List<String> partitions(String database, String name) {
        return List.copyOf(partitions.getOrDefault(database + "." + name, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (target == null || auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
                reply(exchange, 400, error("MissingAuthenticationTokenException", "unsigned or untargeted request"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String operation = target.substring(target.indexOf('.') + 1);
            synchronized (this) {
                requests.add(new Request(operation, body));
            }
            switch (target) {
                case "AWSGlue.GetTable" -> getTable(exchange, body);
                case "AWSGlue.CreateTable" -> putTable(exchange, body, true);
                case "AWSGlue.UpdateTable" -> putTable(exchange, body, false);
                case "AWSGlue.CreatePartition" -> createPartition(exchange, body);
                case "AWSGlue.BatchCreatePartition" -> batchCreatePartition(exchange, body);
                case "AWSGlue.CreateTableOptimizer" -> createTableOptimizer(exchange, body);
                case "secretsmanager.GetSecretValue" -> getSecretValue(exchange, body);
                default -> reply(exchange, 400, error("UnknownOperationException", target));
            }
        }
    }

    /** Table optimizers by {@code db.table.type}; a second of the same type is AlreadyExists, as in Glue. */
    private final java.util.Set<String> optimizers = new java.util.HashSet<>();

    private void createTableOptimizer(HttpExchange exchange, JsonNode body) throws IOException {
        String key = body.path("DatabaseName").asText() + "." + body.path("TableName").asText() + "." + body.path("Type").asText();
        boolean added;
        synchronized (this) {
            added = optimizers.add(key);
        }
        if (!added) {
            reply(exchange, 400, error("AlreadyExistsException", "Table optimizer already exists."));
            return;
        }
        reply(exchange, 200, JSON.createObjectNode());
    }

    private void getTable(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode table = tables.get(body.path("DatabaseName").asText() + "." + body.path("Name").asText());
        if (table == null) {
            reply(exchange, 400, error("EntityNotFoundException", "Table " + body.path("Name").asText() + " not found."));
            return;
        }
        ObjectNode out = table.deepCopy();
        out.put("DatabaseName", body.path("DatabaseName").asText());
        ObjectNode response = JSON.createObjectNode();
        response.set("Table", out);
        reply(exchange, 200, response);
    }

    private void putTable(HttpExchange exchange, JsonNode body, boolean create) throws IOException {
        JsonNode input = body.path("TableInput");
        String key = body.path("DatabaseName").asText() + "." + input.path("Name").asText();
        if (create && tables.containsKey(key)) {
            reply(exchange, 400, error("AlreadyExistsException", "Table already exists."));
            return;
        }
        if (!create && !tables.containsKey(key)) {
            reply(exchange, 400, error("EntityNotFoundException", "Table not found."));
            return;
        }
        tables.put(key, (ObjectNode) input.deepCopy());
        reply(exchange, 200, JSON.createObjectNode());
    }

    private void createPartition(HttpExchange exchange, JsonNode body) throws IOException {
        String key = body.path("DatabaseName").asText() + "." + body.path("TableName").asText();
        if (answeredTableNotFound(exchange, key)) {
            return;
        }
        String value = body.path("PartitionInput").path("Values").path(0).asText();
        synchronized (this) {
            List<String> registered = partitions.computeIfAbsent(key, k -> new ArrayList<>());
            if (registered.contains(value)) {
                reply(exchange, 400, error("AlreadyExistsException", "Partition already exists."));
                return;
            }
            registered.add(value);
        }
        reply(exchange, 200, JSON.createObjectNode());
    }

    private void batchCreatePartition(HttpExchange exchange, JsonNode body) throws IOException {
        String key = body.path("DatabaseName").asText() + "." + body.path("TableName").asText();
        if (answeredTableNotFound(exchange, key)) {
            return;
        }
        List<String> registered = partitions.computeIfAbsent(key, k -> new ArrayList<>());
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode p : body.path("PartitionInputList")) {
            String value = p.path("Values").path(0).asText();
            if (registered.contains(value)) {
                ObjectNode e = errors.addObject();
                e.set("PartitionValues", p.path("Values"));
                e.putObject("ErrorDetail").put("ErrorCode", "AlreadyExistsException").put("ErrorMessage", "exists");
            } else {
                registered.add(value);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("Errors", errors);
        reply(exchange, 200, response);
    }

    /** Answers EntityNotFoundException when the partition's table does not exist. */
    private boolean answeredTableNotFound(HttpExchange exchange, String key) throws IOException {
        if (tables.containsKey(key)) {
            return false;
        }
        reply(exchange, 400, error("EntityNotFoundException", "Table not found."));
        return true;
    }

    private void getSecretValue(HttpExchange exchange, JsonNode body) throws IOException {
        String id = body.path("SecretId").asText();
        String value = secrets.get(id);
        if (value == null) {
            reply(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("ARN", id);
        response.put("Name", id);
        response.put("SecretString", value);
        reply(exchange, 200, JSON.valueToTree(response));
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("Message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
