package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CIDR blocks as the connection checks compare them: first and last address, and whether two share one. */
class CidrsTest {

    @Test
    void range_isTheBlocksFirstAndLastAddress_evenFromAHostAddress() {
        // 10.1.0.0 = 167837696, 10.1.255.255 = 167903231
        assertArrayEquals(new long[] {167_837_696L, 167_903_231L}, Cidrs.range("10.1.2.3/16"));
        assertArrayEquals(new long[] {167_772_415L, 167_772_415L}, Cidrs.range("10.0.0.255/32"));
        assertArrayEquals(new long[] {4_294_967_040L, 4_294_967_295L}, Cidrs.range("255.255.255.0/24"));
    }

    @Test
    void blocksSharingOnlyTheirEdgeAddress_overlap() {
        // the /32 is the /24's last address, in either order
        assertTrue(Cidrs.overlap("10.0.0.255/32", "10.0.0.0/24"));
        assertTrue(Cidrs.overlap("10.0.0.0/24", "10.0.0.255/32"));
    }

    @Test
    void adjacentBlocks_doNotOverlap() {
        assertFalse(Cidrs.overlap("10.0.0.0/24", "10.0.1.0/24"));
        assertFalse(Cidrs.overlap("10.0.1.0/24", "10.0.0.0/24"));
        assertTrue(Cidrs.overlap("10.0.0.0/16", "10.0.200.0/24"));
    }
}
