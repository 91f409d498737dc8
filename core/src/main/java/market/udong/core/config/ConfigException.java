package market.udong.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when the configuration is invalid; carries every error found, not just the first,
 * so one run shows a person everything to fix.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        return "Invalid platform configuration (" + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + "):\n"
                + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
    }
}
