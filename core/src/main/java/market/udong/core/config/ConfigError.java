package market.udong.core.config;

/**
 * One problem found in the configuration, precise enough for a person to fix it.
 *
 * @param file   the file, relative to the config directory (e.g. {@code sources/orders.yaml})
 * @param path   where in the file, as a dotted path with indexes (e.g. {@code tables[2].columns.email});
 *               empty for a problem with the file as a whole
 * @param reason what is wrong and what is allowed instead
 */
public record ConfigError(String file, String path, String reason) implements Comparable<ConfigError> {

    public ConfigError {
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        return path.isEmpty() ? file + ": " + reason : file + ": " + path + ": " + reason;
    }

    @Override
    public int compareTo(ConfigError other) {
        return toString().compareTo(other.toString());
    }
}
