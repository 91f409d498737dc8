package market.udong.core.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.StreamsConfig;

/**
 * The MSK cluster an environment's event load needs, the way {@link ShardSizing} sizes Kinesis:
 * broker type and count from the peak ingress and the partition replicas, storage from the bytes
 * a week of retention holds on each broker. Config may set any of the three; what it sets wins.
 *
 * <p>The rules, with {@code headroom} 1.5:
 * <pre>
 * ingress      = sum over topics of the topic's peak bytes/s × loadShare
 *                (a relayed topic: its stream's peak; any topic: its own peakBytesPerSecond)
 * type         = the smallest of {@link #TYPES} where ceil(ingress × headroom / capacity) brokers,
 *                rounded up to a multiple of the AZ count, are at most 2 per AZ and hold the
 *                partition replicas at the type's recommended partitions per broker
 * brokers      = that count (at least one per AZ)
 * volume (GiB) = ingress × {@value #AVERAGE_PERCENT_OF_PEAK} % (average of peak) × retention × replication
 *                / brokers × headroom, rounded up to 10 GiB, at least {@value #MIN_VOLUME_GIB}
 * </pre>
 * Worked example (prod): 2,000,000 bytes/s relayed plus 500,000 written by the order service, RF 3,
 * 3 AZs, 168 h → 3.75 MB/s with headroom → kafka.m7g.large (10 MB/s each) → 1 broker → 3 (one per
 * AZ); volume 750,000 B/s × 604,800 s × 3 / 3 × 1.5 = 680.4 GB = 633.7 GiB → 640 GiB.
 */
public final class BrokerSizing {
    private BrokerSizing() {
    }

    /** Factor on the load for bursts and for a broker down. */
    public static final double HEADROOM = 1.5;
    /** Average load as a share of the peak, for storage: a day's peak is about three times its mean. */
    public static final int AVERAGE_PERCENT_OF_PEAK = 30;
    /** How long MSK keeps records (Kafka's and MSK's default {@code log.retention.hours}; topics do not change it). */
    public static final int RETENTION_HOURS = 168;
    public static final int MIN_VOLUME_GIB = 10;
    private static final long GIB = 1L << 30;

    /**
     * A broker type with the load one broker sustains.
     *
     * @param instanceType         MSK instance type
     * @param ingressBytesPerSecond producer bytes/s one broker sustains at replication 3 (a planning figure
     *                              below the instance's baseline EBS and network throughput; confirm with a load test)
     * @param partitionsPerBroker   AWS's recommended partition replicas per broker (leaders and followers)
     */
    public record BrokerType(String instanceType, long ingressBytesPerSecond, int partitionsPerBroker) {
    }

    /** Candidate types, smallest first. kafka.t3.small runs on CPU credits: for development loads only. */
    public static final List<BrokerType> TYPES = List.of(
            new BrokerType("kafka.t3.small", 500_000, 300),
            new BrokerType("kafka.m7g.large", 10_000_000, 1000),
            new BrokerType("kafka.m7g.xlarge", 20_000_000, 1000),
            new BrokerType("kafka.m7g.2xlarge", 40_000_000, 2000),
            new BrokerType("kafka.m7g.4xlarge", 80_000_000, 4000),
            new BrokerType("kafka.m7g.8xlarge", 160_000_000, 4000),
            new BrokerType("kafka.m7g.16xlarge", 320_000_000, 4000));

    /**
     * The cluster, and where each figure comes from.
     *
     * @param brokers                broker count
     * @param instanceType           broker type
     * @param volumeGiB              storage per broker
     * @param peakIngressBytesPerSecond the load it is sized for (after loadShare)
     * @param configured             which of brokers, instanceType, volumeGiB config set (the rest are derived)
     */
    public record Plan(int brokers, String instanceType, int volumeGiB, long peakIngressBytesPerSecond, List<String> configured) {
        public Plan {
            configured = List.copyOf(configured);
        }
    }

    /** The cluster of an environment spanning {@code azs} zones, for the topics of all stream files. */
    public static Plan plan(EnvironmentConfig.Streaming streaming, int azs, List<StreamsConfig> files) {
        Map<String, Long> streamPeaks = new HashMap<>();
        files.forEach(f -> f.kinesis().forEach(s ->
                streamPeaks.put(s.name(), s.peakBytesPerSecond() == null ? 0L : s.peakBytesPerSecond())));
        long ingress = 0;
        int partitionReplicas = 0;
        for (StreamsConfig f : files) {
            for (StreamsConfig.KafkaTopic t : f.topics()) {
                ingress += t.peakBytesPerSecond() == null ? 0 : t.peakBytesPerSecond();
                partitionReplicas += t.partitions() * t.replicationFactor();
            }
            for (StreamsConfig.Relay r : f.relays()) {
                ingress += streamPeaks.getOrDefault(r.stream(), 0L);
            }
        }
        long load = Math.round(ingress * streaming.loadShare());
        EnvironmentConfig.Msk msk = streaming.msk();
        List<String> configured = new ArrayList<>();
        BrokerType type;
        int brokers;
        if (msk.instanceType() != null) {
            configured.add("instanceType");
            type = TYPES.stream().filter(t -> t.instanceType().equals(msk.instanceType())).findFirst()
                    .orElse(new BrokerType(msk.instanceType(), 0, 0));
            brokers = msk.brokers() != null ? msk.brokers() : brokersFor(type, load, partitionReplicas, azs);
        } else {
            type = typeFor(load, partitionReplicas, azs);
            brokers = msk.brokers() != null ? msk.brokers() : brokersFor(type, load, partitionReplicas, azs);
        }
        if (msk.brokers() != null) {
            configured.add("brokers");
        }
        int volume;
        if (msk.volumeGiB() != null) {
            configured.add("volumeGiB");
            volume = msk.volumeGiB();
        } else {
            volume = volumeGiB(load, maxReplication(files, brokers), brokers);
        }
        return new Plan(brokers, type.instanceType(), volume, load, configured);
    }

    /** The smallest type whose broker count stays within two per AZ. */
    static BrokerType typeFor(long ingressBytesPerSecond, int partitionReplicas, int azs) {
        for (BrokerType t : TYPES) {
            if (brokersFor(t, ingressBytesPerSecond, partitionReplicas, azs) <= 2 * azs) {
                return t;
            }
        }
        return TYPES.get(TYPES.size() - 1);
    }

    /** Brokers of a type for the load: by throughput and by partitions, a multiple of the AZ count. */
    static int brokersFor(BrokerType type, long ingressBytesPerSecond, int partitionReplicas, int azs) {
        if (type.ingressBytesPerSecond() == 0) {
            return azs;
        }
        double needed = Math.max(ingressBytesPerSecond * HEADROOM / type.ingressBytesPerSecond(),
                (double) partitionReplicas / type.partitionsPerBroker());
        int brokers = (int) Math.max(1, Math.ceil(needed));
        return (int) (Math.ceil(brokers / (double) azs) * azs);
    }

    /** Storage per broker for a week of the average load, replicated, with headroom. */
    static int volumeGiB(long peakIngressBytesPerSecond, int replication, int brokers) {
        double bytes = peakIngressBytesPerSecond * AVERAGE_PERCENT_OF_PEAK / 100.0 * RETENTION_HOURS * 3600.0
                * replication / brokers * HEADROOM;
        int gib = (int) Math.ceil(bytes / GIB / 10.0) * 10;
        return Math.max(MIN_VOLUME_GIB, gib);
    }

    private static int maxReplication(List<StreamsConfig> files, int brokers) {
        int rf = 1;
        for (StreamsConfig f : files) {
            for (StreamsConfig.KafkaTopic t : f.topics()) {
                rf = Math.max(rf, Math.min(t.replicationFactor(), brokers));
            }
        }
        return rf;
    }
}
