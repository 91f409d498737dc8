package market.udong.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.TableConfig;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.Engine;
import market.udong.core.naming.GlueJobArgs;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    static final TableConfig ITEMS = new TableConfig("orders", "Order_Items", Ingestion.GLUE, null,
            Map.of("order_item_id", ColumnRule.parse("keep")), null, null, null);

    static final String CONFIG = "s3://udong-dev-config-111111111111-ap-northeast-2/sources/orders.json";

    static List<String> deployedArgs() {
        return new ArrayList<>(List.of(
                GlueJobArgs.SOURCE, "orders", GlueJobArgs.SOURCE_CONFIG, CONFIG,
                GlueJobArgs.TABLE, ITEMS.qualifiedName(),
                GlueJobArgs.REPLICA_HOST, "orders-replica-1.abc.ap-northeast-2.rds.amazonaws.com",
                GlueJobArgs.DB_SECRET, "arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:orders-ro",
                GlueJobArgs.HMAC_SECRET, "arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:hmac",
                GlueJobArgs.CURATED_LOCATION, "s3://udong-dev-curated-111111111111-ap-northeast-2/",
                GlueJobArgs.REGION, "ap-northeast-2"));
    }

    @Test
    void from_deployedArguments_useSecretsTlsAndTheCuratedPrefix() {
        IngestSettings settings = IngestSettings.from(JobArguments.parse(deployedArgs().toArray(String[]::new)),
                configOf(Engine.AURORA_MYSQL));

        assertEquals(java.util.Optional.of("orders-replica-1.abc.ap-northeast-2.rds.amazonaws.com"), settings.replicaHost());
        assertTrue(settings.replicaPort().isEmpty(), "the port comes from the read-only secret");
        assertEquals("REQUIRED", settings.sslMode());
        assertFalse(settings.fullRefresh());
        assertTrue(settings.dbUser().isEmpty() && settings.hmacKey().isEmpty());
        assertEquals("s3://udong-dev-curated-111111111111-ap-northeast-2/orders/orders/order_items",
                settings.tableLocation());
        assertEquals(2 * 2, settings.glue().partitions(), "defaults where the table has no glue settings");
    }

    @Test
    void from_refusesPostgresAndMissingSecrets() {
        IllegalArgumentException pg = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.from(JobArguments.parse(deployedArgs().toArray(String[]::new)), configOf(Engine.POSTGRES)));
        assertTrue(pg.getMessage().contains("MySQL-compatible"), pg.getMessage());

        List<String> noSecret = deployedArgs();
        int i = noSecret.indexOf(GlueJobArgs.HMAC_SECRET);
        noSecret.subList(i, i + 2).clear();
        IllegalArgumentException hmac = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.from(JobArguments.parse(noSecret.toArray(String[]::new)), configOf(Engine.MYSQL)));
        assertEquals("job argument " + GlueJobArgs.HMAC_SECRET + " is required", hmac.getMessage());
    }

    @Test
    void from_readsTheTableFromTheDeployedConfig_andNamesATableItDoesNotHold() {
        List<String> other = deployedArgs();
        other.set(other.indexOf(ITEMS.qualifiedName()), "orders.refunds");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.from(JobArguments.parse(other.toArray(String[]::new)), configOf(Engine.MYSQL)));
        assertTrue(missing.getMessage().contains("orders.refunds") && missing.getMessage().contains(CONFIG),
                missing.getMessage());

        IllegalArgumentException wrongSource = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.from(JobArguments.parse(deployedArgs().toArray(String[]::new)),
                        uri -> new DeployedSource("payments", Engine.MYSQL, null, null, List.of(ITEMS)).toJson()));
        assertTrue(wrongSource.getMessage().contains("'payments'"), wrongSource.getMessage());
    }

    /** A reader that serves the orders source's deployed config (with ITEMS) at {@link #CONFIG}. */
    static java.util.function.Function<String, String> configOf(Engine engine) {
        return uri -> {
            assertEquals(CONFIG, uri);
            return new DeployedSource("orders", engine, null, null, List.of(ITEMS)).toJson();
        };
    }
}
