package market.udong.infra.constructs.ingestion.dms;

import java.util.Objects;
import market.udong.infra.constructs.network.ServiceNetwork;
import software.amazon.awscdk.services.ec2.ISecurityGroup;

/**
 * The database a DMS source endpoint reads, and how the replication instance reaches it. DMS
 * takes the connection from the secret, which must hold {@code host}, {@code port},
 * {@code username} and {@code password} of a user with the replication privileges CDC needs
 * (docs/dms.md); RDS-managed master secrets hold no host and cannot be used.
 *
 * @param host      endpoint host name (a token of the replicas' construct is fine)
 * @param port      database port
 * @param secretArn full ARN of the secret DMS reads the connection from
 * @param access    how the replication instance's network interfaces are admitted
 */
public record DmsSourceDatabase(String host, int port, String secretArn, Access access) {

    public DmsSourceDatabase {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        Objects.requireNonNull(secretArn, "secretArn");
        Objects.requireNonNull(access, "access");
    }

    /** How the replication instance reaches the database. */
    public sealed interface Access {
    }

    /**
     * As a member of the replicas' consumers group: a read replica in the platform VPC with binary
     * logging on, which admits that group on its port. No rule names a group outside the platform.
     */
    public record AsConsumer(ISecurityGroup consumers) implements Access {
        public AsConsumer {
            Objects.requireNonNull(consumers, "consumers");
        }
    }

    /**
     * Through the database's own security group, in the service's VPC, across the connection
     * config names for it (peering or transit gateway, {@link ServiceNetwork}): the group admits
     * the replication instance, which may send to it. Config validation requires the connection.
     */
    public record ThroughSecurityGroup(String securityGroupId, ServiceNetwork network) implements Access {
        public ThroughSecurityGroup {
            Objects.requireNonNull(securityGroupId, "securityGroupId");
            Objects.requireNonNull(network, "network");
        }
    }
}
