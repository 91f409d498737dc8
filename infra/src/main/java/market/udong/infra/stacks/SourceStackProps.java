package market.udong.infra.stacks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import market.udong.infra.constructs.common.LambdaArtifacts;
import market.udong.infra.constructs.ingestion.IngestionServices;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What a {@link SourceStack} takes from the environment's shared stacks.
 *
 * @param vpc        the Network stack's VPC
 * @param biClients  the Network stack's BI clients group, where the environment runs the BI tool
 * @param lake       the Lake stack's references
 * @param alarmTopic the Monitoring stack's topic
 * @param ingestion  what the Ingestion stack shares with every source
 * @param workgroups names of the environment's Athena workgroups (a federated connector may look up their queries)
 * @param artifacts  where the Lambda and Glue jars are
 */
public record SourceStackProps(IVpc vpc, Optional<ISecurityGroup> biClients, LakeReferences lake, ITopic alarmTopic,
                               IngestionServices ingestion, List<String> workgroups, LambdaArtifacts artifacts) {
    public SourceStackProps {
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(biClients, "biClients");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
        Objects.requireNonNull(ingestion, "ingestion");
        workgroups = List.copyOf(workgroups);
        Objects.requireNonNull(artifacts, "artifacts");
    }
}
