package market.udong.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import market.udong.core.naming.Names;

/**
 * The stacks of one environment in a synthesized cloud assembly ({@code cdk.out}): their
 * templates, and the region the manifest deploys them to.
 *
 * @param environment environment name
 * @param region      region of its stacks
 * @param templates   stack name without the {@code Udong-<Env>-} prefix to template, by name
 */
public record CloudAssembly(String environment, String region, Map<String, JsonNode> templates) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the environment's stacks from a folder of templates.
     *
     * @throws IllegalArgumentException when the folder has none of the environment's stacks
     */
    public static CloudAssembly read(Path dir, String environment) {
        String prefix = Names.stackName(environment, "");
        Map<String, JsonNode> templates = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".template.json")) {
                    templates.put(name.substring(prefix.length(), name.length() - ".template.json".length()),
                            JSON.readTree(f.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the templates in " + dir, e);
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no " + prefix + "*.template.json in " + dir + ": synthesize " + environment
                    + " first (bin/synth " + environment + ")");
        }
        return new CloudAssembly(environment, regionOf(dir, prefix), new LinkedHashMap<>(templates));
    }

    /** The region the manifest gives the environment's stacks. */
    private static String regionOf(Path dir, String prefix) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.exists(manifest)) {
            throw new IllegalArgumentException(dir + " has no manifest.json: give a whole cdk.out folder, which says the "
                    + "region of each stack");
        }
        try {
            JsonNode artifacts = JSON.readTree(manifest.toFile()).path("artifacts");
            for (Iterator<Map.Entry<String, JsonNode>> it = artifacts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                String env = a.getValue().path("environment").asText();
                if (a.getKey().startsWith(prefix) && env.startsWith("aws://")) {
                    String region = env.substring(env.lastIndexOf('/') + 1);
                    if (!region.startsWith("unknown")) {
                        return region;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        throw new IllegalArgumentException(manifest + " gives no region for the " + prefix + "* stacks");
    }
}
