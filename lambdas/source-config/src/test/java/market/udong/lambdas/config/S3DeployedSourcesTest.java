package market.udong.lambdas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.Names;
import market.udong.core.testing.LocalS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The deployed source configs read from a real S3 API (S3Proxy on loopback). */
class S3DeployedSourcesTest {

    private static LocalS3 s3;
    private static S3Client client;
    private String bucket;
    private static int buckets;

    @BeforeAll
    static void start() {
        s3 = LocalS3.startInMemory();
        client = s3.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = "udong-test-config-" + buckets++;
        s3.createBucket(bucket);
    }

    @Test
    void source_isEmpty_untilItsStackWritesIt_thenReadAsWritten() {
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC());
        assertTrue(sources.source("shop").isEmpty());

        DeployedSource shop = shop("keep");
        put("shop", shop.toJson());

        assertEquals(shop, sources.source("shop").orElseThrow());
    }

    @Test
    void changedConfig_isSeenOnTheNextCall_whenRevalidatingEveryTime() {
        // GIVEN a config read once, then changed by a deploy
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC());
        put("shop", shop("keep").toJson());
        sources.source("shop");
        put("shop", shop("drop").toJson());

        // WHEN read again / THEN the new policy applies at once
        assertEquals("drop", sources.source("shop").orElseThrow().tables().get(0).columns().get("email").policySpec());
    }

    @Test
    void unchangedConfig_isKeptFromTheCache_afterAConditionalGet() {
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC());
        put("shop", shop("keep").toJson());
        DeployedSource first = sources.source("shop").orElseThrow();
        // The object is unchanged, so S3 answers 304 and the cached (same) instance is returned.
        assertSame(first, sources.source("shop").orElseThrow());
    }

    @Test
    void cachedConfig_isUsedWithoutARequest_withinTheRevalidationPeriod() {
        MutableClock clock = new MutableClock();
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ofMinutes(1), clock);
        put("shop", shop("keep").toJson());
        sources.source("shop");
        put("shop", shop("drop").toJson());

        assertEquals("keep", sources.source("shop").orElseThrow().tables().get(0).columns().get("email").policySpec());
        clock.now = clock.now.plusSeconds(61);
        assertEquals("drop", sources.source("shop").orElseThrow().tables().get(0).columns().get("email").policySpec());
    }

    @Test
    void brokenOrMisplacedConfig_failsLoudly_namingTheObject() {
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC());
        put("shop", "{\"version\":1,\"source\":");
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> sources.source("shop"));
        assertTrue(broken.getMessage().contains("s3://" + bucket + "/sources/shop.json"), broken.getMessage());

        put("orders", shop("keep").toJson());
        IllegalStateException misplaced = assertThrows(IllegalStateException.class, () -> sources.source("orders"));
        assertTrue(misplaced.getMessage().contains("'shop'"), misplaced.getMessage());
    }

    @Test
    void all_readsEverySourceConfig_andIgnoresOtherObjects() {
        S3DeployedSources sources = new S3DeployedSources(client, bucket, Duration.ZERO, Clock.systemUTC());
        put("shop", shop("keep").toJson());
        DeployedSource orders = new DeployedSource("orders", Engine.MYSQL, null, null, List.of());
        put("orders", orders.toJson());
        s3.put(bucket, "sources/readme.txt", "not a config".getBytes(StandardCharsets.UTF_8));
        s3.put(bucket, "other/shop.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("orders", "shop"), sources.all().stream().map(DeployedSource::source).toList());
    }

    private void put(String source, String json) {
        s3.put(bucket, Names.deployedSourceKey(source), json.getBytes(StandardCharsets.UTF_8));
    }

    private static DeployedSource shop(String emailPolicy) {
        TableConfig orders = new TableConfig("shop", "orders", Ingestion.DMS, null,
                java.util.Map.of("email", ColumnRule.parse(emailPolicy)), null, null, null);
        return DeployedSource.of(new SourceConfig("shop", Engine.MYSQL, null, null, null, List.of(orders)), Optional.empty());
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
