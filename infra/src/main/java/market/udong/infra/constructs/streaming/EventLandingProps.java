package market.udong.infra.constructs.streaming;

import java.util.List;
import java.util.Objects;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.infra.constructs.common.EnvironmentDefaults;
import market.udong.infra.constructs.ingestion.glue.GlueJobCode;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.IVpc;

/**
 * Props of {@link EventLanding}.
 *
 * @param tables                every event table of the environment (at least one)
 * @param cluster               the MSK cluster the topics live on
 * @param vpc                   VPC whose private subnets hold the jobs' connection
 * @param lake                  the lake: tables in the curated zone, checkpoints in raw, bad records in quarantine
 * @param code                  the Glue job jar and the events entry script
 * @param securityConfiguration name of the environment's Glue security configuration
 * @param defaults              the stack's defaults (alarm topic)
 */
public record EventLandingProps(List<EventTable> tables, KafkaCluster cluster, IVpc vpc, LakeReferences lake, GlueJobCode code,
                                String securityConfiguration, EnvironmentDefaults defaults) {
    public EventLandingProps {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no event tables to land");
        }
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(securityConfiguration, "securityConfiguration");
        Objects.requireNonNull(defaults, "defaults");
    }
}
