package market.udong.infra.stacks;

import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.ingestion.dms.DmsSourceDatabase;
import market.udong.infra.constructs.replicas.DatabaseAccess;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What {@link IngestionStack} takes from the other stacks of its environment.
 *
 * @param vpc               the Network stack's VPC
 * @param lakeKey           the Lake stack's key
 * @param exportsBucket     the Lake stack's exports bucket (snapshot exports land here)
 * @param rawBucket         the Lake stack's raw bucket (DMS writes under {@code dms/<source>/})
 * @param alarmTopic        the Monitoring stack's alarm topic
 * @param artifacts         where the Lambda jars are
 * @param createdPrimaryIds identifiers of the primaries the Replicas stack creates (environments with
 *                          {@code features.createPrimaries}), by source name: the instance identifier, or
 *                          the cluster identifier for Aurora. Sources with an imported primary take it from
 *                          config. A source with snapshot tables in neither is not exported yet.
 * @param dmsDatabases      the database each source's DMS endpoint reads (its read replica, from the Replicas
 *                          stack), by source name. A source with dms tables missing here is not replicated yet.
 * @param curatedBucket     the Lake stack's curated bucket (masked output of every path)
 * @param quarantineBucket  the Lake stack's quarantine bucket (files that cannot be masked)
 * @param hashingKey        the Lake stack's HMAC key secret of the hash policy
 * @param glueDatabases     how each source's Glue jobs reach its read replica (the Replicas stack), by source name
 */
public record IngestionStackProps(IVpc vpc, IKey lakeKey, IBucket exportsBucket, IBucket rawBucket, ITopic alarmTopic,
                                  LambdaArtifacts artifacts, Map<String, String> createdPrimaryIds,
                                  Map<String, DmsSourceDatabase> dmsDatabases, IBucket curatedBucket,
                                  IBucket quarantineBucket, ISecret hashingKey, Map<String, DatabaseAccess> glueDatabases) {
    public IngestionStackProps {
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lakeKey, "lakeKey");
        Objects.requireNonNull(exportsBucket, "exportsBucket");
        Objects.requireNonNull(rawBucket, "rawBucket");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
        Objects.requireNonNull(artifacts, "artifacts");
        createdPrimaryIds = Map.copyOf(createdPrimaryIds);
        dmsDatabases = Map.copyOf(dmsDatabases);
        Objects.requireNonNull(curatedBucket, "curatedBucket");
        Objects.requireNonNull(quarantineBucket, "quarantineBucket");
        Objects.requireNonNull(hashingKey, "hashingKey");
        glueDatabases = Map.copyOf(glueDatabases);
    }
}
