package market.udong.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import market.udong.core.naming.CatalogNames;

/**
 * The whole validated configuration of one environment.
 *
 * @param configDir   directory it was read from
 * @param environment the environment being synthesized
 * @param sources     service databases, by file name order
 * @param streams     stream files, by file name order
 * @param teams       teams, by file name order
 * @param lakeTables  curated tables no source feeds, by file name order
 */
public record PlatformConfig(Path configDir, EnvironmentConfig environment, List<SourceConfig> sources,
                             List<StreamsConfig> streams, List<TeamConfig> teams, List<LakeTableConfig> lakeTables) {

    public PlatformConfig {
        sources = List.copyOf(sources);
        streams = List.copyOf(streams);
        teams = List.copyOf(teams);
        lakeTables = lakeTables == null ? List.of() : List.copyOf(lakeTables);
    }

    /** The sources with tables in {@code database} (a curated Glue database name), by file name order. */
    public List<SourceConfig> sourcesOfDatabase(String database) {
        return sources.stream()
                .filter(s -> s.tables().stream().anyMatch(t -> CatalogNames.curatedDatabase(t.database()).equals(database)))
                .toList();
    }

    /** The lake tables in {@code database}, by file name order. */
    public List<LakeTableConfig> lakeTablesOf(String database) {
        return lakeTables.stream().filter(t -> t.database().equals(database)).toList();
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
