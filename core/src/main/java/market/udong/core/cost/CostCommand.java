package market.udong.core.cost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/cost}: what each environment's synthesized templates cost a month.
 *
 * <pre>
 * CostCommand --dir cdk.out [--json] [--diff BASELINE_DIR] ENV...
 * </pre>
 */
public final class CostCommand {
    private CostCommand() {
    }

    public static void main(String[] args) {
        try {
            System.out.print(run(args, LocalDate.now()));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(String[] args, LocalDate today) {
        Path dir = Path.of("cdk.out");
        Path baseline = null;
        boolean json = false;
        List<String> envs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--diff" -> baseline = Path.of(value(args, ++i, "--diff"));
                case "--json" -> json = true;
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i] + " (allowed: --json, --diff DIR)");
                    }
                    envs.add(args[i]);
                }
            }
        }
        if (envs.isEmpty()) {
            envs.add("dev");
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            throw new IllegalArgumentException("baseline directory " + baseline + " does not exist");
        }
        List<EnvironmentCost> costs = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (String env : envs) {
            EnvironmentCost cost = estimate(dir, env, today);
            costs.add(cost);
            if (baseline != null) {
                Optional<EnvironmentCost> before = hasStacks(baseline, env)
                        ? Optional.of(estimate(baseline, env, today)) : Optional.empty();
                out.append(CostReport.diff(before, cost));
            } else if (!json) {
                out.append(CostReport.table(cost)).append('\n');
            }
        }
        return json && baseline == null ? CostReport.json(costs) + "\n" : out.toString();
    }

    private static EnvironmentCost estimate(Path dir, String env, LocalDate today) {
        CloudAssembly assembly = CloudAssembly.read(dir, env);
        return TemplateCosts.estimate(env, assembly.templates(), PriceTable.forRegion(assembly.region()), today);
    }

    private static boolean hasStacks(Path dir, String env) {
        try {
            CloudAssembly.read(dir, env);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a directory");
        }
        return args[i];
    }
}
