package market.udong.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The on-demand unit prices of one region, read from {@code prices-<region>.yaml} next to this
 * class: every entry has a price, a unit, the date its source showed it, and the source.
 */
public final class PriceTable {
    /** A table whose {@code checked} date is older than this gets a warning. */
    public static final int MAX_AGE_DAYS = 180;

    private final String region;
    private final LocalDate checked;
    private final int hoursPerMonth;
    private final Map<String, Price> prices;

    PriceTable(String region, LocalDate checked, int hoursPerMonth, Map<String, Price> prices) {
        this.region = region;
        this.checked = checked;
        this.hoursPerMonth = hoursPerMonth;
        this.prices = Map.copyOf(prices);
    }

    /** The table of a region. */
    public static PriceTable forRegion(String region) {
        String file = "prices-" + region + ".yaml";
        try (InputStream in = PriceTable.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("no price table for region " + region + ": add " + resourcePath(file)
                        + " (the same keys as prices-ap-northeast-2.yaml, each with usd, unit, date and source)");
            }
            return parse(file, new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourcePath(file), e);
        }
    }

    static String resourcePath(String file) {
        return "core/src/main/resources/market/udong/core/cost/" + file;
    }

    static PriceTable parse(String file, JsonNode root) {
        String region = text(file, root, "region");
        LocalDate checked = date(file, "checked", text(file, root, "checked"));
        int hours = root.path("hoursPerMonth").asInt(0);
        if (hours <= 0) {
            throw new IllegalArgumentException(resourcePath(file) + ": hoursPerMonth must be a positive number (730)");
        }
        Map<String, Price> prices = new TreeMap<>();
        JsonNode entries = root.path("prices");
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "prices." + e.getKey();
            JsonNode p = e.getValue();
            if (!p.path("usd").isNumber() || p.path("usd").decimalValue().signum() < 0) {
                throw new IllegalArgumentException(resourcePath(file) + ": " + where + ".usd must be a price of 0 or more");
            }
            prices.put(e.getKey(), new Price(e.getKey(), p.path("usd").decimalValue(), text(file, p, "unit", where),
                    date(file, where + ".date", text(file, p, "date", where)), text(file, p, "source", where)));
        }
        if (prices.isEmpty()) {
            throw new IllegalArgumentException(resourcePath(file) + ": the table has no prices");
        }
        return new PriceTable(region, checked, hours, prices);
    }

    private static String text(String file, JsonNode node, String field) {
        return text(file, node, field, null);
    }

    private static String text(String file, JsonNode node, String field, String parent) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(resourcePath(file) + ": " + (parent == null ? "" : parent + ".") + field
                    + " is required");
        }
        return value.asText();
    }

    private static LocalDate date(String file, String where, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(resourcePath(file) + ": " + where + " must be a date (YYYY-MM-DD), got " + value);
        }
    }

    public String region() {
        return region;
    }

    public LocalDate checked() {
        return checked;
    }

    /** Hours billed in a month (730: 8,760 / 12). */
    public BigDecimal hoursPerMonth() {
        return BigDecimal.valueOf(hoursPerMonth);
    }

    /** The price of a unit, or a message that says which entry to add. */
    public Price price(String key) {
        Price p = prices.get(key);
        if (p == null) {
            throw new MissingPriceException(key, region);
        }
        return p;
    }

    public boolean has(String key) {
        return prices.containsKey(key);
    }

    public Map<String, Price> prices() {
        return prices;
    }

    /** A warning when the table was last checked more than {@value #MAX_AGE_DAYS} days before {@code today}. */
    public Optional<String> staleness(LocalDate today) {
        long age = ChronoUnit.DAYS.between(checked, today);
        if (age <= MAX_AGE_DAYS) {
            return Optional.empty();
        }
        return Optional.of("the " + region + " price table was checked " + age + " days ago (" + checked + "), more than "
                + MAX_AGE_DAYS + ": compare it with the AWS Price List and update 'checked' in "
                + resourcePath("prices-" + region + ".yaml"));
    }

    /** A resource needs a unit the table does not price. */
    public static final class MissingPriceException extends IllegalArgumentException {
        private final String key;

        MissingPriceException(String key, String region) {
            super("no price for '" + key + "' in " + region + ": add it to " + resourcePath("prices-" + region + ".yaml")
                    + " with usd, unit, date and source (the AWS Price List of the service, or an estimate that says how)");
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
