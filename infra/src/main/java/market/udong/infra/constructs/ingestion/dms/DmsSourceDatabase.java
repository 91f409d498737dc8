package market.udong.infra.constructs.ingestion.dms;

import java.util.Objects;
import java.util.Optional;
import market.udong.core.config.SourceConfig;

/**
 * The database a DMS source endpoint reads: a read replica (from the Replicas stack) or, until one
 * is wired, the imported primary from config. DMS takes the connection from the secret, which
 * must hold {@code host}, {@code port}, {@code username} and {@code password} of a user with the
 * replication privileges CDC needs (docs/dms.md); RDS-managed master secrets hold no host and
 * cannot be used.
 *
 * @param host            endpoint host name (a token from another stack is fine)
 * @param port            database port
 * @param secretArn       full ARN of the secret DMS reads the connection from
 * @param securityGroupId security group of the database; the replication instance is admitted on {@code port}
 */
public record DmsSourceDatabase(String host, int port, String secretArn, String securityGroupId) {

    public DmsSourceDatabase {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        Objects.requireNonNull(secretArn, "secretArn");
        Objects.requireNonNull(securityGroupId, "securityGroupId");
    }

    /** The imported primary of {@code source}, if its config has one with a secret and security group. */
    public static Optional<DmsSourceDatabase> importedPrimaryOf(SourceConfig source) {
        return source.existingPrimary()
                .filter(p -> p.endpoint() != null && p.secretArn() != null && p.securityGroupId() != null)
                .map(p -> new DmsSourceDatabase(p.endpoint(),
                        p.port() != null ? p.port() : source.engine().isMysqlCompatible() ? 3306 : 5432,
                        p.secretArn(), p.securityGroupId()));
    }
}
