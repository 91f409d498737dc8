package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/diff ENV --baseline DIR}, which CI runs on every pull request against the main
 * branch's templates: every stack is compared alone, an unchanged tree diffs clean even with
 * {@code --fail}, and a change shows in exactly the stacks it touches.
 */
class BinDiffTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exit, String output) {
    }

    private Run run(Path config, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/" + args[0]).toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Path out = tmp.resolve("output.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("UDONG_CONFIG_DIR", config.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " finished");
        return new Run(p.exitValue(), Files.readString(out));
    }

    /** The diff output by stack: for each, whether the CLI found differences. */
    private static Map<String, Boolean> differs(String output) {
        Map<String, Boolean> stacks = new LinkedHashMap<>();
        String current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Stack Udong-")) {
                current = line.substring("Stack ".length()).trim();
                stacks.put(current, false);
            } else if (current != null && (line.startsWith("[~]") || line.startsWith("[+]") || line.startsWith("[-]")
                    || line.startsWith("Resources") || line.startsWith("Parameters") || line.startsWith("Outputs"))) {
                stacks.put(current, true);
            }
        }
        return stacks;
    }

    private Path copyOfConfig() throws IOException {
        Path config = tmp.resolve("config");
        try (Stream<Path> files = Files.walk(ROOT.resolve("config"))) {
            for (Path f : files.toList()) {
                Path to = config.resolve(ROOT.resolve("config").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return config;
    }

    @Test
    void aBaselineDiff_showsEveryStack_cleanWhenUnchanged_andExactlyTheChangedStacksOtherwise() throws Exception {
        // GIVEN the templates of dev as the baseline
        Path config = copyOfConfig();
        Run synth = run(config, "synth", "dev");
        assertEquals(0, synth.exit(), synth.output());
        Path baseline = Files.createDirectories(tmp.resolve("baseline"));
        try (Stream<Path> files = Files.list(ROOT.resolve("cdk.out"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".template.json")).toList()) {
                Files.copy(f, baseline.resolve(f.getFileName()));
            }
        }

        // WHEN nothing changed THEN every stack diffs clean, even with --fail
        Run clean = run(config, "diff", "dev", "--baseline", baseline.toString(), "--fail");
        assertEquals(0, clean.exit(), clean.output());
        Map<String, Boolean> cleanStacks = differs(clean.output());
        assertEquals(8, cleanStacks.size(), clean.output());
        assertTrue(cleanStacks.values().stream().noneMatch(d -> d), clean.output());

        // WHEN one table's policy and one team's scan limit change
        Path orders = config.resolve("sources/orders.yaml");
        Files.writeString(orders, Files.readString(orders).replaceFirst("phone: mask_phone", "phone: drop"));
        Path team = config.resolve("teams/growth.yaml");
        String teamYaml = Files.readString(team);
        assertTrue(teamYaml.contains("bytesScannedCutoffPerQuery"), teamYaml);
        Files.writeString(team, teamYaml.replaceFirst("bytesScannedCutoffPerQuery: *\\d+", "bytesScannedCutoffPerQuery: 20971520"));
        Run changed = run(config, "diff", "dev", "--baseline", baseline.toString(), "--fail");

        // THEN the diff fails, and shows exactly the source's stack (its deployed config) and Analytics (the workgroup)
        assertEquals(1, changed.exit(), changed.output());
        Map<String, Boolean> stacks = differs(changed.output());
        assertEquals(8, stacks.size(), changed.output());
        stacks.forEach((stack, differs) -> assertEquals(
                stack.equals("Udong-Dev-Source-orders") || stack.equals("Udong-Dev-Analytics"), differs, stack + "\n" + changed.output()));
    }
}
