package market.udong.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.udong.core.config.ConfigError;
import market.udong.core.config.ConfigException;
import market.udong.core.quotas.QuotaChecks;
import market.udong.core.config.Ingestion;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.PlatformConfig;
import market.udong.infra.compliance.Compliance;
import software.amazon.awscdk.App;

/**
 * The CDK app. Context {@code env} names the environment(s) to synthesize (default {@code dev};
 * a comma-separated list synthesizes several in one run), context {@code configDir} or
 * {@code UDONG_CONFIG_DIR} the config directory (default {@code config}).
 * A configuration error prints every problem and exits with status 2, without a stack trace.
 */
public final class UdongApp {

    /** Exit status for an invalid configuration. */
    public static final int CONFIG_ERROR = 2;

    private UdongApp() {
    }

    public static void main(String[] args) {
        // The schema validator's set-up is pure Java: do it while the jsii runtime starts.
        Thread warmUp = new Thread(ConfigLoader::warmUp, "config-warm-up");
        warmUp.start();
        App app = new App();
        Path configDir = ConfigLoader.resolveConfigDir(app.getNode().tryGetContext(ConfigLoader.CONFIG_DIR_CONTEXT));
        Object envContext = app.getNode().tryGetContext(ConfigLoader.ENV_CONTEXT);
        List<String> envs = environments(envContext == null ? ConfigLoader.DEFAULT_ENV : envContext.toString());
        try {
            build(app, configDir, envs);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(CONFIG_ERROR);
        }
        List<String> exceeded = TemplateQuotas.exceeded(app.synth());
        if (!exceeded.isEmpty()) {
            System.err.println("Synthesized templates past CloudFormation's quotas (the config checks' estimates fell short; "
                    + "please report it with the config):\n  - " + String.join("\n  - ", exceeded));
            System.exit(CONFIG_ERROR);
        }
    }

    /** Adds the stacks of every environment in {@code envs} and the compliance checks to {@code app}. */
    public static List<EnvironmentStacks> build(App app, Path configDir, List<String> envs) {
        ConfigLoader loader = new ConfigLoader();
        List<PlatformConfig> configs = new ArrayList<>();
        List<ConfigException> failures = new ArrayList<>();
        for (String env : envs) {
            try {
                configs.add(loader.load(configDir, env));
            } catch (ConfigException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new ConfigException(failures.stream().flatMap(f -> f.errors().stream()).sorted().distinct().toList());
        }
        List<ConfigError> shared = new ArrayList<>(sharedDmsAccountRoles(configs));
        shared.addAll(QuotaChecks.accounts(configs));
        if (!shared.isEmpty()) {
            throw new ConfigException(shared);
        }
        FeatureFlags.apply(app);
        List<EnvironmentStacks> stacks = configs.stream().map(c -> new EnvironmentStacks(app, c)).toList();
        Compliance.check(app);
        return stacks;
    }

    /**
     * The account-level DMS roles have fixed names, so two environments in one account must not both
     * create them. Checked across the environments synthesized together (CI synthesizes all of them).
     */
    static List<ConfigError> sharedDmsAccountRoles(List<PlatformConfig> configs) {
        Map<String, List<String>> creatorsByAccount = new TreeMap<>();
        for (PlatformConfig config : configs) {
            boolean replicates = config.sources().stream().anyMatch(s -> !s.tablesUsing(Ingestion.DMS).isEmpty());
            if (replicates && config.environment().features().dmsAccountRoles()) {
                creatorsByAccount.computeIfAbsent(config.environment().account(), a -> new ArrayList<>())
                        .add(config.environment().name());
            }
        }
        List<ConfigError> errors = new ArrayList<>();
        creatorsByAccount.forEach((account, envs) -> {
            if (envs.size() > 1) {
                for (String env : envs.subList(1, envs.size())) {
                    errors.add(new ConfigError("environments/" + env + ".yaml", "features.dmsAccountRoles",
                            "environments " + String.join(", ", envs) + " share account " + account + " and would each "
                                    + "create the account-level DMS roles (dms-vpc-role, dms-cloudwatch-logs-role); set "
                                    + "it to false in every environment of the account but " + envs.get(0)));
                }
            }
        });
        return errors;
    }

    public static List<String> environments(String context) {
        return Arrays.stream(context.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }
}
