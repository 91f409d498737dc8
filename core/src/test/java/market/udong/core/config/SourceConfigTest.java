package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where DMS reads a source and whether the platform must reach the primary's VPC, per engine. */
class SourceConfigTest {

    private static final SourceConfig.Primary PRIMARY = new SourceConfig.Primary("db-1", "cluster-1", "db.example", null,
            "sg-1", "arn:secret");

    private static SourceConfig source(Engine engine, SourceConfig.Primary primary, int replicas, Ingestion ingestion) {
        TableConfig table = new TableConfig("shop", "items", ingestion, null, Map.of("id", ColumnRule.of(ColumnPolicy.KEEP)),
                null, null, null);
        return new SourceConfig("shop", engine, primary, new SourceConfig.Replicas(replicas, null), null, List.of(table));
    }

    @Test
    void dmsReadsTheReplica_ofRdsMysqlAndMariadbOnly() {
        assertTrue(source(Engine.MYSQL, PRIMARY, 1, Ingestion.DMS).dmsReadsReplica());
        assertTrue(source(Engine.MARIADB, PRIMARY, 1, Ingestion.DMS).dmsReadsReplica());
        assertFalse(source(Engine.POSTGRES, PRIMARY, 1, Ingestion.DMS).dmsReadsReplica(), "PostgreSQL replicas are no logical source");
        assertFalse(source(Engine.AURORA_MYSQL, PRIMARY, 1, Ingestion.DMS).dmsReadsReplica(), "Aurora readers keep no binary log");
        assertFalse(source(Engine.MYSQL, PRIMARY, 0, Ingestion.DMS).dmsReadsReplica(), "no replica to read");
        assertFalse(source(Engine.MYSQL, PRIMARY, 1, Ingestion.SNAPSHOT).dmsReadsReplica(), "no DMS tables");
    }

    @Test
    void primaryNetwork_isReached_forAuroraReaders_andDmsOnThePrimary() {
        assertTrue(source(Engine.AURORA_MYSQL, PRIMARY, 1, Ingestion.SNAPSHOT).reachesPrimaryNetwork(), "Aurora readers");
        assertFalse(source(Engine.AURORA_MYSQL, PRIMARY, 0, Ingestion.SNAPSHOT).reachesPrimaryNetwork(), "no readers, no DMS");
        assertTrue(source(Engine.POSTGRES, PRIMARY, 1, Ingestion.DMS).reachesPrimaryNetwork(), "DMS reads the PostgreSQL primary");
        assertFalse(source(Engine.MYSQL, PRIMARY, 1, Ingestion.DMS).reachesPrimaryNetwork(), "DMS reads the replica in our VPC");
    }

    @Test
    void createdPrimary_isInThePlatformsOwnVpc() {
        assertFalse(source(Engine.AURORA_MYSQL, null, 1, Ingestion.DMS).reachesPrimaryNetwork());
        assertEquals(Optional.empty(), source(Engine.MYSQL, null, 1, Ingestion.DMS).existingPrimary());
    }

    @Test
    void primaryNetworkName_isTheConnectionConfigGives() {
        SourceConfig.Primary reached = new SourceConfig.Primary("db-1", null, "db.example", null, "sg-1", "arn:secret", "8.0", "orders-vpc");

        assertEquals(Optional.of("orders-vpc"), reached.networkName());
        assertEquals(Optional.empty(), PRIMARY.networkName());
    }

    @Test
    void fixedDeployedSources_areFoundByName_andListedInNameOrder() {
        DeployedSource zeta = DeployedSource.of(source(Engine.MYSQL, PRIMARY, 1, Ingestion.SNAPSHOT), Optional.empty());
        SourceConfig alphaConfig = new SourceConfig("alpha", Engine.MYSQL, PRIMARY, new SourceConfig.Replicas(1, null), null,
                source(Engine.MYSQL, PRIMARY, 1, Ingestion.SNAPSHOT).tables());
        DeployedSource alpha = DeployedSource.of(alphaConfig, Optional.empty());

        DeployedSources sources = DeployedSources.of(List.of(zeta, alpha));

        assertEquals(Optional.of(alpha), sources.source("alpha"));
        assertEquals(Optional.of(zeta), sources.source("shop"));
        assertEquals(Optional.empty(), sources.source("nowhere"));
        assertEquals(List.of(alpha, zeta), sources.all());
    }

    @Test
    void table_defaults_dropUnknownColumns_andUseDefaultGlueSettings() {
        TableConfig table = source(Engine.MYSQL, PRIMARY, 1, Ingestion.GLUE).tables().get(0);

        assertEquals(UnknownColumnAction.DROP, table.onUnknownColumn());
        assertEquals(TableConfig.GlueSettings.DEFAULTS, table.glueSettings());
        assertEquals(Optional.of(ColumnRule.of(ColumnPolicy.KEEP)), table.ruleFor("id"));
        assertEquals(Optional.empty(), table.ruleFor("name"));
        assertEquals("shop.items", table.qualifiedName());
    }

    @Test
    void table_settings_areItsOwnWhereGiven() {
        TableConfig.GlueSettings big = new TableConfig.GlueSettings("G.2X", 10, null, null, null, null, null, null, null);
        TableConfig table = new TableConfig("shop", "items", Ingestion.GLUE, UnknownColumnAction.FAIL, Map.of(), null, big, null);

        assertEquals(big, table.glueSettings());
        assertEquals(UnknownColumnAction.FAIL, table.onUnknownColumn());
    }
}
