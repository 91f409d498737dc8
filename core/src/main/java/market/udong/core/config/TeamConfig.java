package market.udong.core.config;

import java.util.List;

/**
 * A team's self-service analytics settings ({@code config/teams/<name>.yaml}).
 *
 * @param name      team name, equal to the file name
 * @param owner     contact email of the team
 * @param workgroup the team's Athena workgroup
 * @param databases Glue databases the team may query
 */
public record TeamConfig(String name, String owner, Workgroup workgroup, List<String> databases) {

    /** Athena refuses a per-query scan cutoff below 10 MB. */
    public static final long MIN_BYTES_SCANNED_CUTOFF = 10_485_760L;

    public TeamConfig {
        workgroup = workgroup == null ? new Workgroup(null, null) : workgroup;
        databases = databases == null ? List.of() : List.copyOf(databases);
    }

    /**
     * An Athena workgroup.
     *
     * @param bytesScannedCutoffPerQuery queries scanning more are cancelled; at least 10,485,760; default 10 GiB
     * @param resultExpirationDays       days query results are kept; default 30
     */
    public record Workgroup(Long bytesScannedCutoffPerQuery, Integer resultExpirationDays) {
        public Workgroup {
            bytesScannedCutoffPerQuery = bytesScannedCutoffPerQuery == null ? 10L * 1024 * 1024 * 1024 : bytesScannedCutoffPerQuery;
            resultExpirationDays = resultExpirationDays == null ? 30 : resultExpirationDays;
        }
    }
}
