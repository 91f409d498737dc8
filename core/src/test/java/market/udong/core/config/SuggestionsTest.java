package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "did you mean" hint: edit distance, how close counts as a likely typo, and which candidate is named. */
class SuggestionsTest {

    @Test
    void distance_countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(2, Suggestions.distance("flaw", "lawn"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(3, Suggestions.distance("abc", ""));
        assertEquals(0, Suggestions.distance("staging", "staging"));
    }

    @Test
    void closest_ignoresCase_andNamesTheCandidateAsWritten() {
        assertEquals(" (did you mean 'staging'?)", Suggestions.closest("STAGIN", List.of("dev", "staging", "prod")));
    }

    @Test
    void shortNames_allowTwoEdits_longerOnesAThirdOfTheirLength() {
        // GIVEN a 3-letter name: 2 edits are a typo, 3 are another word
        assertEquals(" (did you mean 'dve'?)", Suggestions.closest("dev", List.of("dve")));
        assertEquals("", Suggestions.closest("gro", List.of("growth")));
        // GIVEN a 9-letter name: 3 edits still count, 4 do not
        assertEquals(" (did you mean 'abcdefghi'?)", Suggestions.closest("abcdefxyz", List.of("abcdefghi")));
        assertEquals("", Suggestions.closest("abcdewxyz", List.of("abcdefghi")));
    }

    @Test
    void closest_ofEquallyCloseCandidates_isTheFirstListed() {
        assertEquals(" (did you mean 'dev2'?)", Suggestions.closest("dev1", List.of("dev2", "dev3")));
    }

    @Test
    void closest_ofNoCandidates_isNoHint() {
        assertEquals("", Suggestions.closest("dev", List.of()));
    }
}
