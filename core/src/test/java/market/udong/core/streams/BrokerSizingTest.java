package market.udong.core.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of {@link BrokerSizing}'s rule. */
class BrokerSizingTest {

    private static List<StreamsConfig> events(long relayedBytes, Long serverBytes, int partitions) {
        return List.of(new StreamsConfig("events",
                List.of(new StreamsConfig.KinesisStream("app", null, 1000, relayedBytes, null, null, null)),
                List.of(new StreamsConfig.KafkaTopic("client.app", partitions, 3, null, null),
                        new StreamsConfig.KafkaTopic("server.orders", 6, 3, null, serverBytes)),
                List.of(new StreamsConfig.Relay("app", "client.app"))));
    }

    private static EnvironmentConfig.Streaming streaming(Double loadShare, EnvironmentConfig.Msk msk) {
        return new EnvironmentConfig.Streaming(msk, null, null, loadShare, null);
    }

    @Test
    void prod_fullLoadOnThreeAzs_getsThreeM7gLarge_andAWeekOfStorage() {
        // 2.5 MB/s x 1.5 = 3.75 MB/s < 10 MB/s of one m7g.large -> 1 -> one per AZ = 3;
        // 2,500,000 x 30 % x 604,800 s x RF 3 / 3 x 1.5 = 680.4 GB = 633.7 GiB -> 640
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming(null, null), 3, events(2_000_000, 500_000L, 12));
        assertEquals(new BrokerSizing.Plan(3, "kafka.m7g.large", 640, 2_500_000, List.of()), plan);
    }

    @Test
    void dev_onePercentOnTwoAzs_getsTwoT3Small_andTheMinimumVolume() {
        // 25 KB/s x 1.5 fits one t3.small (0.5 MB/s); RF capped at 2 brokers; 6.3 GiB -> the 10 GiB minimum
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming(0.01, null), 2, events(2_000_000, 500_000L, 12));
        assertEquals(new BrokerSizing.Plan(2, "kafka.t3.small", 10, 25_000, List.of()), plan);
    }

    @Test
    void manyPartitions_moveToABiggerType_whenTheSmallOneNeedsMoreThanTwoPerAz() {
        // 5,000 x 3 + 18 = 15,018 partition replicas: m7g.large (1,000 each) needs 16 > 6; 2xlarge (2,000) needs 8 > 6;
        // 4xlarge (4,000) needs 4 -> 6 (two per AZ)
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming(null, null), 3, events(2_000_000, null, 5000));
        assertEquals("kafka.m7g.4xlarge", plan.instanceType());
        assertEquals(6, plan.brokers());
    }

    @ParameterizedTest(name = "{0} bytes/s on {1} AZs -> {3} x {2}")
    @CsvSource({
            "30000000, 3, kafka.m7g.large, 6",     // 45 MB/s: m7g.large needs 5 -> 6, two per AZ
            "100000000, 3, kafka.m7g.2xlarge, 6",  // 150 MB/s: xlarge needs 8 -> 9 > 6; 2xlarge needs 4 -> 6
            "300000, 2, kafka.t3.small, 2",        // 450 KB/s fits one t3.small
            "700000, 2, kafka.t3.small, 4",        // 1.05 MB/s: three t3.small -> 4 (two per AZ)
    })
    void throughput_picksTheSmallestTypeWithinTwoBrokersPerAz(long bytes, int azs, String type, int brokers) {
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming(null, null), azs, events(bytes, null, 12));
        assertEquals(type, plan.instanceType());
        assertEquals(brokers, plan.brokers());
    }

    @Test
    void whatConfigSets_wins_andIsReportedAsConfigured() {
        BrokerSizing.Plan plan = BrokerSizing.plan(streaming(0.1, new EnvironmentConfig.Msk(null, null, "kafka.m7g.large", null)),
                3, events(2_000_000, 500_000L, 12));
        assertEquals("kafka.m7g.large", plan.instanceType());
        assertEquals(3, plan.brokers());
        assertEquals(List.of("instanceType"), plan.configured());
        BrokerSizing.Plan all = BrokerSizing.plan(streaming(null, new EnvironmentConfig.Msk(null, 6, "kafka.m7g.xlarge", 500)),
                3, events(2_000_000, 500_000L, 12));
        assertEquals(new BrokerSizing.Plan(6, "kafka.m7g.xlarge", 500, 2_500_000, List.of("instanceType", "brokers", "volumeGiB")), all);
    }
}
