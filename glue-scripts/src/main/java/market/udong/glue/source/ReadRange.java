package market.udong.glue.source;

import java.util.Optional;

/**
 * What one run reads: rows above the last loaded watermark up to the highest watermark seen
 * when the run started (rows arriving during the run wait for the next one), split into
 * parallel reads between the split column's bounds.
 *
 * @param after      exclusive lower watermark; empty reads from the start
 * @param upTo       inclusive upper watermark; empty when the table has no watermark column
 * @param splitLower lowest split-column value in range, as text; empty without a split column or rows
 * @param splitUpper highest split-column value in range, as text
 * @param empty      true when no row is in range
 */
public record ReadRange(Optional<Watermark> after, Optional<Watermark> upTo,
                        Optional<String> splitLower, Optional<String> splitUpper, boolean empty) {
}
