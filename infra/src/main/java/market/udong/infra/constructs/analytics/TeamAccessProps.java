package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import market.udong.infra.constructs.lake.LakeReferences;

/**
 * Props of {@link TeamAccess}.
 *
 * @param policyName   name of the team's managed policy; its data grants, where they do not fit in one policy, go to
 *                     further policies named {@code <policyName>-data-<n>} (attach them all to the team's SSO
 *                     permission set or role)
 * @param workgroup    the team's workgroup, the only one it may run queries in
 * @param lake         the lake: results under the workgroup's prefix, curated data, the spill zone and the key
 * @param data         the lake databases the team may read
 * @param catalogs     Athena data catalogs the team may name in SQL (the Glue one, and granted federated ones)
 * @param connectors   the federated catalogs' connectors the team may invoke
 */
public record TeamAccessProps(String policyName, AthenaWorkgroup workgroup, LakeReferences lake, Data data,
                              List<String> catalogs, List<Connector> connectors) {
    public TeamAccessProps {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(workgroup, "workgroup");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(data, "data");
        catalogs = List.copyOf(catalogs);
        connectors = List.copyOf(connectors);
    }

    /** Which lake data a team may read. */
    public sealed interface Data {
    }

    /** Every database of the lake (the platform team), granted by wildcard: one policy, whatever the number of tables. */
    public record AllDatabases() implements Data {
    }

    /**
     * Named databases, each with the curated prefixes that hold its files ({@code <source>/<db>/}, one per source
     * writing it): grants by database and prefix, never by table, so a table added to a granted database is readable
     * without a policy change.
     *
     * @param byDatabase per Glue database, its curated prefixes
     */
    public record Databases(java.util.Map<String, List<String>> byDatabase) implements Data {
        public Databases {
            java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            byDatabase.forEach((db, prefixes) -> copy.put(db, List.copyOf(prefixes)));
            byDatabase = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * A federated catalog's connector.
     *
     * @param functionArn the connector function
     * @param spillPrefix its prefix in the spill bucket
     */
    public record Connector(String functionArn, String spillPrefix) {
    }
}
