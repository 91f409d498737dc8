package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link TeamAccess}.
 *
 * @param policyName   name of the managed policy (attach it to the team's SSO permission set or role)
 * @param workgroup    the team's workgroup, the only one it may run queries in
 * @param results      the athena-results bucket; the team reads and writes its workgroup's prefix only
 * @param lakeKey      KMS key of the lake buckets (results, curated data, spill)
 * @param curated      the curated zone bucket
 * @param databases    Glue databases the team may read (its config's {@code databases} that live in the lake)
 * @param dataPrefixes curated-zone prefixes holding those databases' files, e.g. {@code orders/orders/}
 * @param catalogs     Athena data catalogs the team may name in SQL (the Glue one, and granted federated ones)
 * @param connectors   the federated catalogs' connectors the team may invoke
 * @param spill        the athena-spill bucket, read back by Athena as the querying person
 */
public record TeamAccessProps(String policyName, AthenaWorkgroup workgroup, IBucket results, IKey lakeKey,
                              IBucket curated, List<String> databases, List<String> dataPrefixes, List<String> catalogs,
                              List<Connector> connectors, IBucket spill) {
    public TeamAccessProps {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(workgroup, "workgroup");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(lakeKey, "lakeKey");
        Objects.requireNonNull(curated, "curated");
        databases = List.copyOf(databases);
        dataPrefixes = List.copyOf(dataPrefixes);
        catalogs = List.copyOf(catalogs);
        connectors = List.copyOf(connectors);
        Objects.requireNonNull(spill, "spill");
        if (databases.isEmpty() != dataPrefixes.isEmpty()) {
            throw new IllegalArgumentException("policy " + policyName + ": databases " + databases
                    + " and their data prefixes " + dataPrefixes + " must be given together");
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
