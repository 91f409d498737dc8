package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Column rules as code builds them (masking pipelines, tests): what each accepts and the message when it does not. */
class ColumnRuleTest {

    @Test
    void truncateWithoutUnit_namesTheUnitsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnRule(ColumnPolicy.TRUNCATE, null, null, null));
        assertEquals("truncate needs a unit, e.g. truncate(day); allowed units: year, month, day, hour", e.getMessage());
    }

    @Test
    void unitOnAnotherPolicy_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnRule(ColumnPolicy.HASH, TruncateUnit.DAY, null, null));
        assertEquals("only truncate takes a unit", e.getMessage());
    }

    @Test
    void droppedColumn_cannotBeRetyped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnRule(ColumnPolicy.DROP, null, null, "string"));
        assertEquals("a dropped column cannot also be renamed or retyped", e.getMessage());
    }

    @Test
    void unparsableSpec_listsThePolicies() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnRule.parse("truncate(day"));
        assertEquals("'truncate(day' is not a column policy; allowed: keep, drop, hash, mask_email, mask_phone, redact, "
                + "nullify, truncate (truncate as truncate(<unit>))", e.getMessage());
    }

    @Test
    void unknownPolicy_isRefused_withTheAllowedIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnRule.parse("mask"));
        assertEquals("'mask' is not one of keep, drop, hash, mask_email, mask_phone, redact, nullify, truncate", e.getMessage());
    }

    @Test
    void of_isThePolicyAlone() {
        ColumnRule keep = ColumnRule.of(ColumnPolicy.KEEP);
        assertEquals(new ColumnRule(ColumnPolicy.KEEP, null, null, null), keep);
        assertEquals("keep", keep.policySpec());
        assertEquals("member_id", keep.outputName("member_id"));
        assertEquals("truncate(hour)", ColumnRule.parse(" truncate(hour) ").policySpec());
    }

    @Test
    void onlyKeep_letsOriginalValuesThrough() {
        assertFalse(ColumnPolicy.KEEP.hidesValues());
        for (ColumnPolicy policy : ColumnPolicy.values()) {
            assertEquals(policy != ColumnPolicy.KEEP, policy.hidesValues(), policy.id());
        }
        assertTrue(ColumnPolicy.NULLIFY.hidesValues());
    }

    @Test
    void engines_areListedByTheirYamlIds() {
        assertEquals("mysql, mariadb, postgres, aurora-mysql, aurora-postgres", Engine.allowed());
    }
}
