package market.udong.core.config;

/** IPv4 CIDR arithmetic for config checks. */
final class Cidrs {
    private Cidrs() {
    }

    /** True when the two blocks share an address. */
    static boolean overlap(String a, String b) {
        long[] x = range(a);
        long[] y = range(b);
        return x[0] <= y[1] && y[0] <= x[1];
    }

    /** First and last address of {@code cidr} ({@code a.b.c.d/n}, already checked by the schema). */
    static long[] range(String cidr) {
        String[] parts = cidr.split("/");
        long address = 0;
        for (String octet : parts[0].split("\\.")) {
            address = address << 8 | Integer.parseInt(octet);
        }
        int bits = Integer.parseInt(parts[1]);
        long size = 1L << (32 - bits);
        long first = address & ~(size - 1) & 0xFFFFFFFFL;
        return new long[] {first, first + size - 1};
    }
}
