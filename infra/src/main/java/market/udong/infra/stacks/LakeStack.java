package market.udong.infra.stacks;

import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.lake.AccessLogBucket;
import market.udong.infra.constructs.lake.HashingKeySecret;
import market.udong.infra.constructs.lake.LakeCatalog;
import market.udong.infra.constructs.lake.LakeCatalogProps;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.lake.ZoneBucket;
import market.udong.infra.constructs.lake.ZoneBucketProps;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.LakeZone;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.TeamConfig;
import market.udong.core.naming.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Lake}: the lake's KMS key, one bucket per zone plus the access-log bucket,
 * the config bucket where each source's stack writes its deployed config, and the Glue databases
 * over the raw and curated zones. Each team's Athena results expire after its
 * {@code workgroup.resultExpirationDays} (or the zone's own expiry, whichever comes first).
 */
public final class LakeStack extends PlatformStack {

    private final EncryptionKey key;
    private final Map<LakeZone, ZoneBucket> zones = new EnumMap<>(LakeZone.class);
    private final AccessLogBucket accessLogs;
    private final LakeCatalog catalog;
    private final HashingKeySecret hashingKey;
    private final ZoneBucket config;

    public LakeStack(Construct scope, EnvironmentConfig environment, List<SourceConfig> sources, List<TeamConfig> teams) {
        super(scope, environment, "Lake", "Data lake key, zone buckets and Glue databases");
        String env = environment.name();
        key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + env + "-lake",
                "Encrypts the Udong data lake (" + env + ")", dataRemovalPolicy()));
        accessLogs = new AccessLogBucket(this, "AccessLogs",
                Names.accessLogBucketName(env, environment.account(), environment.region()), dataRemovalPolicy());
        for (LakeZone zone : LakeZone.values()) {
            zones.put(zone, new ZoneBucket(this, zoneId(zone), new ZoneBucketProps(
                    zone.id(),
                    Names.bucketName(env, zone, environment.account(), environment.region()),
                    key.key(),
                    accessLogs.bucket(),
                    environment.lake().lifecycleOf(zone),
                    dataRemovalPolicy())));
        }
        // Old versions of a source's config are kept a month: what the functions read on a given day.
        config = new ZoneBucket(this, "ConfigBucket", new ZoneBucketProps("config",
                Names.configBucketName(env, environment.account(), environment.region()), key.key(), accessLogs.bucket(),
                new EnvironmentConfig.ZoneLifecycle(List.of(), null, 30), dataRemovalPolicy()));
        hashingKey = new HashingKeySecret(this, "HashingKey", Names.hashingKeySecretName(env), key.key(), dataRemovalPolicy());
        for (TeamConfig team : teams) {
            zones.get(LakeZone.ATHENA_RESULTS).bucket().addLifecycleRule(LifecycleRule.builder()
                    .id("expire-results-" + team.name())
                    .prefix(Names.athenaResultsPrefix(team.name()))
                    .expiration(Duration.days(team.workgroup().resultExpirationDays()))
                    .build());
        }
        List<String> databases = sources.stream()
                .flatMap(s -> s.tables().stream())
                .map(TableConfig::database)
                .toList();
        catalog = new LakeCatalog(this, "Catalog", new LakeCatalogProps(databases, bucket(LakeZone.RAW), bucket(LakeZone.CURATED),
                dataRemovalPolicy()));
    }

    /** Construct id of a zone's bucket, e.g. {@code AthenaResultsZone}. */
    static String zoneId(LakeZone zone) {
        StringBuilder id = new StringBuilder();
        for (String part : zone.id().split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id + "Zone";
    }

    public IKey key() {
        return key.key();
    }

    /** The lake as the other stacks use it. */
    public LakeReferences references() {
        Map<LakeZone, IBucket> buckets = new EnumMap<>(LakeZone.class);
        zones.forEach((zone, bucket) -> buckets.put(zone, bucket.bucket()));
        return new LakeReferences(key.key(), buckets, accessLogs.bucket(), hashingKey.secret(), config.bucket());
    }

    public IBucket bucket(LakeZone zone) {
        return zones.get(zone).bucket();
    }

    public IBucket accessLogs() {
        return accessLogs.bucket();
    }

    /** The HMAC key secret of the {@code hash} policy, shared by every ingestion path. */
    public ISecret hashingKey() {
        return hashingKey.secret();
    }

    public LakeCatalog catalog() {
        return catalog;
    }
}
