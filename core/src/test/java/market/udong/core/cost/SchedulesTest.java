package market.udong.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

    @ParameterizedTest(name = "{0} -> {1} runs a month")
    @CsvSource(delimiter = ';', value = {
            "cron(0 18 * * ? *); 30.42",          // 365 / 12
            "cron(0/15 * * * ? *); 2920.00",      // 4 x 24 x 365 / 12
            "cron(0 9 ? * MON-FRI *); 21.75",     // 2027 has 261 weekdays
            "cron(30 2 1 * ? *); 1.00",
            "cron(0 0,12 ? * SUN *); 8.67",       // 52 Sundays x 2
            "cron(0 6 * JAN,JUL ? *); 5.17",      // 62 days
            "cron(0 6 * * ? 2030); 0",            // not in the reference year
            "rate(5 minutes); 8760.00",
            "rate(1 hour); 730.00",
            "rate(2 days); 15.21",
    })
    void runsPerMonth_countsAWholeYear(String expression, BigDecimal expected) {
        assertEquals(0, expected.compareTo(Schedules.runsPerMonth(expression)), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 18 L * ? *)", "cron(0 18 ? * 6#3 *)", "cron(0 18 * * ?)", "every day", "cron(61 1 * * ? *)"})
    void whatItCannotCount_isAnError(String expression) {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedules.runsPerMonth(expression));
        assertTrue(e.getMessage().contains(expression), e.getMessage());
    }
}
