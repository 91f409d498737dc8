package market.udong.infra.constructs.ingestion;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.IDependable;

/**
 * What the environment's Ingestion stack gives each source's stack: the functions behind the
 * custom resources a source declares, and the shared pieces its DMS and Glue resources use.
 *
 * @param configPublisher       serves each source's {@code Custom::DeployedSource}
 * @param dmsTaskControl        serves {@code Custom::DmsTaskControl}; empty where no source uses DMS
 * @param dmsAccountRoles       the account-level DMS roles where this environment creates them
 * @param glueSecurityConfiguration name of the Glue security configuration every job runs with; empty where no
 *                              source uses Glue
 */
public record IngestionServices(IFunction configPublisher, Optional<IFunction> dmsTaskControl,
                                Optional<IDependable> dmsAccountRoles, Optional<String> glueSecurityConfiguration) {
    public IngestionServices {
        Objects.requireNonNull(configPublisher, "configPublisher");
        Objects.requireNonNull(dmsTaskControl, "dmsTaskControl");
        Objects.requireNonNull(dmsAccountRoles, "dmsAccountRoles");
        Objects.requireNonNull(glueSecurityConfiguration, "glueSecurityConfiguration");
    }
}
