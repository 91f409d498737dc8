package market.udong.core.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import market.udong.core.config.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardSizingTest {

    @ParameterizedTest(name = "{0} records/s, {1} bytes/s -> {2} shards at peak")
    @CsvSource({
            "1, 0, 1",
            "1000, 0, 1",
            "1001, 0, 2",
            "0, 1048576, 1",
            "0, 1048577, 2",
            "3000, 2000000, 3",     // records dominate
            "500, 5242880, 5",      // bytes dominate: exactly 5 MiB
            "500, 5242881, 6",
    })
    void shardsAtPeak_isTheLargerOfBothLimits_roundedUp(long records, long bytes, int expected) {
        assertEquals(expected, ShardSizing.shardsAtPeak(records, bytes));
    }

    @ParameterizedTest(name = "{0} records/s, {1} bytes/s, headroom {2} -> {3} shards")
    @CsvSource({
            "3000, 2000000, 1.5, 5",     // records: 4,500/1,000 = 4.5 -> 5; bytes: 2.86 -> 3 (the example config)
            "10000, 0, 1.1, 11",         // exactly 11: binary 1.1 x 10,000 would round up to 12
            "3000, 0, 1.0, 3",
            "1, 0, 1.5, 1",              // a tiny load keeps one shard: its headroom is already there
            "30, 20000, 1.5, 1",         // dev's 1 % of the example config
            "2100, 0, 1.5, 4",           // 3,150/1,000 -> 4 shards, capacity 4,000 >= 3,150
            "0, 1048577, 2, 3",          // 2,097,154 bytes/s over 1 MiB -> 3
            "1000, 0, 10, 10",
    })
    void provisionedShards_appliesHeadroomToTheLoad_andRoundsUp(long records, long bytes, double headroom, int expected) {
        assertEquals(expected, ShardSizing.provisionedShards(records, bytes, headroom));
    }

    @Test
    void provisionedShards_ofConfiguredStream_usesItsLoadsAndHeadroom() {
        // GIVEN the example config's stream with the default headroom 1.5
        var stream = new StreamsConfig.KinesisStream("app-events", null, 3000, 2_000_000L, null, null, List.of());

        // WHEN / THEN
        assertEquals(5, ShardSizing.provisionedShards(stream));
    }

    @Test
    void provisionedShards_rejectsOnDemandStreams() {
        var stream = new StreamsConfig.KinesisStream("clicks", "on-demand", null, null, null, null, List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> ShardSizing.provisionedShards(stream));
        assertTrue(e.getMessage().contains("on-demand"), e.getMessage());
    }

    @Test
    void badLoads_areRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSizing.shardsAtPeak(0, 0))
                .getMessage().contains("above 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSizing.shardsAtPeak(-1, 10))
                .getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSizing.provisionedShards(10, 0, 0.9))
                .getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSizing.provisionedShards(10, 0, Double.NaN))
                .getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ShardSizing.provisionedShards(Long.MAX_VALUE, 0, 10)).getMessage().contains("more than any stream"));
    }

    @Test
    void enhancedFanOut_startsAtTheThirdConsumer() {
        assertFalse(ShardSizing.needsEnhancedFanOut(2));
        assertTrue(ShardSizing.needsEnhancedFanOut(3));
    }
}
