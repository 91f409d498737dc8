package market.udong.infra.stacks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.StreamsConfig;
import market.udong.core.streams.BrokerSizing;
import market.udong.core.streams.ShardSizing;
import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.common.LambdaPackage;
import market.udong.infra.constructs.ingestion.glue.GlueJobCode;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.monitoring.Alarms;
import market.udong.infra.constructs.streaming.EventLanding;
import market.udong.infra.constructs.streaming.EventLandingProps;
import market.udong.infra.constructs.streaming.EventStream;
import market.udong.infra.constructs.streaming.EventStreamProps;
import market.udong.infra.constructs.streaming.KafkaCluster;
import market.udong.infra.constructs.streaming.KafkaClusterProps;
import market.udong.infra.constructs.streaming.KafkaTopics;
import market.udong.infra.constructs.streaming.KafkaTopicsProps;
import market.udong.infra.constructs.streaming.RelayFunction;
import market.udong.infra.constructs.streaming.RelayFunctionProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Streaming}: Kinesis streams for client events, the MSK cluster and its
 * topics for server events, a relay function per configured relay, and the events landing jobs
 * that land topics in the lake's event tables.
 */
public final class StreamingStack extends PlatformStack {

    private final Map<String, EventStream> streams = new HashMap<>();
    private final KafkaCluster cluster;
    private final Map<String, RelayFunction> relays = new HashMap<>();
    private EventLanding events;

    /** How far behind its stream a relay may fall before the alarm topic hears of it. */
    static final Duration RELAY_LAG_ALARM = Duration.minutes(30);
    /** Share of a broker's data volume in use that raises the disk alarm. */
    static final int BROKER_DISK_ALARM_PERCENT = 80;

    public StreamingStack(Construct scope, EnvironmentConfig environment, List<StreamsConfig> files, IVpc vpc,
                          LambdaArtifacts artifacts, ITopic alarmTopic, LakeReferences lake,
                          Optional<String> glueSecurityConfiguration) {
        super(scope, environment, "Streaming", "Kinesis streams, MSK cluster and topics, Kinesis-to-Kafka relays");
        String env = environment.name();
        EnvironmentConfig.Streaming streaming = environment.streaming();
        EncryptionKey key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + env + "-streams",
                "Encrypts the Udong event streams and Kafka brokers (" + env + ")", dataRemovalPolicy()));
        key.key().grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));
        EnvironmentDefaults defaults = defaults(key.key(), alarmTopic);

        Map<String, StreamsConfig.KinesisStream> streamConfigs = new HashMap<>();
        Map<String, StreamsConfig.KafkaTopic> topicConfigs = new HashMap<>();
        for (StreamsConfig file : files) {
            for (StreamsConfig.KinesisStream s : file.kinesis()) {
                streamConfigs.put(s.name(), s);
                Integer shards = "on-demand".equals(s.mode()) ? null : ShardSizing.provisionedShards(s, streaming);
                List<String> fanOut = s.consumers().size() > streaming.enhancedFanOutAbove() ? s.consumers() : List.of();
                streams.put(s.name(), new EventStream(this, "Stream-" + s.name(), new EventStreamProps(
                        "udong-" + env + "-" + s.name(), shards, streaming.retentionHours(s), key.key(), fanOut, dataRemovalPolicy())));
            }
            file.topics().forEach(t -> topicConfigs.put(t.name(), t));
        }

        EnvironmentConfig.Msk msk = streaming.msk();
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming, environment.network().maxAzs(), files);
        int brokers = plan.brokers();
        // The Kinesis streams use the same customer-managed key as the brokers and logs (AwsSolutions-KDS3
        // only notes the key's cost).
        String clusterName = "udong-" + env + "-events";
        cluster = new KafkaCluster(this, "Kafka", new KafkaClusterProps(clusterName, msk.kafkaVersion(),
                new KafkaClusterProps.Brokers(brokers, plan.instanceType(), plan.volumeGiB()), vpc, key.key(), defaults));
        addBrokerDiskAlarms(clusterName, brokers, alarmTopic);
        new KafkaTopics(this, "Topics", new KafkaTopicsProps(cluster, topicConfigs.values().stream()
                .sorted(java.util.Comparator.comparing(StreamsConfig.KafkaTopic::name)).toList(),
                brokers, vpc, artifacts.lambda(LambdaPackage.RELAY), defaults));

        for (StreamsConfig file : files) {
            for (StreamsConfig.Relay relay : file.relays()) {
                StreamsConfig.KinesisStream source = streamConfigs.get(relay.stream());
                Optional<Integer> shards = "on-demand".equals(source.mode()) ? Optional.empty()
                        : Optional.of(ShardSizing.provisionedShards(source, streaming));
                String id = "Relay-" + relay.stream() + "-to-" + relay.topic().replace('.', '-');
                RelayFunction function = new RelayFunction(this, id, new RelayFunctionProps(
                        streams.get(relay.stream()).stream(), shards,
                        new RelayFunctionProps.Target(relay.topic(), relay.format(), topicConfigs.get(relay.topic()).maxMessageBytes()),
                        cluster, vpc, artifacts.lambda(LambdaPackage.RELAY), streaming.relay(), defaults));
                relays.put(relay.stream() + "->" + relay.topic(), function);
                addRelayAlarms(id, relay, function, alarmTopic);
            }
        }
        List<StreamsConfig.EventTable> eventTables = files.stream().flatMap(f -> f.events().stream()).toList();
        if (!eventTables.isEmpty()) {
            events = new EventLanding(this, "Events", new EventLandingProps(eventTables, cluster, vpc, lake,
                    new GlueJobCode(artifacts.glue("target/udong-glue-job.jar"), artifacts.glue("src/main/glue/event_landing_entry.scala")),
                    glueSecurityConfiguration.orElseThrow(() -> new IllegalStateException(
                            "event tables need the Ingestion stack's Glue security configuration")), defaults));
        }
    }

    /** The events landing jobs; empty where no event table is configured. */
    public Optional<EventLanding> events() {
        return Optional.ofNullable(events);
    }

    /**
     * A relay's records are safe in Kinesis until its retention ends; this alarm says when they are not
     * getting to Kafka: a relay falling {@link #RELAY_LAG_ALARM} behind its stream for 15 minutes. (A
     * record in the failure queue alarms from the queue.)
     */
    private void addRelayAlarms(String id, StreamsConfig.Relay relay, RelayFunction function, ITopic alarmTopic) {
        String route = relay.stream() + " to " + relay.topic();
        Alarms.sustainedAbove(this, id + "-LagAlarm", "The relay of " + route + " is more than "
                        + RELAY_LAG_ALARM.toMinutes() + " minutes behind its stream; records expire when the stream's "
                        + "retention ends",
                Alarms.maximum("AWS/Lambda", "IteratorAge", Map.of("FunctionName", function.function().getFunctionName())),
                RELAY_LAG_ALARM.toMilliseconds(), TreatMissingData.NOT_BREACHING, alarmTopic);
    }

    /**
     * A broker whose data volume fills stops accepting writes; alarm at {@value #BROKER_DISK_ALARM_PERCENT} %
     * so there is time to grow {@code streaming.msk.volumeGiB} or shorten topic retention.
     */
    private void addBrokerDiskAlarms(String clusterName, int brokers, ITopic alarmTopic) {
        for (int broker = 1; broker <= brokers; broker++) {
            Alarms.sustainedAbove(this, "Broker" + broker + "DiskAlarm", "Kafka broker " + broker + " of " + clusterName
                            + " has used more than " + BROKER_DISK_ALARM_PERCENT + " % of its data volume",
                    Alarms.maximum("AWS/Kafka", "KafkaDataLogsDiskUsed",
                            Map.of("Cluster Name", clusterName, "Broker ID", String.valueOf(broker))),
                    BROKER_DISK_ALARM_PERCENT, TreatMissingData.MISSING, alarmTopic);
        }
    }

    public EventStream stream(String name) {
        return streams.get(name);
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    public Map<String, RelayFunction> relays() {
        return Map.copyOf(relays);
    }
}
