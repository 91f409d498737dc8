package market.udong.core.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.udong.core.config.LakeTableConfig;
import market.udong.core.config.PlatformConfig;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.CatalogNames;

/**
 * What a workgroup's people may read, from config: per granted lake database the curated
 * prefixes that hold its data (one per source or lake table writing it), and the federated
 * catalogs of the sources behind those databases. Infra writes the policies from this; config
 * validation sizes them against IAM's limits from the same.
 *
 * @param prefixesByDatabase granted databases in grant order, each with its curated prefixes
 *                           ({@code <source>/<database>/}); empty for a workgroup granted everything
 * @param federatedCatalogs  federated catalogs (sources with a catalog and a replica) the workgroup may query
 * @param allDatabases       true for the platform's workgroup, granted every database
 */
public record TeamGrants(Map<String, List<String>> prefixesByDatabase, List<String> federatedCatalogs,
                         boolean allDatabases) {

    public TeamGrants {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        prefixesByDatabase.forEach((db, prefixes) -> copy.put(db, List.copyOf(prefixes)));
        prefixesByDatabase = java.util.Collections.unmodifiableMap(copy);
        federatedCatalogs = List.copyOf(federatedCatalogs);
    }

    /** The grants of a team granted {@code databases}. */
    public static TeamGrants of(PlatformConfig config, List<String> databases) {
        Map<String, List<String>> byDatabase = new LinkedHashMap<>();
        List<SourceConfig> behind = new ArrayList<>();
        for (String db : databases) {
            Set<String> prefixes = new LinkedHashSet<>();
            for (SourceConfig source : config.sourcesOfDatabase(db)) {
                for (TableConfig table : source.tables()) {
                    if (CatalogNames.curatedDatabase(table.database()).equals(db)) {
                        prefixes.add(source.name() + "/" + db + "/");
                    }
                }
                behind.add(source);
            }
            for (LakeTableConfig table : config.lakeTablesOf(db)) {
                prefixes.add(table.name() + "/" + db + "/");
            }
            byDatabase.put(db, List.copyOf(prefixes));
        }
        return new TeamGrants(byDatabase, catalogsOf(behind), false);
    }

    /** The grants of the platform's workgroup: every database and every federated catalog. */
    public static TeamGrants everything(PlatformConfig config) {
        return new TeamGrants(Map.of(), catalogsOf(config.sources()), true);
    }

    private static List<String> catalogsOf(List<SourceConfig> sources) {
        Set<String> catalogs = new LinkedHashSet<>();
        for (SourceConfig source : sources) {
            if (source.federation() != null && source.replicas().count() > 0) {
                catalogs.add(source.federation().catalog());
            }
        }
        return List.copyOf(catalogs);
    }
}
