package market.udong.infra.constructs.common;

import java.util.List;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Exact S3 object permissions under one key pattern of a bucket, with the actions of the bucket's
 * key they need, for the roles that handle data before it is masked (the masking function, the
 * Glue jobs). CDK's bucket grants give action families ({@code s3:GetObject*}, {@code s3:List*},
 * {@code s3:DeleteObject*}, {@code kms:ReEncrypt*}, ...), more than a reader or writer of a zone's
 * files uses. Like the bucket grants, only the grantee's policy is written.
 */
public final class ObjectAccess {
    private ObjectAccess() {
    }

    /**
     * Lets {@code reader} get the objects under {@code keyPattern} and list the bucket: without
     * {@code s3:ListBucket} S3 answers a missing key with 403 instead of 404, and the readers tell a
     * file that is gone from one they may not read.
     */
    public static void grantRead(IGrantable reader, IBucket bucket, String keyPattern) {
        add(reader, List.of("s3:GetObject"), bucket.arnForObjects(keyPattern));
        add(reader, List.of("s3:ListBucket"), bucket.getBucketArn());
        IKey key = bucket.getEncryptionKey();
        if (key != null) {
            key.grant(reader, "kms:Decrypt");
        }
    }

    /**
     * Lets {@code writer} put objects under {@code keyPattern} in one request each (including as the
     * destination of a server-side copy), with the data keys of the bucket's key.
     */
    public static void grantPut(IGrantable writer, IBucket bucket, String keyPattern) {
        add(writer, List.of("s3:PutObject"), bucket.arnForObjects(keyPattern));
        IKey key = bucket.getEncryptionKey();
        if (key != null) {
            key.grant(writer, "kms:GenerateDataKey");
        }
    }

    /**
     * {@link #grantPut}, and multipart uploads: abort one, and {@code kms:Decrypt}, since a multipart
     * upload under SSE-KMS decrypts the data key for each part.
     */
    public static void grantMultipartPut(IGrantable writer, IBucket bucket, String keyPattern) {
        grantPut(writer, bucket, keyPattern);
        add(writer, List.of("s3:AbortMultipartUpload"), bucket.arnForObjects(keyPattern));
        IKey key = bucket.getEncryptionKey();
        if (key != null) {
            key.grant(writer, "kms:Decrypt");
        }
    }

    /** Lets {@code deleter} delete the objects under {@code keyPattern} (the current version; never a version by id). */
    public static void grantDelete(IGrantable deleter, IBucket bucket, String keyPattern) {
        add(deleter, List.of("s3:DeleteObject"), bucket.arnForObjects(keyPattern));
    }

    private static void add(IGrantable grantee, List<String> actions, String resource) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(resource))
                .build());
    }
}
