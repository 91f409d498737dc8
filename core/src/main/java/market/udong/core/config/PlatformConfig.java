package market.udong.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration of one environment.
 *
 * @param configDir   directory it was read from
 * @param environment the environment being synthesized
 * @param sources     service databases, by file name order
 * @param streams     stream files, by file name order
 * @param teams       teams, by file name order
 */
public record PlatformConfig(Path configDir, EnvironmentConfig environment, List<SourceConfig> sources,
                             List<StreamsConfig> streams, List<TeamConfig> teams) {

    public PlatformConfig {
        sources = List.copyOf(sources);
        streams = List.copyOf(streams);
        teams = List.copyOf(teams);
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
