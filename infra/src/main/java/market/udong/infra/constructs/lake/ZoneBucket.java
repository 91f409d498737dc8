package market.udong.infra.constructs.lake;

import java.util.ArrayList;
import java.util.List;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.EnvironmentConfig.ZoneLifecycle;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import market.udong.infra.compliance.Acknowledge;
import software.constructs.Construct;

/**
 * One zone of the data lake (or the platform's config bucket): SSE-KMS with the lake key, TLS
 * only, public access blocked, versioned, server access logs, the zone's lifecycle tiers from
 * config, and object events to EventBridge (the raw zone's feed the masking queue; every bucket's
 * are there for audit rules, as AWS Control Tower's CT.S3.PR.4 asks).
 */
public final class ZoneBucket extends Construct {

    /** Why lake buckets are not replicated to another region. */
    static final String NO_REPLICATION_REASON = "The lake is rebuilt from its sources (snapshots, DMS, Glue) and "
            + "protected by versioning, KMS and retention in prod; cross-region replication would double storage "
            + "and copy PII-bearing zones out of region, against the data-residency requirement.";

    private final Bucket bucket;

    public ZoneBucket(Construct scope, String id, ZoneBucketProps props) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Resource")
                .bucketName(props.bucketName())
                .encryption(BucketEncryption.KMS)
                .encryptionKey(props.key())
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(props.accessLogs())
                .serverAccessLogsPrefix(props.zone() + "/")
                .lifecycleRules(lifecycleRules(props.lifecycle()))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();
        // On the bucket itself rather than through CDK's eventBridgeEnabled, which adds a notifications
        // function to the stack to switch it on at deploy time.
        ((CfnBucket) bucket.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
        Acknowledge.compliancePacks(bucket, "S3BucketReplicationEnabled", NO_REPLICATION_REASON);
    }

    public Bucket bucket() {
        return bucket;
    }

    static List<LifecycleRule> lifecycleRules(ZoneLifecycle lifecycle) {
        List<Transition> transitions = new ArrayList<>();
        for (EnvironmentConfig.Transition t : lifecycle.transitions()) {
            transitions.add(Transition.builder()
                    .storageClass(storageClass(t.storageClass()))
                    .transitionAfter(Duration.days(t.afterDays()))
                    .build());
        }
        LifecycleRule.Builder tiers = LifecycleRule.builder()
                .id("storage-tiers")
                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                .noncurrentVersionExpiration(Duration.days(lifecycle.noncurrentExpirationDays()));
        if (!transitions.isEmpty()) {
            tiers.transitions(transitions);
        }
        if (lifecycle.expirationDays() != null) {
            tiers.expiration(Duration.days(lifecycle.expirationDays()));
        }
        return List.of(tiers.build());
    }

    static StorageClass storageClass(EnvironmentConfig.StorageClass storageClass) {
        return switch (storageClass) {
            case STANDARD_IA -> StorageClass.INFREQUENT_ACCESS;
            case INTELLIGENT_TIERING -> StorageClass.INTELLIGENT_TIERING;
            case GLACIER_IR -> StorageClass.GLACIER_INSTANT_RETRIEVAL;
            case GLACIER -> StorageClass.GLACIER;
            case DEEP_ARCHIVE -> StorageClass.DEEP_ARCHIVE;
        };
    }
}
