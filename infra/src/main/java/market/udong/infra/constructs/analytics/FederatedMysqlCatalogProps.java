package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.lake.LakeReferences;
import market.udong.infra.constructs.replicas.SourceReplicas;
import software.amazon.awscdk.services.ec2.IVpc;

/**
 * Props of {@link FederatedMysqlCatalog}.
 *
 * @param catalog    catalog name used in SQL, e.g. {@code mysql}
 * @param replicas   the source's replicas: the connector reads the reader endpoint as the read-only user and joins
 *                   the consumers group
 * @param vpc        the platform VPC; the connector runs in its private subnets (it calls Athena over NAT)
 * @param lake       the lake: results too large for a Lambda response spill to its athena-spill zone
 * @param workgroups names of the workgroups whose queries the connector may look up (athena:GetQueryExecution)
 * @param defaults   the source stack's defaults (log key and retention of the connector's logs)
 */
public record FederatedMysqlCatalogProps(String catalog, SourceReplicas replicas, IVpc vpc, LakeReferences lake,
                                         List<String> workgroups, EnvironmentDefaults defaults) {
    public FederatedMysqlCatalogProps {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lake, "lake");
        workgroups = List.copyOf(workgroups);
        Objects.requireNonNull(defaults, "defaults");
    }
}
