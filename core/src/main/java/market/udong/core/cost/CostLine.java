package market.udong.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One component of an environment's monthly cost: {@code count} things, each using
 * {@code unitsEach} units of {@code price} a month.
 *
 * @param stack     the stack it is in (without the environment prefix), e.g. {@code Network}
 * @param component what it is, e.g. {@code NAT gateway}
 * @param count     how many of it
 * @param unitsEach units each uses a month (730 for an hourly price)
 * @param price     the unit price
 * @param kind      standing (paid while idle) or usage (from the load config states)
 * @param note      the assumption behind the figure, or empty
 */
public record CostLine(String stack, String component, BigDecimal count, BigDecimal unitsEach, Price price, Kind kind,
                       String note) {

    /** Paid whether or not anything runs, or estimated from the load the config states. */
    public enum Kind { STANDING, USAGE }

    public CostLine {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(unitsEach, "unitsEach");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
    }

    /** US dollars a month, to the cent. */
    public BigDecimal monthly() {
        return count.multiply(unitsEach).multiply(price.usd()).setScale(2, RoundingMode.HALF_UP);
    }

    /** Whether two lines describe the same thing and can be summed into one. */
    boolean sameAs(CostLine other) {
        return stack.equals(other.stack) && component.equals(other.component) && price.key().equals(other.price.key())
                && unitsEach.compareTo(other.unitsEach) == 0 && kind == other.kind && note.equals(other.note);
    }

    CostLine plus(CostLine other) {
        return new CostLine(stack, component, count.add(other.count), unitsEach, price, kind, note);
    }
}
