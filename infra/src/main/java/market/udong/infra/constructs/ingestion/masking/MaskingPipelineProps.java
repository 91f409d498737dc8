package market.udong.infra.constructs.ingestion.masking;

import java.util.Objects;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.IVpc;

/**
 * Props of {@link MaskingPipeline}.
 *
 * @param lake      the lake: files come from its exports and raw zones, masked output goes to curated, files that
 *                  cannot be masked to quarantine; column policies come from the deployed source configs in its
 *                  config bucket, the HMAC key from its hashing-key secret
 * @param vpc       VPC whose private subnets the functions run in
 * @param defaults  the Ingestion stack's defaults (log key of the functions' logs and the queues, alarm topic)
 * @param artifacts where the Lambda jars are
 */
public record MaskingPipelineProps(LakeReferences lake, IVpc vpc, EnvironmentDefaults defaults, LambdaArtifacts artifacts) {
    public MaskingPipelineProps {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(artifacts, "artifacts");
    }
}
