package market.udong.infra.constructs.lake;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import market.udong.infra.compliance.Acknowledge;
import software.constructs.Construct;

/**
 * Receives the server access logs of every lake bucket. S3 log delivery supports only SSE-S3 on
 * the target bucket, so this one bucket is not KMS-encrypted; it holds no lake data.
 */
public final class AccessLogBucket extends Construct {

    /** Access logs are kept this long, then expire. */
    static final int RETENTION_DAYS = 365;

    private final Bucket bucket;

    public AccessLogBucket(Construct scope, String id, String bucketName, RemovalPolicy removalPolicy) {
        super(scope, id);
        boolean destroy = removalPolicy == RemovalPolicy.DESTROY;
        bucket = Bucket.Builder.create(this, "Resource")
                .bucketName(bucketName)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .transitions(List.of(Transition.builder()
                                .storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30))
                                .build()))
                        .expiration(Duration.days(RETENTION_DAYS))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .build()))
                .removalPolicy(removalPolicy)
                .autoDeleteObjects(destroy)
                .build();
        Acknowledge.compliancePacks(bucket, "S3DefaultEncryptionKMS",
                "S3 server access log delivery supports only SSE-S3 on the target bucket; this bucket holds "
                        + "access logs, never lake data.");
        Acknowledge.compliancePacks(bucket, "S3BucketLoggingEnabled",
                "This is the access-log bucket itself; logging it into itself would loop.");
        Acknowledge.awsSolutions(bucket, "S1", "This is the access-log bucket itself; logging it into itself would loop.");
        Acknowledge.compliancePacks(bucket, "S3BucketReplicationEnabled", ZoneBucket.NO_REPLICATION_REASON);
    }

    public Bucket bucket() {
        return bucket;
    }
}
