package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.LakeZone;
import market.udong.core.naming.Names;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class LakeStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).lake());
    }

    private static String bucketName(String env, LakeZone zone) {
        EnvironmentConfig e = TestApps.config(env).environment();
        return Names.bucketName(env, zone, e.account(), e.region());
    }

    @ParameterizedTest
    @EnumSource(LakeZone.class)
    void zoneBucket_isKmsEncrypted_versioned_privateAndLogged(LakeZone zone) {
        template("dev").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", bucketName("dev", zone),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of(
                                "SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LoggingConfiguration", Map.of("LogFilePrefix", zone.id() + "/",
                        "DestinationBucketName", Match.anyValue())));
    }

    @Test
    void everyBucket_deniesRequestsWithoutTls() {
        Template t = template("dev");
        Map<String, Map<String, Object>> policies = t.findResources("AWS::S3::BucketPolicy");
        assertEquals(LakeZone.values().length + 2, policies.size(), "one policy per zone bucket, the config bucket and the log bucket");
        policies.values().forEach(p -> assertTrue(p.toString().contains("aws:SecureTransport=false"),
                "TLS-only statement in " + p));
    }

    @Test
    void lakeKey_rotates() {
        template("dev").hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        template("dev").hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/udong-dev-lake"));
    }

    @Test
    void lifecycleTiers_followConfig_forEveryZone() {
        EnvironmentConfig prod = TestApps.config("prod").environment();
        Template t = template("prod");
        for (LakeZone zone : LakeZone.values()) {
            EnvironmentConfig.ZoneLifecycle lifecycle = prod.lake().lifecycleOf(zone);
            List<Object> transitions = new ArrayList<>();
            for (EnvironmentConfig.Transition tr : lifecycle.transitions()) {
                transitions.add(Map.of("StorageClass", cfnStorageClass(tr.storageClass()), "TransitionInDays", tr.afterDays()));
            }
            Map<String, Object> rule = new java.util.HashMap<>(Map.of("Status", "Enabled",
                    "NoncurrentVersionExpiration", Map.of("NoncurrentDays", lifecycle.noncurrentExpirationDays())));
            rule.put("Transitions", transitions.isEmpty() ? Match.absent() : transitions);
            rule.put("ExpirationInDays", lifecycle.expirationDays() == null ? Match.absent() : lifecycle.expirationDays());
            t.hasResourceProperties("AWS::S3::Bucket", Map.of(
                    "BucketName", bucketName("prod", zone),
                    "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(rule))))));
        }
    }

    private static String cfnStorageClass(EnvironmentConfig.StorageClass c) {
        return switch (c) {
            case STANDARD_IA -> "STANDARD_IA";
            case INTELLIGENT_TIERING -> "INTELLIGENT_TIERING";
            case GLACIER_IR -> "GLACIER_IR";
            case GLACIER -> "GLACIER";
            case DEEP_ARCHIVE -> "DEEP_ARCHIVE";
        };
    }

    @Test
    void prodLake_retainsData_andIsTerminationProtected() {
        assertTrue(TestApps.stacks("prod").lake().getTerminationProtection());
        Template t = template("prod");
        t.findResources("AWS::S3::Bucket").values().forEach(b -> assertEquals("Retain", b.get("DeletionPolicy")));
        t.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
        assertTrue(t.findResources("Custom::S3AutoDeleteObjects").isEmpty(), "prod never empties buckets");
    }

    @Test
    void devLake_mayBeDestroyed() {
        assertFalse(TestApps.stacks("dev").lake().getTerminationProtection());
        Template t = template("dev");
        t.findResources("AWS::S3::Bucket").values().forEach(b -> assertEquals("Delete", b.get("DeletionPolicy")));
    }

    @Test
    void glueDatabases_existPerZone_forEverySourceDatabase() {
        Template t = template("dev");
        for (String db : List.of("orders", "flight_meta")) {
            t.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", db))));
            t.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "raw_" + db))));
        }
        t.resourceCountIs("AWS::Glue::Database", 4);
    }

    @Test
    void hashingKey_isGeneratedInSecretsManager_withTheLakeKey_andRetainedInProd() {
        template("prod").hasResource("AWS::SecretsManager::Secret", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Map.of(
                        "Name", "udong/prod/hashing-key",
                        "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                        "GenerateSecretString", Map.of("PasswordLength", 64, "ExcludePunctuation", true,
                                "IncludeSpace", false))));
    }

    @Test
    void athenaResults_expirePerTeamPrefix() {
        template("prod").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", bucketName("prod", LakeZone.ATHENA_RESULTS),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Map.of("Id", "expire-results-growth", "Prefix", "growth/", "ExpirationInDays", 30, "Status", "Enabled"))))));
    }

    @Test
    void spilledQueryData_expiresAfterADay() {
        template("prod").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", bucketName("prod", LakeZone.ATHENA_SPILL),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of("ExpirationInDays", 1))))));
    }
}
