package market.udong.infra.constructs.ingestion.export;

import java.util.Objects;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Props of {@link SnapshotExportTrigger}.
 *
 * @param lake     the lake: RDS writes exports to its exports zone with its key; the function reads which sources
 *                 to export, and which tables, from the deployed source configs in its config bucket
 * @param vpc      VPC the function runs in (private subnets)
 * @param defaults the Ingestion stack's defaults (log key of the function's logs and dead-letter queue, alarm topic)
 * @param code     the export trigger's jar
 */
public record SnapshotExportTriggerProps(LakeReferences lake, IVpc vpc, EnvironmentDefaults defaults, Code code) {
    public SnapshotExportTriggerProps {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(code, "code");
    }
}
