package market.udong.lambdas.masking;

import market.udong.lambdas.masking.ParquetTypes.ValueSink;
import market.udong.lambdas.masking.ParquetTypes.ValueSource;

/**
 * One output column's masking of a single non-null input value, from physical value to
 * physical value (the column's {@code ColumnTransform}, or a byte-level shortcut with the same
 * result). Deterministic: the same input always gives the same output, so a dictionary entry
 * may be masked once for every row that uses it. One per output column and file; not
 * thread-safe (it may hold a {@code ColumnMasks.Hasher}).
 */
interface ValueMask {

    /**
     * Writes the masked form of {@code in}'s value to {@code out}.
     *
     * @return false when the value masks to null; nothing was written then
     * @throws IllegalArgumentException when the value cannot take the output type
     */
    boolean apply(ValueSource in, ValueSink out);
}
