package market.udong.glue.source;

import java.util.Objects;

/**
 * A source column and how much of it a read selects. Policies that never look at a value leave it
 * in the database, so it is neither sent over the network nor decoded: {@code redact} needs only
 * to know whether a value is there, {@code nullify} not even that.
 *
 * @param column  the column
 * @param content what the read selects of it
 */
public record ReadColumn(SourceColumn column, Content content) {

    /** What a read selects of a column. */
    public enum Content {
        /** The values, typed by the DESIGN section 6 rules. */
        VALUES,
        /** {@code true} where the row has a value and null where it has NULL, as a boolean column of the same name. */
        PRESENCE,
        /** Null in every row, typed as the values would be. */
        NOTHING
    }

    public ReadColumn {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(content, "content");
    }

    /** The column's values. */
    public static ReadColumn values(SourceColumn column) {
        return new ReadColumn(column, Content.VALUES);
    }

    public String name() {
        return column.name();
    }
}
