package market.udong.infra.constructs.lake;

import java.util.Objects;
import market.udong.core.config.EnvironmentConfig.ZoneLifecycle;
import market.udong.core.config.LakeZone;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link ZoneBucket}.
 *
 * @param zone          what the bucket holds: a lake zone's id ({@code LakeZone#id}), or {@code config}; its server
 *                      access logs go under {@code <zone>/}
 * @param bucketName    globally unique name (from core {@code Names.bucketName})
 * @param key           KMS key for SSE-KMS (with an S3 bucket key to cut KMS calls)
 * @param accessLogs    bucket receiving server access logs
 * @param lifecycle     storage tiers of the zone; {@link ZoneLifecycle#NONE} keeps objects in Standard
 * @param removalPolicy RETAIN in environments that keep their data; DESTROY also empties the bucket
 */
public record ZoneBucketProps(String zone, String bucketName, IKey key, IBucket accessLogs, ZoneLifecycle lifecycle,
                              RemovalPolicy removalPolicy) {
    public ZoneBucketProps {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(accessLogs, "accessLogs");
        lifecycle = lifecycle == null ? ZoneLifecycle.NONE : lifecycle;
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
