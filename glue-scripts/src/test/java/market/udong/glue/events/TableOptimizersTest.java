package market.udong.glue.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import market.udong.core.testing.LocalGlueCatalog;
import market.udong.glue.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.TableOptimizerType;

class TableOptimizersTest {

    @Test
    void theFirstRunEnablesCompactionRetentionAndOrphanDeletion_asTheOptimizerRole_andLaterRunsLeaveThem() throws Exception {
        try (LocalGlueCatalog glue = LocalGlueCatalog.start();
             AwsClients aws = new AwsClients("ap-northeast-2", Optional.of(glue.endpoint()))) {
            String role = "arn:aws:iam::111111111111:role/udong-dev-events-optimizer";

            var first = TableOptimizers.enable(aws.glue(), "111111111111", "events", "app_events", role);
            var second = TableOptimizers.enable(aws.glue(), "111111111111", "events", "app_events", role);

            assertEquals(TableOptimizers.TYPES, first);
            assertEquals(java.util.List.of(), second, "already enabled: nothing created, nothing failed");
            var requests = glue.requests("CreateTableOptimizer");
            assertEquals(6, requests.size());
            for (int i = 0; i < 3; i++) {
                var body = requests.get(i).body();
                assertEquals("111111111111", body.path("CatalogId").asText());
                assertEquals("events", body.path("DatabaseName").asText());
                assertEquals("app_events", body.path("TableName").asText());
                assertEquals(TableOptimizers.TYPES.get(i).toString(), body.path("Type").asText());
                assertEquals(role, body.path("TableOptimizerConfiguration").path("roleArn").asText());
                assertEquals(true, body.path("TableOptimizerConfiguration").path("enabled").asBoolean());
            }
            assertEquals(TableOptimizerType.COMPACTION, first.get(0));
        }
    }
}
