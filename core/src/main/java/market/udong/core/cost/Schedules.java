package market.udong.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often an EventBridge / Glue schedule expression fires in an average month, counted over a
 * whole reference year (2027, not a leap year) and divided by 12.
 *
 * <p>Supports {@code rate(n minute|minutes|hour|hours|day|days)} and
 * {@code cron(minutes hours day-of-month month day-of-week year)} with {@code *}, {@code ?},
 * lists, ranges, steps and month and day names. {@code L}, {@code W} and {@code #} are not
 * estimated: they throw, and the caller says so.
 */
public final class Schedules {
    private Schedules() {
    }

    private static final int YEAR = 2027;
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** Runs in an average month, to two decimals. */
    public static BigDecimal runsPerMonth(String expression) {
        String e = expression.trim();
        Matcher rate = RATE.matcher(e);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            if (n == 0) {
                throw new IllegalArgumentException("rate of 0 in " + expression);
            }
            long minutes = switch (rate.group(2)) {
                case "minute", "minutes" -> n;
                case "hour", "hours" -> n * 60;
                default -> n * 1440;
            };
            return BigDecimal.valueOf(365L * 1440).divide(BigDecimal.valueOf(minutes * 12), 2, RoundingMode.HALF_UP);
        }
        Matcher cron = CRON.matcher(e);
        if (!cron.matches()) {
            throw new IllegalArgumentException("not a schedule expression: " + expression);
        }
        String[] f = cron.group(1).trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a cron expression has 6 fields (minutes hours day-of-month month "
                    + "day-of-week year): " + expression);
        }
        BitSet minutes = field(f[0], 0, 59, List.of(), expression);
        BitSet hours = field(f[1], 0, 23, List.of(), expression);
        BitSet dom = field(f[2], 1, 31, List.of(), expression);
        BitSet month = field(f[3], 1, 12, MONTHS, expression);
        BitSet dow = field(f[4], 1, 7, DAYS, expression);
        BitSet year = field(f[5], 1970, 2199, List.of(), expression);
        if (!year.get(YEAR)) {
            return BigDecimal.ZERO;
        }
        long perDay = (long) minutes.cardinality() * hours.cardinality();
        long days = 0;
        for (LocalDate d = LocalDate.of(YEAR, 1, 1); d.getYear() == YEAR; d = d.plusDays(1)) {
            int weekday = d.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : d.getDayOfWeek().getValue() + 1;
            if (dom.get(d.getDayOfMonth()) && month.get(d.getMonthValue()) && dow.get(weekday)) {
                days++;
            }
        }
        return BigDecimal.valueOf(days * perDay).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
    }

    private static BitSet field(String spec, int min, int max, List<String> names, String expression) {
        BitSet set = new BitSet(max + 1);
        for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
            if (part.contains("L") && !names.contains(part) || part.contains("W") && !names.contains(part)
                    || part.contains("#")) {
                throw new IllegalArgumentException("'" + part + "' (L, W, #) is not estimated: " + expression);
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = value(ends[0], names, expression);
                to = value(ends[1], names, expression);
            } else {
                from = value(range, names, expression);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new IllegalArgumentException("'" + part + "' is out of range " + min + "-" + max + ": " + expression);
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(String token, List<String> names, String expression) {
        int named = names.indexOf(token);
        if (named >= 0) {
            return named + 1;
        }
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "' is not a value of this field: " + expression);
        }
    }
}
