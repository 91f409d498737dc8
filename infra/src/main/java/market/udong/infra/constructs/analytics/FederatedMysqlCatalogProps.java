package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * Props of {@link FederatedMysqlCatalog}.
 *
 * @param catalog          catalog name used in SQL, e.g. {@code mysql}
 * @param functionName     name of the connector's Lambda function
 * @param host             replica host the connector reads
 * @param port             replica port
 * @param defaultDatabase  database the JDBC URL names (the connector lists every database the user may read)
 * @param secretName       name of the read-only user's secret, as the connection string references it
 * @param secretNamePrefix the connector may read secrets whose name starts with this, and no others
 * @param secret           the read-only user's secret
 * @param replicaConsumers the source's consumers security group, which the connector joins
 * @param vpc              the platform VPC; the connector runs in its private subnets (it calls Athena over NAT)
 * @param spill            bucket for results too large for a Lambda response
 * @param spillPrefix      the catalog's prefix in {@code spill}
 * @param logKey           KMS key of the connector's log group
 * @param logRetentionDays days the connector's logs are kept (a CloudWatch Logs retention value)
 * @param workgroupArns    workgroups whose queries the connector may look up (athena:GetQueryExecution)
 * @param removalPolicy    what happens to the log group when the stack is deleted
 */
public record FederatedMysqlCatalogProps(String catalog, String functionName, String host, int port,
                                         String defaultDatabase, String secretName, String secretNamePrefix,
                                         ISecret secret, ISecurityGroup replicaConsumers, IVpc vpc, IBucket spill,
                                         String spillPrefix, IKey logKey, int logRetentionDays,
                                         List<String> workgroupArns, RemovalPolicy removalPolicy) {
    public FederatedMysqlCatalogProps {
        Objects.requireNonNull(catalog, "catalog");
        if (!functionName.matches("[a-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("the connector's function name must match [a-z0-9_-]{1,64} "
                    + "(the Serverless Application Repository template enforces it), got '" + functionName + "'");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultDatabase, "defaultDatabase");
        Objects.requireNonNull(secretName, "secretName");
        if (!secretName.startsWith(secretNamePrefix)) {
            throw new IllegalArgumentException("secret '" + secretName + "' is outside the prefix '" + secretNamePrefix
                    + "' the connector may read");
        }
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(replicaConsumers, "replicaConsumers");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(spill, "spill");
        Objects.requireNonNull(spillPrefix, "spillPrefix");
        Objects.requireNonNull(logKey, "logKey");
        workgroupArns = List.copyOf(workgroupArns);
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
