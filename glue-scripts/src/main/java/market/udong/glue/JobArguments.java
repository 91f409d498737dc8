package market.udong.glue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --key value} pairs a Glue job's {@code main} receives. Glue adds arguments of its own
 * ({@code --JOB_ID}, {@code --JOB_RUN_ID}, {@code --JOB_NAME}, {@code --TempDir},
 * {@code --job-bookmark-option}, ...), so unknown keys are kept, never rejected. {@code --key=value}
 * and a bare flag ({@code --key} followed by another key or nothing, read as {@code true}) are
 * accepted too. A key given twice keeps its last value, as Glue's run arguments override defaults.
 */
public final class JobArguments {

    private final Map<String, String> values;

    private JobArguments(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** @throws IllegalArgumentException for a value that follows no key */
    public static JobArguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("argument " + (i + 1) + " ('" + arg + "') follows no --key");
            }
            int eq = arg.indexOf('=');
            if (eq > 2) {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(arg, args[++i]);
            } else {
                values.put(arg, "true");
            }
        }
        return new JobArguments(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** @throws IllegalArgumentException naming the missing key */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("job argument " + key + " is required"));
    }

    public int intValue(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job argument " + key + " must be an integer, got '" + v + "'");
        }
    }

    /** {@code true} or {@code false} (any case); absent is {@code defaultValue}. */
    public boolean flag(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("job argument " + key + " must be true or false, got '" + v + "'");
        };
    }

    public Map<String, String> asMap() {
        return values;
    }
}
