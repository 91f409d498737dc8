package market.udong.infra.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.infra.TestApps;
import market.udong.infra.stacks.PlatformStack;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * What "prod data is retained" means, for every stack and every data store, not a sample: each prod
 * stack is termination-protected, and each resource that holds data (buckets, databases, the Kafka
 * cluster, streams, secrets, keys, log groups) survives its stack's deletion and its own replacement.
 * dev, which config marks disposable, is the contrast: nothing there is protected, so the test proves
 * the policy follows config rather than being set everywhere.
 */
class RetentionTest {

    /** Resource types that hold data or guard it. */
    static final Set<String> DATA_STORES = Set.of(
            "AWS::S3::Bucket", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::MSK::Cluster",
            "AWS::Kinesis::Stream", "AWS::SecretsManager::Secret", "AWS::KMS::Key", "AWS::Logs::LogGroup",
            "AWS::Glue::Database", "AWS::SQS::Queue");
    /** RDS keeps a final snapshot instead of the instance: data retained, the instance not billed. */
    static final Set<String> KEPT = Set.of("Retain", "RetainExceptOnCreate", "Snapshot");

    @Test
    void everyProdStack_isTerminationProtected_andEveryDevStackIsNot() {
        List<PlatformStack> prod = TestApps.stacks("prod").all();
        assertTrue(prod.size() >= 7, "prod has " + prod.size() + " stacks");
        prod.forEach(s -> assertTrue(s.getTerminationProtection(), s.getStackName()));
        TestApps.stacks("dev").all().forEach(s -> assertFalse(s.getTerminationProtection(), s.getStackName()));
    }

    @Test
    void everyProdDataStore_survivesDeletionAndReplacement() {
        List<String> unprotected = new ArrayList<>();
        int stores = 0;
        for (PlatformStack stack : TestApps.stacks("prod").all()) {
            Map<String, Object> resources = resources(stack);
            for (Map.Entry<String, Object> e : resources.entrySet()) {
                Map<?, ?> r = (Map<?, ?>) e.getValue();
                if (!DATA_STORES.contains(String.valueOf(r.get("Type")))) {
                    continue;
                }
                stores++;
                if (!KEPT.contains(String.valueOf(r.get("DeletionPolicy"))) || !KEPT.contains(String.valueOf(r.get("UpdateReplacePolicy")))) {
                    unprotected.add(stack.getStackName() + "/" + e.getKey() + " (" + r.get("Type") + "): DeletionPolicy "
                            + r.get("DeletionPolicy") + ", UpdateReplacePolicy " + r.get("UpdateReplacePolicy"));
                }
            }
        }
        assertTrue(stores > 30, "prod has " + stores + " data stores");
        assertEquals(List.of(), unprotected);
    }

    @Test
    void prodDatabases_areAlsoDeletionProtected() {
        int databases = 0;
        for (PlatformStack stack : TestApps.stacks("prod").all()) {
            Template t = Template.fromStack(stack);
            databases += t.findResources("AWS::RDS::DBInstance").size() + t.findResources("AWS::RDS::DBCluster").size();
            t.findResources("AWS::RDS::DBInstance").forEach((id, r) -> {
                Map<?, ?> p = (Map<?, ?>) r.get("Properties");
                assertEquals(true, p.get("DeletionProtection"), stack.getStackName() + "/" + id);
            });
            t.findResources("AWS::RDS::DBCluster").forEach((id, r) -> assertEquals(true,
                    ((Map<?, ?>) r.get("Properties")).get("DeletionProtection"), stack.getStackName() + "/" + id));
        }
        // prod's replicas (orders ×2, flight-meta) and the BI database
        assertTrue(databases >= 4, databases + " prod databases");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(PlatformStack stack) {
        return (Map<String, Object>) Template.fromStack(stack).toJSON().get("Resources");
    }
}
