package market.udong.lambdas.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.export.ExportMetrics;
import market.udong.core.export.ExportSource;
import market.udong.core.naming.Names;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.ExportTask;
import software.amazon.awssdk.services.rds.model.ExportTaskAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.IamRoleMissingPermissionsException;
import software.amazon.awssdk.services.rds.model.IamRoleNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidExportOnlyException;
import software.amazon.awssdk.services.rds.model.InvalidS3BucketException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;

/**
 * Starts RDS snapshot exports to the exports bucket, one task per automated snapshot.
 *
 * <p>Contract:
 * <ul>
 *   <li>The task identifier is {@link Names#exportTaskIdentifier} of the source and the
 *       snapshot's creation time, so the same snapshot always maps to the same task; RDS's
 *       {@code ExportTaskAlreadyExists} then means the work is done ({@link ExportStatus#ALREADY_STARTED}),
 *       after checking that the existing task exports this very snapshot.</li>
 *   <li>RDS writes under {@code <source>/<yyyy>/<MM>/<dd>/<task id>/} ({@link Names#exportPrefix}
 *       with the snapshot's UTC date), exporting only the source's snapshot tables, encrypted with
 *       the lake key. Aurora sources export the cluster snapshot.</li>
 *   <li>Outcomes that no retry can change are {@link ExportStatus#REJECTED} and returned, never
 *       thrown: logged at ERROR with the {@link ExportMetrics#REJECTED} metric for an alarm.
 *       Failures a retry may fix are {@link ExportStatus#FAILED}; the caller fails the invocation.</li>
 * </ul>
 */
public final class SnapshotExportService {

    /** The only snapshot type exported; RDS also needs it to find an automated snapshot by identifier. */
    static final String AUTOMATED = "automated";
    private static final String AVAILABLE = "available";

    private final RdsClient rds;
    private final ExportTriggerSettings settings;
    private final DeployedSources sources;
    private final StructuredLog log;

    /**
     * @param sources the deployed source configs: which database each source exports from, and which tables
     */
    public SnapshotExportService(RdsClient rds, ExportTriggerSettings settings, DeployedSources sources, StructuredLog log) {
        this.rds = rds;
        this.settings = settings;
        this.sources = sources;
        this.log = log;
    }

    /** Handles one invocation; every outcome is also logged. */
    public List<ExportOutcome> handle(TriggerEvent event) {
        List<ExportOutcome> outcomes;
        try {
            outcomes = outcomesOf(event);
        } catch (IllegalStateException | SdkException e) {
            // The deployed configs could not be read: a retry (or the next snapshot) may succeed.
            outcomes = List.of(new ExportOutcome(ExportStatus.FAILED, null, null, null, null,
                    "cannot read the deployed source configs: " + e.getMessage()));
        }
        outcomes.forEach(this::report);
        return outcomes;
    }

    private List<ExportOutcome> outcomesOf(TriggerEvent event) {
        List<ExportOutcome> outcomes;
        if (event instanceof TriggerEvent.SnapshotCreated created) {
            outcomes = List.of(exportSnapshot(created));
        } else if (event instanceof TriggerEvent.ExportLatest latest) {
            outcomes = latest.source()
                    .map(name -> List.of(exportLatest(name)))
                    .orElseGet(() -> exports().keySet().stream().map(this::exportLatest).toList());
        } else {
            outcomes = List.of(ExportOutcome.rejected(null, null,
                    "unrecognized event: " + ((TriggerEvent.Unrecognized) event).description()));
        }
        return outcomes;
    }

    /** The export settings of every deployed source that has snapshot tables, by source name. */
    private Map<String, ExportSource> exports() {
        Map<String, ExportSource> exports = new java.util.TreeMap<>();
        for (DeployedSource source : sources.all()) {
            if (source.export() != null) {
                exports.put(source.source(), source.export());
            }
        }
        return exports;
    }

    private ExportOutcome exportSnapshot(TriggerEvent.SnapshotCreated event) {
        if (!event.isAutomatedSnapshotCreated()) {
            return ExportOutcome.ignored("event " + event.eventId() + " is not the completion of an automated "
                    + (event.cluster() ? "cluster " : "") + "snapshot");
        }
        Optional<Snapshot> snapshot;
        try {
            snapshot = describe(event.cluster(), event.snapshotIdentifier());
        } catch (SdkException e) {
            return new ExportOutcome(ExportStatus.FAILED, null, event.snapshotArn(), null, null,
                    "cannot describe snapshot " + event.snapshotIdentifier() + ": " + explain(e));
        }
        if (snapshot.isEmpty()) {
            return ExportOutcome.rejected(null, event.snapshotArn(), "automated snapshot " + event.snapshotIdentifier()
                    + " does not exist (deleted before its export, or not automated)");
        }
        Snapshot found = snapshot.get();
        return exports().entrySet().stream()
                .filter(e -> e.getValue().isSnapshotOf(found.cluster(), found.databaseIdentifier()))
                .findFirst()
                .map(e -> start(e.getKey(), e.getValue(), found))
                .orElseGet(() -> ExportOutcome.ignored("snapshot " + found.identifier() + " is of "
                        + (found.cluster() ? "cluster " : "instance ") + found.databaseIdentifier()
                        + ", which no configured source uses"));
    }

    private ExportOutcome exportLatest(String sourceName) {
        Optional<ExportSource> source = sources.source(sourceName).map(DeployedSource::export);
        if (source.isEmpty()) {
            return ExportOutcome.rejected(sourceName, null, "no deployed source named '" + sourceName
                    + "' has snapshot tables; sources with snapshot tables: " + exports().keySet());
        }
        boolean cluster = source.get().engine().isAurora();
        Optional<Snapshot> latest;
        try {
            latest = automatedSnapshots(cluster, source.get().databaseIdentifier())
                    .filter(s -> AVAILABLE.equals(s.status()))
                    .max(Comparator.comparing(Snapshot::createTime));
        } catch (SdkException e) {
            return new ExportOutcome(ExportStatus.FAILED, sourceName, null, null, null,
                    "cannot list snapshots of " + source.get().databaseIdentifier() + ": " + explain(e));
        }
        return latest.map(snapshot -> start(sourceName, source.get(), snapshot))
                .orElseGet(() -> ExportOutcome.rejected(sourceName, null, "no available automated snapshot of "
                        + (cluster ? "cluster " : "instance ") + source.get().databaseIdentifier()
                        + " (are automated backups on?)"));
    }

    private ExportOutcome start(String sourceName, ExportSource source, Snapshot snapshot) {
        String taskId;
        try {
            taskId = Names.exportTaskIdentifier(sourceName, snapshot.createTime());
        } catch (IllegalArgumentException e) {
            return ExportOutcome.rejected(sourceName, snapshot.arn(), e.getMessage());
        }
        String prefix = Names.exportPrefix(sourceName, snapshot.createTime().atZone(ZoneOffset.UTC).toLocalDate());
        // RDS puts '/' and the task identifier after the prefix itself; a trailing slash would double it.
        String s3Prefix = prefix.substring(0, prefix.length() - 1);
        ExportOutcome started = new ExportOutcome(ExportStatus.STARTED, sourceName, snapshot.arn(), taskId, s3Prefix, null);
        try {
            rds.startExportTask(r -> r
                    .exportTaskIdentifier(taskId)
                    .sourceArn(snapshot.arn())
                    .s3BucketName(settings.exportsBucket())
                    .s3Prefix(s3Prefix)
                    .iamRoleArn(settings.exportRoleArn())
                    .kmsKeyId(settings.kmsKeyArn())
                    .exportOnly(source.exportOnly()));
            return started;
        } catch (ExportTaskAlreadyExistsException e) {
            return alreadyExists(started);
        } catch (InvalidExportOnlyException | InvalidS3BucketException | IamRoleNotFoundException
                 | IamRoleMissingPermissionsException | KmsKeyNotAccessibleException
                 | DbSnapshotNotFoundException | DbClusterSnapshotNotFoundException e) {
            return started.withStatus(ExportStatus.REJECTED, "RDS refused the export: " + e.awsErrorDetails().errorCode()
                    + ": " + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            return started.withStatus(ExportStatus.FAILED, "StartExportTask failed: " + explain(e));
        }
    }

    /** An identifier is only proof of an earlier export when its task exports the same snapshot. */
    private ExportOutcome alreadyExists(ExportOutcome started) {
        List<ExportTask> tasks;
        try {
            tasks = rds.describeExportTasks(r -> r.exportTaskIdentifier(started.exportTaskIdentifier())).exportTasks();
        } catch (SdkException e) {
            return started.withStatus(ExportStatus.FAILED, "export task exists but cannot be described: " + explain(e));
        }
        Optional<String> existingSource = tasks.stream().map(ExportTask::sourceArn).findFirst();
        if (existingSource.isPresent() && !existingSource.get().equals(started.snapshotArn())) {
            return started.withStatus(ExportStatus.REJECTED, "export task " + started.exportTaskIdentifier()
                    + " already exports another snapshot (" + existingSource.get() + ")");
        }
        return started.withStatus(ExportStatus.ALREADY_STARTED, "export task already exists");
    }

    private Optional<Snapshot> describe(boolean cluster, String identifier) {
        try {
            if (cluster) {
                return rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(identifier).snapshotType(AUTOMATED))
                        .dbClusterSnapshots().stream().findFirst()
                        .map(s -> new Snapshot(true, s.dbClusterSnapshotIdentifier(), s.dbClusterSnapshotArn(),
                                s.dbClusterIdentifier(), s.snapshotCreateTime(), s.status()));
            }
            return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(identifier).snapshotType(AUTOMATED))
                    .dbSnapshots().stream().findFirst()
                    .map(s -> new Snapshot(false, s.dbSnapshotIdentifier(), s.dbSnapshotArn(),
                            s.dbInstanceIdentifier(), s.snapshotCreateTime(), s.status()));
        } catch (DbSnapshotNotFoundException | DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    private Stream<Snapshot> automatedSnapshots(boolean cluster, String databaseIdentifier) {
        if (cluster) {
            return rds.describeDBClusterSnapshotsPaginator(r -> r.dbClusterIdentifier(databaseIdentifier).snapshotType(AUTOMATED))
                    .dbClusterSnapshots().stream()
                    .map(s -> new Snapshot(true, s.dbClusterSnapshotIdentifier(), s.dbClusterSnapshotArn(),
                            s.dbClusterIdentifier(), s.snapshotCreateTime(), s.status()));
        }
        return rds.describeDBSnapshotsPaginator(r -> r.dbInstanceIdentifier(databaseIdentifier).snapshotType(AUTOMATED))
                .dbSnapshots().stream()
                .map(s -> new Snapshot(false, s.dbSnapshotIdentifier(), s.dbSnapshotArn(),
                        s.dbInstanceIdentifier(), s.snapshotCreateTime(), s.status()));
    }

    private void report(ExportOutcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", outcome.status());
        fields.put("source", outcome.source());
        fields.put("snapshotArn", outcome.snapshotArn());
        fields.put("exportTaskIdentifier", outcome.exportTaskIdentifier());
        fields.put("s3Bucket", outcome.s3Prefix() == null ? null : settings.exportsBucket());
        fields.put("s3Prefix", outcome.s3Prefix());
        fields.put("reason", outcome.reason());
        switch (outcome.status()) {
            case STARTED -> log.write(StructuredLog.Level.INFO, "snapshot export started", fields, count(ExportMetrics.STARTED));
            case ALREADY_STARTED -> log.write(StructuredLog.Level.INFO, "snapshot export already started", fields,
                    count(ExportMetrics.ALREADY_STARTED));
            case IGNORED -> log.write(StructuredLog.Level.INFO, "event ignored", fields, null);
            case REJECTED -> log.write(StructuredLog.Level.ERROR, "snapshot export rejected", fields, count(ExportMetrics.REJECTED));
            case FAILED -> log.write(StructuredLog.Level.WARN, "snapshot export failed; the invocation will be retried",
                    fields, count(ExportMetrics.FAILED));
        }
    }

    /** The SDK's message, led by RDS's error code when RDS answered. */
    private static String explain(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + ": " + e.getMessage()
                : e.getMessage();
    }

    private StructuredLog.Metrics count(String metric) {
        return StructuredLog.Metrics.count(ExportMetrics.NAMESPACE, metric, ExportMetrics.ENVIRONMENT_DIMENSION, settings.environment());
    }

    /** The parts of a DB snapshot or DB cluster snapshot an export needs. */
    private record Snapshot(boolean cluster, String identifier, String arn, String databaseIdentifier, Instant createTime,
                            String status) {
    }
}
