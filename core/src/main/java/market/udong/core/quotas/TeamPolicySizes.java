package market.udong.core.quotas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.naming.Names;

/**
 * How large a team's access policy grows with the databases it may read, in IAM's measure
 * (characters of the policy JSON without whitespace), so infra can split the grants over several
 * managed policies and config validation can refuse a team that would need more than a role may
 * carry. Estimates are upper bounds: ARNs are counted with the partition {@code aws-us-gov}.
 */
public final class TeamPolicySizes {
    private TeamPolicySizes() {
    }

    /** IAM: a customer-managed policy holds at most 6,144 characters, whitespace not counted. */
    public static final int MANAGED_POLICY_MAX_CHARACTERS = 6_144;
    /** A data policy's own statements, Sids and actions, without its resources (measured, rounded up). */
    static final int DATA_POLICY_SKELETON = 700;
    /** What each data policy may spend on resources: the limit less the skeleton less a tenth of headroom. */
    public static final int DATA_POLICY_BUDGET = MANAGED_POLICY_MAX_CHARACTERS * 9 / 10 - DATA_POLICY_SKELETON;

    /** A workgroup policy's own statements without its federated catalogs (measured, rounded up). */
    static final int WORKGROUP_POLICY_SKELETON = 3_000;

    /**
     * Characters of a workgroup's own policy (its workgroup, results, the lake key) with the
     * federated catalogs it may query: per catalog its ARN, its connector function's and its spill prefix's.
     */
    public static int workgroupPolicy(String env, String account, String region, List<String> catalogs) {
        int chars = WORKGROUP_POLICY_SKELETON;
        for (String catalog : catalogs) {
            chars += quoted("arn:aws-us-gov:athena:" + region + ":" + account + ":datacatalog/" + catalog)
                    + quoted("arn:aws-us-gov:lambda:" + region + ":" + account + ":function:" + Names.connectorFunctionName(env, catalog))
                    + quoted("arn:aws-us-gov:s3:::" + "x".repeat(Names.MAX_BUCKET_NAME) + "/" + Names.spillPrefix(catalog) + "*");
        }
        return chars;
    }

    /** Characters the grants of one database add: two Glue ARNs, and per curated prefix an object ARN and a list condition. */
    public static int databaseGrant(String account, String region, String curatedBucket, String database,
                                    List<String> prefixes) {
        String glue = "arn:aws-us-gov:glue:" + region + ":" + account + ":";
        int chars = quoted(glue + "database/" + database) + quoted(glue + "table/" + database + "/*");
        for (String prefix : prefixes) {
            chars += quoted("arn:aws-us-gov:s3:::" + curatedBucket + "/" + prefix + "*") + quoted(prefix + "*");
        }
        return chars;
    }

    /**
     * The databases of {@code byDatabase} in groups that each fit one data policy, in order; a
     * database alone larger than a policy gets a group of its own (config validation refuses it first).
     */
    public static List<Map<String, List<String>>> split(String account, String region, String curatedBucket,
                                                        Map<String, List<String>> byDatabase) {
        List<Map<String, List<String>>> groups = new ArrayList<>();
        Map<String, List<String>> current = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, List<String>> db : byDatabase.entrySet()) {
            int grant = databaseGrant(account, region, curatedBucket, db.getKey(), db.getValue());
            if (!current.isEmpty() && size + grant > DATA_POLICY_BUDGET) {
                groups.add(current);
                current = new LinkedHashMap<>();
                size = 0;
            }
            current.put(db.getKey(), db.getValue());
            size += grant;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static int quoted(String value) {
        return value.length() + 3;
    }
}
