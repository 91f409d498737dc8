package market.udong.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) inside the test JVM, the
 * local stand-in for MSK. Both listeners bind 127.0.0.1 on ports chosen when started; the
 * ports and the data directory survive {@link #stop()} so {@link #restart()} brings the same
 * broker back at the same address (for fault tests). Replication factors are 1.
 * Auto topic creation is off, as on MSK by default: create topics with {@link #createTopic}.
 *
 * <p>{@code KafkaClusterTestKit} is not used because it binds every interface.
 *
 * <pre>
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("client.app-events", 3, Map.of());
 *     ... kafka.bootstrapServers() ...
 * }
 * </pre>
 */
public final class LocalKafka implements AutoCloseable {

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private LocalKafka(Path dataDir, int brokerPort, KafkaConfig config) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.config = config;
    }

    /** Formats a fresh data directory and starts a broker with default settings. */
    public static LocalKafka start() {
        return start(Map.of());
    }

    /**
     * Formats a fresh data directory and starts a broker.
     *
     * @param overrides broker properties that replace the defaults (e.g. {@code message.max.bytes})
     */
    public static LocalKafka start(Map<String, String> overrides) {
        try {
            Path dataDir = Files.createTempDirectory("udong-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Map<String, String> props = KraftProperties.singleNode(brokerPort, controllerPort, dataDir.resolve("log"));
            props.put("num.partitions", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            // Quicker hand-over after a restart; the defaults are tuned for real clusters.
            props.put("controller.quorum.election.timeout.ms", "500");
            props.put("controller.quorum.fetch.timeout.ms", "1000");
            props.put("broker.heartbeat.interval.ms", "200");
            props.put("broker.session.timeout.ms", "3000");
            props.putAll(overrides);
            Properties properties = new Properties();
            properties.putAll(props);
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            format(config);
            LocalKafka kafka = new LocalKafka(dataDir, brokerPort, config);
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>} of the broker listener (PLAINTEXT). */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /**
     * Creates a topic and waits until every partition has a leader: a producer that starts
     * before that gets NOT_LEADER_OR_FOLLOWER, which can upset idempotent sequence numbers.
     */
    public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(topicConfig)))
                    .all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!allLed(admin, name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    private static boolean allLed(Admin admin, String topic) throws InterruptedException {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            if (!partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return false;
            }
            // Metadata can name a leader before its replica serves requests; ListOffsets is answered
            // by the serving leader only.
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            admin.listOffsets(latest).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("cannot describe topic " + topic, e);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Stops the broker, keeping its data and ports for {@link #restart()}. Does nothing if stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the stopped broker again on the same ports with the same data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Whether the broker is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        deleteRecursively(dataDir);
    }

    private synchronized void startServer() {
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        started.startup();
        server = started;
    }

    private static void format(KafkaConfig config) {
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setMetadataLogDirectory(config.metadataLogDir());
            config.logDirs().forEach(formatter::addDirectory);
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", " + (isRunning() ? "running" : "stopped") + "]";
    }
}
