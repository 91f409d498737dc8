package market.udong.core.masking;

/**
 * A value that its column's configured type cannot hold (a number past a decimal's precision, a
 * string that is no date). The policy does not fit the data: the masking function quarantines the
 * file, the Glue job fails the run. The message names the column and the type, never the value,
 * which may be the very data being masked.
 */
public final class ColumnValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public ColumnValueException(String column, String problem) {
        super("column '" + column + "': " + problem);
        this.column = column;
    }

    /** The column whose value did not fit. */
    public String column() {
        return column;
    }
}
