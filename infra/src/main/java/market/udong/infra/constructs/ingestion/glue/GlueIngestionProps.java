package market.udong.infra.constructs.ingestion.glue;

import java.util.Objects;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.ingestion.config.DeployedSourceConfig;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import software.amazon.awscdk.services.ec2.IVpc;

/**
 * Props of {@link GlueIngestion}.
 *
 * @param source                the source, with at least one {@code ingestion: glue} table
 * @param access                how the jobs reach the source's read replica
 * @param vpc                   VPC whose private subnets hold the JDBC connection
 * @param lake                  the lake: jobs write the curated zone with its key and hash with its HMAC secret
 * @param config                the source's deployed config, which the jobs read their table's settings from
 * @param code                  the job's jar and entry script
 * @param securityConfiguration name of the environment's Glue security configuration ({@link GlueSecurity})
 * @param defaults              the source stack's defaults (alarm topic of failed runs)
 */
public record GlueIngestionProps(SourceConfig source, DatabaseAccess access, IVpc vpc, LakeReferences lake,
                                 DeployedSourceConfig config, GlueJobCode code, String securityConfiguration,
                                 EnvironmentDefaults defaults) {
    public GlueIngestionProps {
        Objects.requireNonNull(source, "source");
        if (source.tablesUsing(Ingestion.GLUE).isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no ingestion: glue table");
        }
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(securityConfiguration, "securityConfiguration");
        Objects.requireNonNull(defaults, "defaults");
    }
}
