package market.udong.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Replication instance classes AWS documents for DMS ("Choosing the right AWS DMS replication
 * instance"): the T2, T3, C4, C5, C6i, R4, R5 and R6i families in the sizes DMS offers.
 * Regional availability still varies; this list catches names that exist nowhere.
 */
public final class DmsInstanceClasses {
    private DmsInstanceClasses() {
    }

    /** The class a source gets when its config names none. */
    public static final String DEFAULT = "dms.t3.medium";

    private static final Map<String, List<String>> SIZES_BY_FAMILY = Map.of(
            "t2", List.of("micro", "small", "medium", "large"),
            "t3", List.of("micro", "small", "medium", "large"),
            "c4", List.of("large", "xlarge", "2xlarge", "4xlarge"),
            "c5", List.of("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"),
            "c6i", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"),
            "r4", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge"),
            "r5", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"),
            "r6i", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"));

    /** Every documented class, e.g. {@code dms.r6i.large}, sorted. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>();
        SIZES_BY_FAMILY.forEach((family, sizes) -> sizes.forEach(size -> all.add("dms." + family + "." + size)));
        Collections.sort(all);
        ALL = List.copyOf(all);
    }

    public static boolean isValid(String instanceClass) {
        return ALL.contains(instanceClass);
    }
}
