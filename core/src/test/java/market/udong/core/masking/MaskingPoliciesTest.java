package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.config.UnknownColumnAction;
import org.junit.jupiter.api.Test;

class MaskingPoliciesTest {

    @Test
    void toJson_fromJson_roundTripsEveryTableOfTheRepositoryConfig() {
        // GIVEN the repository's own config
        PlatformConfig config = new ConfigLoader().load(Path.of("..", "config"), "dev");
        MaskingPolicies policies = MaskingPolicies.of(config.sources());

        // WHEN written and read back
        MaskingPolicies read = MaskingPolicies.fromJson(policies.toJson());

        // THEN every table's rules survive, in order
        TableConfig members = read.table("orders", "orders", "members").orElseThrow();
        TableConfig original = policies.table("orders", "ORDERS", "Members").orElseThrow();
        assertEquals(original.columns(), members.columns());
        assertEquals(java.util.List.copyOf(original.columns().keySet()), java.util.List.copyOf(members.columns().keySet()));
        assertEquals(UnknownColumnAction.DROP, members.onUnknownColumn());
        assertEquals("email_hash", members.columns().get("email").rename());
        assertTrue(read.table("orders", "orders", "nope").isEmpty());
        assertTrue(policies.toJson().length() < 4096, "fits a Lambda environment too: " + policies.toJson().length());
    }

    @Test
    void fromJson_rejectsOtherVersionsAndBadRules_withThePath() {
        assertThrows(IllegalArgumentException.class, () -> MaskingPolicies.fromJson("{\"version\":2,\"sources\":{}}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingPolicies.fromJson(
                "{\"version\":1,\"sources\":{\"s\":[{\"database\":\"d\",\"name\":\"t\",\"columns\":{\"c\":\"shred\"}}]}}"));
        assertTrue(e.getMessage().contains("sources.s[0].columns.c"), e.getMessage());
    }
}
