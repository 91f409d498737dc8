package market.udong.infra.constructs.ingestion.glue;

import market.udong.infra.constructs.replicas.DatabaseAccess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import market.udong.core.config.SourceConfig;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Props of {@link GlueIngestion}.
 *
 * @param envName    environment name (job names are {@code udong-<env>-<source>-<table>})
 * @param sources    sources with {@code ingestion: glue} tables
 * @param access     how each source's replica is reached, by source name
 * @param vpc        VPC whose private subnets hold the JDBC connections
 * @param curated    the curated zone bucket
 * @param key        the lake key
 * @param hashingKey the HMAC key secret of the hash policy
 * @param jobJar     the shaded job jar (glue-scripts/target/udong-glue-job.jar)
 * @param entryScript the Glue entry script (glue-scripts/src/main/glue/table_ingest_entry.scala)
 * @param alarms     topic notified when a job run fails
 * @param logRetentionDays days the jobs' logs are kept
 */
public record GlueIngestionProps(String envName, java.util.List<SourceConfig> sources, Map<String, DatabaseAccess> access,
                                 IVpc vpc, IBucket curated, IKey key, ISecret hashingKey, Path jobJar, Path entryScript,
                                 ITopic alarms, int logRetentionDays) {
    public GlueIngestionProps {
        Objects.requireNonNull(envName, "envName");
        sources = java.util.List.copyOf(sources);
        access = Map.copyOf(access);
        for (SourceConfig s : sources) {
            if (!access.containsKey(s.name())) {
                throw new IllegalArgumentException("source " + s.name() + " has Glue tables but no replica access");
            }
        }
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(curated, "curated");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hashingKey, "hashingKey");
        Objects.requireNonNull(jobJar, "jobJar");
        Objects.requireNonNull(entryScript, "entryScript");
        Objects.requireNonNull(alarms, "alarms");
    }
}
