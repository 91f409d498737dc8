package market.udong.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (where package.json, node_modules and bin/ live) from any module's tests. */
public final class RepoRoot {
    private RepoRoot() {
    }

    /**
     * The nearest directory at or above the working directory that holds both {@code package.json}
     * and {@code bin/}.
     *
     * @throws IllegalStateException if there is none (tests run outside the repository)
     */
    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("package.json")) && Files.isDirectory(d.resolve("bin"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (package.json + bin/) above " + dir);
    }

    /** {@code node_modules/<name>} under the root, or an error telling how to install it. */
    public static Path nodeModule(String name) {
        Path module = find().resolve("node_modules").resolve(name);
        if (!Files.isDirectory(module)) {
            throw new IllegalStateException("npm package '" + name + "' is not installed: run 'npm ci' in " + find());
        }
        return module;
    }
}
