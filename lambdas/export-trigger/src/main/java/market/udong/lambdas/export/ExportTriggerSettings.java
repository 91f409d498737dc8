package market.udong.lambdas.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import market.udong.core.naming.LambdaEnv;

/**
 * The export trigger's settings, read once from its environment (keys in {@link LambdaEnv}).
 *
 * @param environment   environment name ({@link LambdaEnv#ENVIRONMENT}), the metrics' dimension
 * @param exportsBucket bucket RDS writes exports to ({@link LambdaEnv#EXPORTS_BUCKET})
 * @param kmsKeyArn     key RDS encrypts exports with ({@link LambdaEnv#KMS_KEY_ARN})
 * @param exportRoleArn role RDS assumes to write them ({@link LambdaEnv#EXPORT_ROLE_ARN})
 * @param configBucket  bucket of the deployed source configs ({@link LambdaEnv#CONFIG_BUCKET}): which sources
 *                      to export, from which database, which tables
 */
public record ExportTriggerSettings(String environment, String exportsBucket, String kmsKeyArn, String exportRoleArn,
                                    String configBucket) {

    /**
     * Reads the settings through {@code env} (e.g. {@code System::getenv}).
     *
     * @throws IllegalStateException naming every missing or invalid variable
     */
    public static ExportTriggerSettings fromEnvironment(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        String environment = required(env, LambdaEnv.ENVIRONMENT, problems);
        String bucket = required(env, LambdaEnv.EXPORTS_BUCKET, problems);
        String key = required(env, LambdaEnv.KMS_KEY_ARN, problems);
        String role = required(env, LambdaEnv.EXPORT_ROLE_ARN, problems);
        String configBucket = required(env, LambdaEnv.CONFIG_BUCKET, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("export trigger is misconfigured: " + String.join("; ", problems));
        }
        return new ExportTriggerSettings(environment, bucket, key, role, configBucket);
    }

    private static String required(Function<String, String> env, String key, List<String> problems) {
        String value = env.apply(key);
        if (value == null || value.isBlank()) {
            problems.add(key + " is not set");
        }
        return value;
    }
}
