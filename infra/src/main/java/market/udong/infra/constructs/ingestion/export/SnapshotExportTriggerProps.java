package market.udong.infra.constructs.ingestion.export;

import java.util.Objects;
import market.udong.core.export.ExportSources;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Props of {@link SnapshotExportTrigger}.
 *
 * @param environment      environment name (the function's metric dimension and the alarm's)
 * @param sources          the sources to export, with the identifier of each one's database; a source
 *                         missing here is not exported (its snapshots are ignored)
 * @param code             the export trigger's jar ({@code udong-export-lambda.jar})
 * @param vpc              VPC the function runs in (private subnets)
 * @param lakeKey          KMS key RDS encrypts exports with, and the exports bucket's key
 * @param exportsBucket    bucket RDS writes exports to
 * @param logKey           KMS key of the function's log group and of its dead-letter queue
 * @param alarmTopic       topic the alarms notify
 * @param fallbackSchedule when the schedule exports each source's latest automated snapshot (default
 *                         {@link #DEFAULT_FALLBACK}: a missed event is caught within hours, and a repeat is a no-op)
 * @param logRetentionDays CloudWatch Logs retention of the function
 * @param removalPolicy    RETAIN in environments that keep their data
 */
public record SnapshotExportTriggerProps(String environment, ExportSources sources, Code code, IVpc vpc, IKey lakeKey,
                                         IBucket exportsBucket, IKey logKey, ITopic alarmTopic, Schedule fallbackSchedule,
                                         int logRetentionDays, RemovalPolicy removalPolicy) {

    /** Every six hours: automated snapshots are daily, so at most one is missed for a quarter of a day. */
    public static final Schedule DEFAULT_FALLBACK = Schedule.expression("rate(6 hours)");

    /** How often Lambda retries an asynchronous invocation that failed in a way a retry may fix (0–2). */
    public static final int RETRY_ATTEMPTS = 2;

    public SnapshotExportTriggerProps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(lakeKey, "lakeKey");
        Objects.requireNonNull(exportsBucket, "exportsBucket");
        Objects.requireNonNull(logKey, "logKey");
        Objects.requireNonNull(alarmTopic, "alarmTopic");
        fallbackSchedule = fallbackSchedule == null ? DEFAULT_FALLBACK : fallbackSchedule;
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
