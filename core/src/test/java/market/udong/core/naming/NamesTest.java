package market.udong.core.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void exportTaskIdentifier_isSourceAndUtcSnapshotTime() {
        // GIVEN a snapshot taken at 18:05:12.345 UTC on 1 March 2024
        Instant snapshot = Instant.parse("2024-03-01T18:05:12.345Z");

        // WHEN / THEN the identifier names the source and the second, and is the same every time
        assertEquals("orders-20240301-180512", Names.exportTaskIdentifier("orders", snapshot));
        assertEquals(Names.exportTaskIdentifier("flight-meta", snapshot), Names.exportTaskIdentifier("flight-meta", snapshot));
    }

    @Test
    void exportTaskIdentifier_ofTheLongestSourceName_fitsRdsLimit() {
        // GIVEN a source name of the schema's maximum length (31 characters)
        String longest = "a" + "b-".repeat(15);

        // WHEN the identifier is made
        String id = Names.exportTaskIdentifier(longest.substring(0, 31).replaceAll("-$", "c"), Instant.EPOCH);

        // THEN it is within RDS's 60 characters and its rules
        assertTrue(id.length() <= Names.MAX_EXPORT_TASK_IDENTIFIER, id);
        assertTrue(Names.isValidExportTaskIdentifier(id), id);
    }

    @Test
    void exportTaskIdentifier_refusesNamesRdsWouldRefuse() {
        // GIVEN / WHEN / THEN identifiers breaking RDS's rules are refused before RDS sees them
        assertThrows(IllegalArgumentException.class, () -> Names.exportTaskIdentifier("orders-", Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> Names.exportTaskIdentifier("ord--ers", Instant.EPOCH));
        assertFalse(Names.isValidExportTaskIdentifier("1orders-20240101-000000"), "must start with a letter");
        assertFalse(Names.isValidExportTaskIdentifier("orders_x-20240101-000000"), "letters, digits and hyphens only");
        assertFalse(Names.isValidExportTaskIdentifier("a".repeat(61)), "at most 60 characters");
    }

    @Test
    void exportPrefix_isSourceAndSnapshotDate() {
        assertEquals("orders/2024/03/01/", Names.exportPrefix("orders", java.time.LocalDate.of(2024, 3, 1)));
    }
}
