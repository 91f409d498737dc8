package market.udong.glue.events;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.MetaProperties;
import kafka.tools.StorageTool;
import market.udong.core.testing.KraftProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A single-node KRaft broker in the test JVM, on the Kafka line Spark 3.5's Kafka source is built
 * on (3.4, Scala 2.12), so both share one classpath. {@code market.udong.core.testing.LocalKafka}
 * is the relay's 4.x broker; this is the same stand-in for the events job. Listeners bind
 * 127.0.0.1 on free ports; {@link #close()} stops the broker and deletes its data.
 */
final class SparkKafka implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final KafkaRaftServer server;

    private SparkKafka(Path dataDir, int port, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
    }

    static SparkKafka start() {
        try {
            Path dataDir = Files.createTempDirectory("udong-spark-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Properties p = new Properties();
            p.putAll(KraftProperties.singleNode(port, controllerPort, dataDir.resolve("log")));
            KafkaConfig config = KafkaConfig.fromProps(p, false);
            StorageTool.formatCommand(new PrintStream(OutputStream.nullOutputStream()),
                    CollectionConverters.asScala(List.of(dataDir.resolve("log").toString())).toSeq(),
                    new MetaProperties(Uuid.randomUuid().toString(), 1), MetadataVersion.latest(), false);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM, scala.Option.empty());
            server.startup();
            return new SparkKafka(dataDir, port, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
                    .anyMatch(tp -> tp.leader() == null || tp.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** Deletes a partition's records before {@code offset}, as retention would. */
    void deleteRecordsBefore(String topic, int partition, long offset) {
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete records of " + topic + "-" + partition, e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
