package market.udong.core.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One priced unit of the price table.
 *
 * @param key    the unit's key, e.g. {@code rds-instance-hour:db.t4g.micro}
 * @param usd    price of one unit in US dollars
 * @param unit   what one unit is, e.g. {@code hour}, {@code GB-month}
 * @param date   the day the source showed this price
 * @param source where the price comes from, or how an estimate derives it
 */
public record Price(String key, BigDecimal usd, String unit, LocalDate date, String source) {
    public Price {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the price derives from another figure rather than a published Seoul price. */
    public boolean estimate() {
        return source.startsWith("estimate");
    }
}
