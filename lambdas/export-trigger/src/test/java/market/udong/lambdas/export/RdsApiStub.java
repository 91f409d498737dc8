package market.udong.lambdas.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for the RDS control-plane API (which has no local server), bound to 127.0.0.1 on a
 * free port. It speaks the AWS Query protocol the SDK uses: form-encoded POSTs in, XML out, faults
 * as {@code <ErrorResponse>} with RDS's error codes. It keeps snapshots and export tasks like RDS
 * does (an identifier is taken once), records every request's parameters for the test to check,
 * and applies RDS's rules that the function must respect (automated snapshots are only found by
 * identifier together with {@code SnapshotType=automated}; export identifiers follow RDS's naming
 * rules; required parameters).
 */
final class RdsApiStub implements AutoCloseable {

    private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final Pattern EXPORT_ID = Pattern.compile("[A-Za-z](?:-?[A-Za-z0-9])*");

    /** One request: its action and its decoded parameters. */
    record Call(String action, Map<String, String> params) {
        String param(String name) {
            return params.get(name);
        }

        /** The members of a list parameter ({@code Name.member.1}, {@code Name.member.2}, ...). */
        List<String> list(String name) {
            List<String> members = new ArrayList<>();
            for (int i = 1; params.containsKey(name + ".member." + i); i++) {
                members.add(params.get(name + ".member." + i));
            }
            return members;
        }
    }

    /** A snapshot the stub knows; cluster snapshots carry the cluster identifier in {@code database}. */
    record Snapshot(boolean cluster, String identifier, String database, Instant created, String status, String type,
                    String engine) {
        String arn() {
            return "arn:aws:rds:ap-northeast-2:333333333333:" + (cluster ? "cluster-snapshot:" : "snapshot:") + identifier;
        }
    }

    private final HttpServer server;
    private final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
    private final Map<String, Call> exportTasks = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final Map<String, String> faultCodes = new ConcurrentHashMap<>();
    private final Map<String, Integer> faultStatuses = new ConcurrentHashMap<>();
    private volatile int pageSize = 100;

    RdsApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Snapshot addSnapshot(Snapshot snapshot) {
        snapshots.add(snapshot);
        return snapshot;
    }

    /** An export task that already exists, as if started earlier. */
    void addExportTask(String identifier, String sourceArn) {
        exportTasks.put(identifier, new Call("StartExportTask", Map.of("ExportTaskIdentifier", identifier, "SourceArn", sourceArn)));
    }

    /** Describe* responses hold at most this many items, with a Marker to the rest. */
    void pageSize(int size) {
        pageSize = size;
    }

    /** The next {@code times} calls of {@code action} fail with HTTP {@code status} and RDS error {@code code}. */
    void failNext(String action, int times, int status, String code) {
        faultsLeft.put(action, new AtomicInteger(times));
        faultStatuses.put(action, status);
        faultCodes.put(action, code);
    }

    List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    Map<String, Call> exportTasks() {
        return Collections.unmodifiableMap(exportTasks);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 403, error("Sender", "MissingAuthenticationToken", "signed POST requests only"));
                return;
            }
            Call call = new Call(params.getOrDefault("Action", ""), params);
            calls.add(call);
            AtomicInteger faults = faultsLeft.get(call.action());
            if (faults != null && faults.getAndDecrement() > 0) {
                int status = faultStatuses.get(call.action());
                respond(exchange, status, error(status >= 500 ? "Receiver" : "Sender", faultCodes.get(call.action()), "injected fault"));
                return;
            }
            if (!"2014-10-31".equals(call.param("Version"))) {
                respond(exchange, 400, error("Sender", "InvalidParameterValue", "unexpected Version " + call.param("Version")));
                return;
            }
            switch (call.action()) {
                case "DescribeDBSnapshots" -> describeSnapshots(exchange, call, false);
                case "DescribeDBClusterSnapshots" -> describeSnapshots(exchange, call, true);
                case "StartExportTask" -> startExportTask(exchange, call);
                case "DescribeExportTasks" -> describeExportTasks(exchange, call);
                default -> respond(exchange, 400, error("Sender", "InvalidAction", "unknown action " + call.action()));
            }
        }
    }

    private void describeSnapshots(HttpExchange exchange, Call call, boolean cluster) throws IOException {
        String action = cluster ? "DescribeDBClusterSnapshots" : "DescribeDBSnapshots";
        String identifier = call.param(cluster ? "DBClusterSnapshotIdentifier" : "DBSnapshotIdentifier");
        String database = call.param(cluster ? "DBClusterIdentifier" : "DBInstanceIdentifier");
        String type = call.param("SnapshotType");
        List<Snapshot> matches = snapshots.stream()
                .filter(s -> s.cluster() == cluster)
                .filter(s -> identifier == null || s.identifier().equalsIgnoreCase(identifier))
                .filter(s -> database == null || s.database().equalsIgnoreCase(database))
                // RDS finds an automated snapshot by identifier only when asked for automated ones.
                .filter(s -> type == null ? identifier == null || !"automated".equals(s.type()) : type.equals(s.type()))
                .sorted(Comparator.comparing(Snapshot::identifier))
                .toList();
        if (identifier != null && matches.isEmpty()) {
            String code = cluster ? "DBClusterSnapshotNotFoundFault" : "DBSnapshotNotFound";
            respond(exchange, 404, error("Sender", code, identifier + " not found."));
            return;
        }
        int from = call.param("Marker") == null ? 0 : Integer.parseInt(call.param("Marker"));
        int to = Math.min(matches.size(), from + pageSize);
        StringBuilder items = new StringBuilder();
        for (Snapshot s : matches.subList(from, to)) {
            items.append(cluster ? clusterSnapshotXml(s) : snapshotXml(s));
        }
        String list = cluster ? "DBClusterSnapshots" : "DBSnapshots";
        String marker = to < matches.size() ? "<Marker>" + to + "</Marker>" : "";
        respond(exchange, 200, result(action, "<" + list + ">" + items + "</" + list + ">" + marker));
    }

    private void startExportTask(HttpExchange exchange, Call call) throws IOException {
        for (String required : List.of("ExportTaskIdentifier", "SourceArn", "S3BucketName", "IamRoleArn", "KmsKeyId")) {
            if (call.param(required) == null) {
                respond(exchange, 400, error("Sender", "MissingParameter", "The request must contain the parameter " + required));
                return;
            }
        }
        String id = call.param("ExportTaskIdentifier");
        if (id.length() > 60 || !EXPORT_ID.matcher(id).matches()) {
            respond(exchange, 400, error("Sender", "InvalidParameterValue", "The parameter ExportTaskIdentifier is not a valid "
                    + "identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
                    + "and must not end with a hyphen or contain two consecutive hyphens."));
            return;
        }
        String sourceArn = call.param("SourceArn");
        boolean clusterArn = sourceArn.contains(":cluster-snapshot:");
        if (snapshots.stream().noneMatch(s -> s.arn().equals(sourceArn))) {
            respond(exchange, 404, error("Sender", clusterArn ? "DBClusterSnapshotNotFoundFault" : "DBSnapshotNotFound",
                    "Snapshot " + sourceArn + " not found."));
            return;
        }
        if (exportTasks.putIfAbsent(id, call) != null) {
            respond(exchange, 400, error("Sender", "ExportTaskAlreadyExists",
                    "Cannot start export task because a task with the identifier " + id + " already exists."));
            return;
        }
        respond(exchange, 200, result("StartExportTask", exportTaskXml(call, "STARTING")));
    }

    private void describeExportTasks(HttpExchange exchange, Call call) throws IOException {
        String id = call.param("ExportTaskIdentifier");
        Call task = id == null ? null : exportTasks.get(id);
        if (id != null && task == null) {
            respond(exchange, 404, error("Sender", "ExportTaskNotFound", "Export task " + id + " not found."));
            return;
        }
        String items = task == null ? "" : "<ExportTask>" + exportTaskXml(task, "IN_PROGRESS") + "</ExportTask>";
        respond(exchange, 200, result("DescribeExportTasks", "<ExportTasks>" + items + "</ExportTasks>"));
    }

    private static String snapshotXml(Snapshot s) {
        return "<DBSnapshot>"
                + "<DBSnapshotIdentifier>" + s.identifier() + "</DBSnapshotIdentifier>"
                + "<DBInstanceIdentifier>" + s.database() + "</DBInstanceIdentifier>"
                + "<SnapshotCreateTime>" + s.created() + "</SnapshotCreateTime>"
                + "<OriginalSnapshotCreateTime>" + s.created() + "</OriginalSnapshotCreateTime>"
                + "<Engine>" + s.engine() + "</Engine><EngineVersion>8.0.39</EngineVersion>"
                + "<AllocatedStorage>100</AllocatedStorage><Status>" + s.status() + "</Status><Port>3306</Port>"
                + "<AvailabilityZone>ap-northeast-2a</AvailabilityZone><VpcId>vpc-0a1b2c3d</VpcId>"
                + "<InstanceCreateTime>2023-01-10T02:00:00.000Z</InstanceCreateTime><MasterUsername>admin</MasterUsername>"
                + "<LicenseModel>general-public-license</LicenseModel><SnapshotType>" + s.type() + "</SnapshotType>"
                + "<PercentProgress>100</PercentProgress><StorageType>gp3</StorageType><Encrypted>true</Encrypted>"
                + "<KmsKeyId>arn:aws:kms:ap-northeast-2:333333333333:key/1111-2222</KmsKeyId>"
                + "<DBSnapshotArn>" + s.arn() + "</DBSnapshotArn>"
                + "<IAMDatabaseAuthenticationEnabled>false</IAMDatabaseAuthenticationEnabled>"
                + "<SnapshotTarget>region</SnapshotTarget><TagList/>"
                + "</DBSnapshot>";
    }

    private static String clusterSnapshotXml(Snapshot s) {
        return "<DBClusterSnapshot>"
                + "<AvailabilityZones><AvailabilityZone>ap-northeast-2a</AvailabilityZone>"
                + "<AvailabilityZone>ap-northeast-2c</AvailabilityZone></AvailabilityZones>"
                + "<DBClusterSnapshotIdentifier>" + s.identifier() + "</DBClusterSnapshotIdentifier>"
                + "<DBClusterIdentifier>" + s.database() + "</DBClusterIdentifier>"
                + "<SnapshotCreateTime>" + s.created() + "</SnapshotCreateTime>"
                + "<Engine>" + s.engine() + "</Engine><EngineMode>provisioned</EngineMode><AllocatedStorage>1</AllocatedStorage>"
                + "<Status>" + s.status() + "</Status><Port>0</Port><VpcId>vpc-0a1b2c3d</VpcId>"
                + "<ClusterCreateTime>2023-01-10T02:00:00.000Z</ClusterCreateTime><MasterUsername>admin</MasterUsername>"
                + "<EngineVersion>15.4</EngineVersion><LicenseModel>postgresql-license</LicenseModel>"
                + "<SnapshotType>" + s.type() + "</SnapshotType><PercentProgress>100</PercentProgress>"
                + "<StorageEncrypted>true</StorageEncrypted>"
                + "<KmsKeyId>arn:aws:kms:ap-northeast-2:333333333333:key/1111-2222</KmsKeyId>"
                + "<DBClusterSnapshotArn>" + s.arn() + "</DBClusterSnapshotArn>"
                + "<IAMDatabaseAuthenticationEnabled>false</IAMDatabaseAuthenticationEnabled><TagList/>"
                + "</DBClusterSnapshot>";
    }

    private static String exportTaskXml(Call task, String status) {
        StringBuilder exportOnly = new StringBuilder();
        task.list("ExportOnly").forEach(t -> exportOnly.append("<member>").append(t).append("</member>"));
        return "<ExportTaskIdentifier>" + task.param("ExportTaskIdentifier") + "</ExportTaskIdentifier>"
                + "<SourceArn>" + task.param("SourceArn") + "</SourceArn>"
                + (exportOnly.length() == 0 ? "" : "<ExportOnly>" + exportOnly + "</ExportOnly>")
                + "<SnapshotTime>2024-03-01T18:05:12.345Z</SnapshotTime>"
                + "<TaskStartTime>" + Instant.now() + "</TaskStartTime>"
                + "<S3Bucket>" + nullToEmpty(task.param("S3BucketName")) + "</S3Bucket>"
                + "<S3Prefix>" + nullToEmpty(task.param("S3Prefix")) + "</S3Prefix>"
                + "<IamRoleArn>" + nullToEmpty(task.param("IamRoleArn")) + "</IamRoleArn>"
                + "<KmsKeyId>" + nullToEmpty(task.param("KmsKeyId")) + "</KmsKeyId>"
                + "<Status>" + status + "</Status><PercentProgress>0</PercentProgress>"
                + "<TotalExtractedDataInGB>0</TotalExtractedDataInGB><SourceType>"
                + (task.param("SourceArn").contains(":cluster-snapshot:") ? "CLUSTER" : "SNAPSHOT") + "</SourceType>";
    }

    private static String result(String action, String body) {
        return "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + body + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static String error(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
