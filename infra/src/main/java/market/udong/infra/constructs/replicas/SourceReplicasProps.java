package market.udong.infra.constructs.replicas;

import java.util.Objects;
import market.udong.core.config.SourceConfig;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link SourceReplicas}.
 *
 * @param environment        environment name, for secret names
 * @param source             the source: engine, existing primary (null where one is created), replica count and class
 * @param vpc                the platform VPC; replicas and created primaries go to its isolated subnets
 * @param key                encrypts created storage, Performance Insights data and the read-only secret
 * @param monitoringRole     role RDS enhanced monitoring publishes with
 * @param deletionProtection protect replicas (and created primaries) against deletion; true where data is retained
 * @param removalPolicy      what happens to replicas, created primaries and secrets when the stack is deleted
 */
public record SourceReplicasProps(String environment, SourceConfig source, IVpc vpc, IKey key, IRole monitoringRole,
                                  boolean deletionProtection, RemovalPolicy removalPolicy) {
    public SourceReplicasProps {
        Objects.requireNonNull(environment, "environment");
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
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }

    /** True where the platform creates the primary itself (no existing one is configured). */
    public boolean createsPrimary() {
        return source.primary() == null;
    }
}
