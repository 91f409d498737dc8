package market.udong.infra.constructs.replicas;

import java.util.Objects;
import java.util.Optional;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.network.ServiceNetwork;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link SourceReplicas}.
 *
 * @param source         the source: engine, existing primary (null where one is created), replica count and class
 * @param vpc            the platform VPC; replicas and created primaries go to its isolated subnets
 * @param key            the source's key: created storage, Performance Insights data and the secrets
 * @param monitoringRole role RDS enhanced monitoring publishes with
 * @param defaults       the source stack's defaults: replicas (and created primaries) are deletion-protected and
 *                       retained where the environment keeps its data
 * @param biClients      the BI tool's security group where the environment runs one; the replicas admit it too
 * @param primaryNetwork the connection to the imported primary's VPC, where config names one (Aurora readers live there)
 */
public record SourceReplicasProps(SourceConfig source, IVpc vpc, IKey key, IRole monitoringRole,
                                  EnvironmentDefaults defaults, Optional<ISecurityGroup> biClients,
                                  Optional<ServiceNetwork> primaryNetwork) {
    public SourceReplicasProps {
        Objects.requireNonNull(source, "source");
        if (source.replicas().count() < 1) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no replicas to build (replicas.count is 0)");
        }
        SourceConfig.Primary primary = source.primary();
        if (primary != null && source.engine().isAurora() && !primary.endpoint().contains(".cluster-")) {
            throw new IllegalArgumentException("source '" + source.name() + "': an Aurora primary's endpoint must be the "
                    + "cluster endpoint (<cluster>.cluster-<id>.<region>.rds.amazonaws.com), got " + primary.endpoint());
        }
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(monitoringRole, "monitoringRole");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(biClients, "biClients");
        Objects.requireNonNull(primaryNetwork, "primaryNetwork");
    }

    /** True where the platform creates the primary itself (no existing one is configured). */
    public boolean createsPrimary() {
        return source.primary() == null;
    }
}
