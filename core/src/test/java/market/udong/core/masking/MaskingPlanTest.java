package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ColumnRule;
import market.udong.core.config.Ingestion;
import market.udong.core.config.TableConfig;
import market.udong.core.config.UnknownColumnAction;
import market.udong.core.masking.MaskingPlan.Step;
import org.junit.jupiter.api.Test;

class MaskingPlanTest {

    /** members: listed in another order than the file's columns, which must not matter. */
    static TableConfig members(UnknownColumnAction onUnknown) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("created_at", ColumnRule.parse("truncate(day)"));
        columns.put("password", ColumnRule.parse("drop"));
        columns.put("email", ColumnRule.parse("hash", "email_hash", null));
        columns.put("id", ColumnRule.parse("keep"));
        columns.put("age", ColumnRule.parse("keep", null, "int"));
        return new TableConfig("shop", "members", Ingestion.SNAPSHOT, onUnknown, columns, null, null, null);
    }

    static final List<String> FILE_COLUMNS = List.of("id", "email", "nickname", "password", "age", "created_at", "memo");

    @Test
    void steps_followTheInputsOrder_withRenamedOutputs() {
        // WHEN a file's columns are planned
        MaskingPlan plan = MaskingPlan.of(members(UnknownColumnAction.DROP), FILE_COLUMNS);
        // THEN each classified, kept column is one step, in the file's order, under its output name
        assertEquals(List.of("id", "email", "age", "created_at"), plan.steps().stream().map(Step::source).toList());
        assertEquals(List.of("id", "email_hash", "age", "created_at"), plan.steps().stream().map(Step::output).toList());
        assertEquals(ColumnRule.parse("hash", "email_hash", null), plan.steps().get(1).rule());
    }

    @Test
    void droppedAndUnclassifiedColumns_areNoSteps_andAreListedApart() {
        // GIVEN a file with a dropped and two unclassified columns WHEN planned THEN they are listed apart, in file order
        MaskingPlan plan = MaskingPlan.of(members(UnknownColumnAction.DROP), FILE_COLUMNS);
        assertEquals(List.of("password"), plan.dropped());
        assertEquals(List.of("nickname", "memo"), plan.unknown());
    }

    @Test
    void unclassifiedColumns_underFail_rejectTheInput_namingTableAndColumns() {
        PolicyViolation e = assertThrows(PolicyViolation.class,
                () -> MaskingPlan.of(members(UnknownColumnAction.FAIL), FILE_COLUMNS));
        assertEquals("table shop.members has unclassified column(s) [nickname, memo] and onUnknownColumn is fail;"
                + " classify them in the source config", e.getMessage());
    }

    @Test
    void fail_letsAFullyClassifiedInputThrough() {
        // GIVEN onUnknownColumn fail and a file whose columns are all classified WHEN planned THEN it passes
        MaskingPlan plan = MaskingPlan.of(members(UnknownColumnAction.FAIL), List.of("id", "password", "email"));
        assertEquals(List.of("id", "email_hash"), plan.steps().stream().map(Step::output).toList());
        assertEquals(List.of("password"), plan.dropped());
        assertEquals(List.of(), plan.unknown());
    }

    @Test
    void maskedCount_countsTheStepsThatChangeValues() {
        // GIVEN the planned file WHEN its masked columns are counted THEN only policies that hide values count
        // id and age keep their values (age only changes type); email is hashed, created_at truncated
        assertEquals(2, MaskingPlan.of(members(UnknownColumnAction.DROP), FILE_COLUMNS).maskedCount());
        assertEquals(0, MaskingPlan.of(members(UnknownColumnAction.DROP), List.of("id", "age")).maskedCount());
    }

    @Test
    void passesThrough_onlyForKeepWithoutATypeOverride() {
        // GIVEN steps of keep, keep with a type, hash and a renamed mask WHEN asked THEN only plain keep passes through
        assertTrue(new Step("id", "id", ColumnRule.parse("keep")).passesThrough());
        assertFalse(new Step("age", "age", ColumnRule.parse("keep", null, "int")).passesThrough());
        assertFalse(new Step("email", "email", ColumnRule.parse("hash")).passesThrough());
        assertFalse(new Step("email", "email_hash", ColumnRule.parse("mask_email", "email_masked", null)).passesThrough());
    }

    @Test
    void thePlan_isACopy_thatLaterChangesToItsListsDoNotReach() {
        // GIVEN a plan built from a list WHEN that list changes THEN the plan does not, and cannot be changed itself
        List<String> unknown = new ArrayList<>(List.of("memo"));
        MaskingPlan plan = new MaskingPlan(List.of(), List.of(), unknown);
        unknown.add("nickname");
        assertEquals(List.of("memo"), plan.unknown());
        assertThrows(UnsupportedOperationException.class, () -> plan.unknown().add("x"));
    }
}
