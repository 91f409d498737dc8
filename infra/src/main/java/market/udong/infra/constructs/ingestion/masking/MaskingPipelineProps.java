package market.udong.infra.constructs.ingestion.masking;

import market.udong.infra.constructs.common.LambdaArtifacts;
import java.util.List;
import java.util.Objects;
import market.udong.core.config.SourceConfig;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Props of {@link MaskingPipeline}.
 *
 * @param envName          environment name
 * @param sources          every source (their column policies ship with the function)
 * @param exports          the exports zone (snapshot exports land here)
 * @param raw              the raw zone (DMS writes under {@code dms/})
 * @param curated          the curated zone (masked output)
 * @param quarantine       the quarantine zone (files that cannot be masked, with a reason)
 * @param key              the lake key
 * @param hashingKey       the HMAC key secret of the hash policy
 * @param vpc              VPC whose private subnets the functions run in
 * @param artifacts        where the Lambda jars are
 * @param alarms           topic notified of quarantined files and dead letters
 * @param logRetentionDays days the functions' logs are kept
 */
public record MaskingPipelineProps(String envName, List<SourceConfig> sources, IBucket exports, IBucket raw,
                                   IBucket curated, IBucket quarantine, IKey key, ISecret hashingKey, IVpc vpc,
                                   LambdaArtifacts artifacts, ITopic alarms, int logRetentionDays) {
    public MaskingPipelineProps {
        Objects.requireNonNull(envName, "envName");
        sources = List.copyOf(sources);
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(curated, "curated");
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hashingKey, "hashingKey");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(alarms, "alarms");
    }
}
