package market.udong.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable seoul = PriceTable.forRegion("ap-northeast-2");

    @Test
    void everySeoulPrice_hasAUnitADateNotAfterTheCheck_andASource() {
        assertFalse(seoul.prices().isEmpty());
        seoul.prices().values().forEach(p -> {
            assertTrue(p.usd().signum() > 0, p.key() + " is free");
            assertFalse(p.unit().isBlank(), p.key());
            assertFalse(p.source().isBlank(), p.key());
            assertFalse(p.date().isAfter(LocalDate.of(2026, 12, 31)), p.key() + " dated in the future");
        });
        assertEquals(730, seoul.hoursPerMonth().intValue());
    }

    @Test
    void staleness_warnsOnlyPastTheStatedAge_andSaysWhatToDo() {
        assertTrue(seoul.staleness(seoul.checked().plusDays(PriceTable.MAX_AGE_DAYS)).isEmpty());
        String warning = seoul.staleness(seoul.checked().plusDays(PriceTable.MAX_AGE_DAYS + 1)).orElseThrow();
        assertTrue(warning.contains("181 days ago") && warning.contains("prices-ap-northeast-2.yaml"), warning);
    }

    @Test
    void aMissingPrice_namesTheKeyAndTheFileToAddItTo() {
        var e = assertThrows(PriceTable.MissingPriceException.class, () -> seoul.price("rds-instance-hour:db.x2g.16xlarge"));
        assertEquals("rds-instance-hour:db.x2g.16xlarge", e.key());
        assertTrue(e.getMessage().contains("core/src/main/resources/market/udong/core/cost/prices-ap-northeast-2.yaml"),
                e.getMessage());
    }

    @Test
    void aRegionWithoutATable_isAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> PriceTable.forRegion("eu-west-1"));
        assertTrue(e.getMessage().contains("prices-eu-west-1.yaml"), e.getMessage());
    }

    @Test
    void anEntryWithoutItsSource_isRejectedByName() throws Exception {
        var root = new YAMLMapper().readTree("region: r\nchecked: 2026-01-01\nhoursPerMonth: 730\n"
                + "prices:\n  kms-key-month: { usd: 1.0, unit: key-month, date: 2026-01-01 }\n");
        var e = assertThrows(IllegalArgumentException.class, () -> PriceTable.parse("prices-r.yaml", root));
        assertTrue(e.getMessage().contains("prices.kms-key-month.source is required"), e.getMessage());
    }
}
