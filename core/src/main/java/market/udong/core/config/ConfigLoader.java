package market.udong.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import market.udong.core.quotas.QuotaChecks;

/**
 * Reads {@code config/}: YAML → JSON Schema validation → records → semantic checks.
 * Every problem is collected and reported together in one {@link ConfigException}.
 *
 * <p>Layout of the directory:
 * <pre>
 * environments/&lt;env&gt;.yaml   one per environment (kind: Environment)
 * sources/*.yaml             service databases (kind: Source)
 * streams/*.yaml             Kinesis streams, Kafka topics, relays (kind: Streams)
 * teams/*.yaml               Athena workgroups (kind: Team)
 * lake-tables/*.yaml         curated tables no source feeds (kind: LakeTable)
 * </pre>
 */
public final class ConfigLoader {

    /** Context key and environment variable that select the config directory. */
    public static final String CONFIG_DIR_CONTEXT = "configDir";
    public static final String CONFIG_DIR_ENV = "UDONG_CONFIG_DIR";
    /** Context key that selects the environment. */
    public static final String ENV_CONTEXT = "env";
    public static final String DEFAULT_ENV = "dev";

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final SchemaValidator schema = SchemaValidator.instance();

    /** Prepares the schema validator and YAML reader ahead of {@link #load}; safe to call from any thread. */
    public static void warmUp() {
        SchemaValidator.instance();
        try {
            YAML.readTree("kind: Environment");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads and validates the configuration of environment {@code env} from {@code configDir}. */
    public PlatformConfig load(Path configDir, String env) {
        List<ConfigError> errors = new ArrayList<>();
        if (!Files.isDirectory(configDir)) {
            throw new ConfigException(List.of(new ConfigError(configDir.toString(), "",
                    "config directory does not exist; pass -c configDir=DIR or set " + CONFIG_DIR_ENV)));
        }
        Path envFile = configDir.resolve(ConfigFileKind.ENVIRONMENT.folder()).resolve(env + ".yaml");
        EnvironmentConfig environment = null;
        if (!Files.isRegularFile(envFile)) {
            errors.add(new ConfigError(relative(configDir, envFile), "",
                    "environment '" + env + "' has no file; known environments: " + String.join(", ", knownEnvironments(configDir))));
        } else {
            environment = read(configDir, envFile, ConfigFileKind.ENVIRONMENT, EnvironmentConfig.class, errors, null);
        }
        for (ConfigFileKind kind : ConfigFileKind.values()) {
            for (Path stray : strayFiles(configDir.resolve(kind.folder()))) {
                errors.add(new ConfigError(relative(configDir, stray), "",
                        "is ignored: config files end in .yaml (rename it)"));
            }
        }
        List<SourceConfig> sources = readAll(configDir, ConfigFileKind.SOURCE, SourceConfig.class, errors,
                new EnvironmentOverrides(env, knownEnvironments(configDir)));
        List<StreamsConfig> streams = readAll(configDir, ConfigFileKind.STREAMS, StreamsConfig.class, errors);
        List<TeamConfig> teams = readAll(configDir, ConfigFileKind.TEAM, TeamConfig.class, errors);
        List<LakeTableConfig> lakeTables = readAll(configDir, ConfigFileKind.LAKE_TABLE, LakeTableConfig.class, errors);

        if (errors.isEmpty()) {
            PlatformConfig config = new PlatformConfig(configDir, environment, sources, streams, teams, lakeTables);
            errors.addAll(new SemanticChecks(config).run());
            if (errors.isEmpty()) {
                // Quotas are sized from a config that means what it says: only once every other check passed.
                errors.addAll(QuotaChecks.environment(config));
            }
            if (errors.isEmpty()) {
                return config;
            }
        }
        throw new ConfigException(errors.stream().sorted().distinct().toList());
    }

    /**
     * Loads one source file on its own ({@code bin/mask} dry-runs a policy before it is merged).
     * The file is validated against the schema; checks that need the whole config (references
     * between files, environment overrides) are not run.
     *
     * @throws ConfigException listing every problem of the file
     */
    public SourceConfig loadSource(Path file) {
        List<ConfigError> errors = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), "", "does not exist or is not a file")));
        }
        SourceConfig source = read(dir, file.toAbsolutePath(), ConfigFileKind.SOURCE, SourceConfig.class, errors, null);
        if (!errors.isEmpty() || source == null) {
            throw new ConfigException(errors.stream().sorted().distinct().toList());
        }
        return source;
    }

    /**
     * Resolves the config directory from the app's context value (may be null), then
     * {@value #CONFIG_DIR_ENV}, then {@code ./config}.
     */
    public static Path resolveConfigDir(Object contextValue) {
        if (contextValue != null && !contextValue.toString().isBlank()) {
            return Path.of(contextValue.toString());
        }
        String fromEnv = System.getenv(CONFIG_DIR_ENV);
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "config" : fromEnv);
    }

    /** Names of the environments defined in {@code configDir}. */
    public static List<String> knownEnvironments(Path configDir) {
        Path dir = configDir.resolve(ConfigFileKind.ENVIRONMENT.folder());
        return yamlFiles(dir).stream().map(ConfigLoader::baseName).toList();
    }

    private <T> List<T> readAll(Path configDir, ConfigFileKind kind, Class<T> type, List<ConfigError> errors) {
        return readAll(configDir, kind, type, errors, null);
    }

    private <T> List<T> readAll(Path configDir, ConfigFileKind kind, Class<T> type, List<ConfigError> errors,
                                EnvironmentOverrides overrides) {
        List<T> out = new ArrayList<>();
        for (Path file : yamlFiles(configDir.resolve(kind.folder()))) {
            T value = read(configDir, file, kind, type, errors, overrides);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private <T> T read(Path configDir, Path file, ConfigFileKind kind, Class<T> type, List<ConfigError> errors,
                       EnvironmentOverrides overrides) {
        String name = relative(configDir, file);
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            errors.add(new ConfigError(name, "", "is not valid YAML: " + e.getOriginalMessage()
                    + Optional.ofNullable(e.getLocation())
                            .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")").orElse("")));
            return null;
        } catch (IOException e) {
            errors.add(new ConfigError(name, "", "cannot be read: " + e.getMessage()));
            return null;
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            errors.add(new ConfigError(name, "", "must be a YAML mapping with 'kind: " + kind.kind() + "' and its fields"));
            return null;
        }
        JsonNode declared = node.get("kind");
        if (declared == null || !kind.kind().equals(declared.asText())) {
            errors.add(new ConfigError(name, "kind", "must be '" + kind.kind() + "' for a file in "
                    + kind.folder() + "/" + (declared == null ? " (missing)" : ", found '" + declared.asText() + "'")));
            return null;
        }
        List<ConfigError> schemaErrors = schema.validate(name, kind, node);
        if (!schemaErrors.isEmpty()) {
            errors.addAll(schemaErrors);
            return null;
        }
        String expectedName = baseName(file);
        JsonNode declaredName = node.get("name");
        if (declaredName != null && !expectedName.equals(declaredName.asText())) {
            errors.add(new ConfigError(name, "name", "is '" + declaredName.asText()
                    + "' but must equal the file name '" + expectedName + "' (rename the file or the field)"));
            return null;
        }
        if (overrides != null) {
            List<ConfigError> overrideErrors = overrides.apply(name, (ObjectNode) node);
            if (!overrideErrors.isEmpty()) {
                errors.addAll(overrideErrors);
                return null;
            }
        }
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonMappingException e) {
            errors.add(new ConfigError(name, pathOf(e), rootMessage(e)));
            return null;
        } catch (JsonProcessingException e) {
            errors.add(new ConfigError(name, "", e.getOriginalMessage()));
            return null;
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonMappingException jme ? jme.getOriginalMessage() : t.getMessage();
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> strayFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String baseName(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }

    private static String relative(Path configDir, Path file) {
        return configDir.relativize(file).toString().replace('\\', '/');
    }

    /** The kinds of config file and the folder each lives in. */
    enum ConfigFileKind {
        ENVIRONMENT("environments", "Environment"),
        SOURCE("sources", "Source"),
        STREAMS("streams", "Streams"),
        TEAM("teams", "Team"),
        LAKE_TABLE("lake-tables", "LakeTable");

        private final String folder;
        private final String kind;

        ConfigFileKind(String folder, String kind) {
            this.folder = folder;
            this.kind = kind;
        }

        String folder() {
            return folder;
        }

        String kind() {
            return kind;
        }
    }

    /** Reads the published schema from the classpath (it is copied from config/ at build time). */
    static JsonNode readSchema() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/platform.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("platform.schema.json is missing from the classpath; rebuild core");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
