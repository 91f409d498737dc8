package market.udong.lambdas.fanout;

import market.udong.core.masking.MaskingTarget;
import market.udong.core.masking.MaskingMessages;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ExportTask;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Queues every Parquet file of a completed snapshot export for masking, one SQS message per file
 * ({@link MaskingMessages#perFile}), so files are masked in parallel and retried one by one.
 *
 * <p>The export is found with DescribeExportTasks by the snapshot's ARN (the export-completed
 * event names the snapshot, not the task). RDS writes {@code <S3Prefix>/<task id>/<db>/<db>.<table>/<n>/part-*.parquet}
 * (PostgreSQL: {@code <db>/<schema>.<table>/...}); the S3 prefix is {@code <source>/<yyyy>/<MM>/<dd>}
 * (Names.exportPrefix), which names the source; the partition date is the snapshot's (UTC).
 * Running twice sends the same messages again; masking overwrites, so that is harmless.
 */
public class ExportFanOutService {

    private static final int SQS_BATCH = 10;

    private final RdsClient rds;
    private final S3Client s3;
    private final SqsClient sqs;
    private final String queueUrl;

    public ExportFanOutService(RdsClient rds, S3Client s3, SqsClient sqs, String queueUrl) {
        this.rds = rds;
        this.s3 = s3;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * @return the files queued
     * @throws IllegalStateException when no completed export of the snapshot exists
     */
    public List<MaskingTarget> fanOut(String snapshotArn) {
        List<ExportTask> complete = rds.describeExportTasksPaginator(b -> b.sourceArn(snapshotArn)).exportTasks()
                .stream().filter(t -> "COMPLETE".equalsIgnoreCase(t.status())).toList();
        if (complete.isEmpty()) {
            throw new IllegalStateException("no completed export task for snapshot " + snapshotArn);
        }
        List<MaskingTarget> targets = new ArrayList<>();
        for (ExportTask task : complete) {
            targets.addAll(files(task));
        }
        send(targets);
        return targets;
    }

    private List<MaskingTarget> files(ExportTask task) {
        String prefix = task.s3Prefix() == null ? "" : task.s3Prefix().replaceAll("^/+|/+$", "");
        if (prefix.isEmpty()) {
            throw new IllegalStateException("export " + task.exportTaskIdentifier()
                    + " has no S3 prefix; the source cannot be told (expected <source>/<yyyy>/<MM>/<dd>)");
        }
        String source = prefix.split("/")[0];
        String root = prefix + "/" + task.exportTaskIdentifier() + "/";
        LocalDate date = LocalDate.ofInstant(task.snapshotTime(), ZoneOffset.UTC);
        List<MaskingTarget> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(task.s3Bucket()).prefix(root)).contents()) {
            if (!o.key().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                continue;
            }
            String[] parts = o.key().substring(root.length()).split("/");
            if (parts.length < 3) {
                continue;
            }
            String database = parts[0];
            String folder = parts[1];
            int dot = folder.lastIndexOf('.');
            String table = folder.substring(dot + 1);
            String schema = dot < 0 ? database : folder.substring(0, dot);
            String db = schema.equals(database) ? database : database + "." + schema;
            out.add(new MaskingTarget(task.s3Bucket(), o.key(), source, db, table, date, false));
        }
        return out;
    }

    private void send(List<MaskingTarget> targets) {
        for (int i = 0; i < targets.size(); i += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + SQS_BATCH, targets.size()); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(MaskingMessages.perFile(targets.get(j))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().get(0);
                // The whole event is retried by Lambda; duplicates of the sent ones are harmless.
                throw new IllegalStateException(response.failed().size() + " message(s) not queued, e.g. "
                        + first.code() + ": " + first.message());
            }
        }
    }
}
