package market.udong.infra.constructs.lake;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import market.udong.core.config.LakeZone;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * What the Lake stack gives every other stack: the lake key, a bucket per zone, the access-log
 * bucket, the HMAC key of the {@code hash} policy, and the config bucket that holds each source's
 * deployed config. Stacks reach the lake only through these typed references.
 *
 * @param key        the lake key (SSE-KMS of every zone and the config bucket)
 * @param zones      one bucket per {@link LakeZone}
 * @param accessLogs the server access log bucket
 * @param hashingKey the HMAC key secret of the {@code hash} policy, shared by every ingestion path
 * @param config     the config bucket ({@code Names.configBucketName}): {@code sources/<source>.json} per source
 */
public record LakeReferences(IKey key, Map<LakeZone, IBucket> zones, IBucket accessLogs, ISecret hashingKey, IBucket config) {

    public LakeReferences {
        Objects.requireNonNull(key, "key");
        Map<LakeZone, IBucket> copy = new EnumMap<>(LakeZone.class);
        copy.putAll(zones);
        for (LakeZone zone : LakeZone.values()) {
            if (!copy.containsKey(zone)) {
                throw new IllegalArgumentException("no bucket for lake zone " + zone.id());
            }
        }
        zones = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(accessLogs, "accessLogs");
        Objects.requireNonNull(hashingKey, "hashingKey");
        Objects.requireNonNull(config, "config");
    }

    /** The bucket of {@code zone}. */
    public IBucket bucket(LakeZone zone) {
        return zones.get(zone);
    }
}
