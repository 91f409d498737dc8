package market.udong.infra.constructs.ingestion.dms;

import java.util.Objects;
import java.util.Optional;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.infra.constructs.lake.LakeReferences;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.IDependable;

/**
 * Props of {@link DmsReplication}.
 *
 * @param source       the source, with at least one {@code ingestion: dms} table; its {@code dms} settings
 *                     size the instance and shape the task
 * @param database     the database the source endpoint reads and how the instance reaches it
 * @param vpc          VPC whose private (egress) subnets hold the replication instance
 * @param lake         the lake: its key encrypts the instance's storage, the endpoints and the raw objects, which
 *                     DMS writes to the raw zone under {@code dms/<source>/}
 * @param taskControl  the function serving {@code Custom::DmsTaskControl} (the Ingestion stack's)
 * @param alarmTopic   topic a stopped or failed task notifies
 * @param accountRoles the account-level DMS roles where the environment creates them (the subnet group and
 *                     instance wait for them); empty where the account has them already
 */
public record DmsReplicationProps(SourceConfig source, DmsSourceDatabase database, IVpc vpc, LakeReferences lake,
                                  IFunction taskControl, ITopic alarmTopic, Optional<IDependable> accountRoles) {
    public DmsReplicationProps {
        Objects.requireNonNull(source, "source");
        if (source.tablesUsing(Ingestion.DMS).isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no ingestion: dms table to replicate");
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(taskControl, "taskControl");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
        Objects.requireNonNull(accountRoles, "accountRoles");
    }
}
