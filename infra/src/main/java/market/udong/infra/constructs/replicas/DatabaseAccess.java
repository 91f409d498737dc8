package market.udong.infra.constructs.replicas;

import java.util.Objects;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * How the platform's consumers (Glue, DMS, federation, BI) reach one source's read replica.
 *
 * @param host           replica endpoint host name
 * @param port           database port
 * @param readOnlySecret secret with the read-only user ({@code username}, {@code password})
 * @param consumers      security group the replica admits; consumers join it
 */
public record DatabaseAccess(String host, int port, ISecret readOnlySecret, ISecurityGroup consumers) {
    public DatabaseAccess {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(readOnlySecret, "readOnlySecret");
        Objects.requireNonNull(consumers, "consumers");
    }
}
