package market.udong.glue.source;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The highest value of a table's watermark column that has reached the curated zone. The value
 * is the database's own text for it ({@code CAST(MAX(col) AS CHAR)}, in a UTC session), so
 * comparing against it in SQL is exact for integers, decimals, dates and timestamps alike.
 *
 * @param column  watermark column
 * @param value   its highest loaded value, as text
 * @param numeric true for number columns (compared unquoted), false for temporal ones
 */
public record Watermark(String column, String value, boolean numeric) {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern TEMPORAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?)?");

    public Watermark {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        if (!(numeric ? NUMBER : TEMPORAL).matcher(value).matches()) {
            throw new IllegalArgumentException("watermark value '" + value + "' of column " + column
                    + " is not a " + (numeric ? "number" : "date or timestamp"));
        }
    }

    /** The value as a SQL literal; safe to embed because the constructor admits digits and separators only. */
    public String sqlLiteral() {
        return numeric ? value : "'" + value + "'";
    }
}
