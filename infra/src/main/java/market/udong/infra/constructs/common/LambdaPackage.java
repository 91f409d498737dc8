package market.udong.infra.constructs.common;

/**
 * The platform's Lambda jars: each is built by its own Maven module under {@code lambdas/}, whose
 * dependencies are what the jar holds.
 */
public enum LambdaPackage {
    EXPORT_TRIGGER("export-trigger", "udong-export-lambda"),
    DMS_TASK_CONTROL("dms-task-control", "udong-dms-task-lambda"),
    CONFIG_PUBLISHER("config-publisher", "udong-config-publisher-lambda"),
    EXPORT_FANOUT("export-fanout", "udong-export-fanout-lambda"),
    MASKING("masking", "udong-masking-lambda"),
    /** The relay and the Kafka topics provisioner (one Kafka client family). */
    RELAY("relay", "udong-relay-lambda");

    private final String module;
    private final String jar;

    LambdaPackage(String module, String jar) {
        this.module = module;
        this.jar = jar;
    }

    /** The jar relative to the repository root, e.g. {@code lambdas/relay/target/udong-relay-lambda.jar}. */
    public String path() {
        return "lambdas/" + module + "/target/" + jar + ".jar";
    }
}
