package market.udong.lambdas.masking;

import market.udong.core.masking.MaskingTarget;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.MaskingMetricNames;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.masking.PipelineColumns;
import market.udong.core.masking.PolicyViolation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Masks one S3 object into the curated zone, or quarantines it.
 *
 * <ol>
 * <li>Read the input with ranged GETs ({@link S3ParquetFile}): the footer, then each row group's
 *     column chunks; nothing is staged on local disk, so the function needs no more than Lambda's
 *     default 512 MiB of {@code /tmp} and can use SnapStart.</li>
 * <li>Mask it with the table's policy ({@link ParquetMasker}), row group by row group.</li>
 * <li>Stream the output to {@link MaskingTarget#curatedKey()} as a multipart upload
 *     ({@link S3MultipartOutputFile}), which only becomes an object when the masker finishes; any
 *     failure aborts it. Then register the {@code dt=} partition.</li>
 * </ol>
 * A file that cannot be read, belongs to no configured table, breaks its table's policy, or is
 * replaced while it is read is copied (server-side) to the quarantine bucket under the same key,
 * with {@code <key>.reason.json} beside it, and counted in {@value MaskingMetrics#FILES_QUARANTINED};
 * that is a handled outcome, not an error. Errors thrown are transient (S3, Glue, Secrets Manager)
 * and worth a retry.
 */
public class MaskingService {

    /** What became of a file. */
    public enum Outcome { MASKED, QUARANTINED, GONE }

    /** Content type of curated files. */
    public static final String PARQUET_CONTENT_TYPE = "application/vnd.apache.parquet";

    /**
     * Sizes of the S3 transfers.
     *
     * @param partSize  bytes per multipart-upload part, at least 5 MiB; two such buffers are in use per file
     * @param readAhead bytes per GET when chunks are copied sequentially
     */
    public record TransferSizes(int partSize, int readAhead) {
        /** 16 MiB parts (a 2 GB output in 128 parts), 8 MiB reads. */
        public static final TransferSizes DEFAULT = new TransferSizes(S3MultipartOutputFile.DEFAULT_PART_SIZE,
                S3ParquetFile.DEFAULT_READ_AHEAD);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final CatalogPartitions catalog;
    private final HmacKeySource keys;
    private final DeployedSources sources;
    private final String curatedBucket;
    private final String quarantineBucket;
    private final MaskingMetrics metrics;
    private final Clock clock;
    private final TransferSizes sizes;
    private final S3MultipartOutputFile.PartBuffers partBuffers;
    private final ParquetMasker masker = new ParquetMasker();

    /** With {@link TransferSizes#DEFAULT}. */
    public MaskingService(S3Client s3, CatalogPartitions catalog, HmacKeySource keys, DeployedSources sources,
                          String curatedBucket, String quarantineBucket, MaskingMetrics metrics, Clock clock) {
        this(s3, catalog, keys, sources, curatedBucket, quarantineBucket, metrics, clock, TransferSizes.DEFAULT);
    }

    /** @param catalog null to skip catalog registration */
    public MaskingService(S3Client s3, CatalogPartitions catalog, HmacKeySource keys, DeployedSources sources,
                          String curatedBucket, String quarantineBucket, MaskingMetrics metrics, Clock clock,
                          TransferSizes sizes) {
        this.s3 = s3;
        this.catalog = catalog;
        this.keys = keys;
        this.sources = sources;
        this.curatedBucket = curatedBucket;
        this.quarantineBucket = quarantineBucket;
        this.metrics = metrics;
        this.clock = clock;
        this.sizes = sizes;
        // Part buffers are allocated on the first file, after a SnapStart restore, and kept for the next files.
        this.partBuffers = new S3MultipartOutputFile.PartBuffers(sizes.partSize());
    }

    public Outcome process(MaskingTarget target) {
        // A source whose config cannot be read throws, so the message is retried: its policies exist, unread.
        Optional<DeployedSource> source = sources.source(target.source());
        Optional<TableConfig> configured = source.flatMap(s -> s.table(target.database(), target.table()));
        if (configured.isEmpty()) {
            return quarantine(target, QuarantineKind.NO_POLICY, "table " + target.qualifiedTable() + " of source " + target.source()
                    + " has no column policy in the deployed config; add it to config/sources/" + target.source()
                    + ".yaml and deploy");
        }
        TableConfig table = target.dms()
                ? PipelineColumns.withPassThrough(configured.get(), PipelineColumns.dms(source.get().dmsTimestampColumn()))
                : configured.get();
        String input = "s3://" + target.bucket() + "/" + target.key();
        S3ParquetFile in;
        try {
            in = S3ParquetFile.open(s3, target.bucket(), target.key(), sizes.readAhead());
        } catch (NoSuchKeyException gone) {
            metrics.info("skipped: the object no longer exists", Map.of("input", input));
            return Outcome.GONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        String key = target.curatedKey();
        S3MultipartOutputFile out = new S3MultipartOutputFile(s3, curatedBucket, key, PARQUET_CONTENT_TYPE, partBuffers);
        MaskingReport report;
        try {
            report = masker.mask(in, out, table, keys.masks());
        } catch (PolicyViolation e) {
            discard(out);
            return quarantine(target, QuarantineKind.POLICY, e.getMessage());
        } catch (IOException e) {
            discard(out);
            InputChangedException changed = causeOf(e, InputChangedException.class);
            if (changed != null) {
                return quarantine(target, QuarantineKind.CHANGED, changed.getMessage());
            }
            S3TransferException transfer = causeOf(e, S3TransferException.class);
            if (transfer != null) {
                throw new UncheckedIOException("masking " + input + " failed on an S3 request; will retry", transfer);
            }
            return quarantine(target, QuarantineKind.UNREADABLE, e.getMessage());
        } catch (RuntimeException | Error e) {
            discard(out);
            throw e;
        }
        if (catalog != null) {
            catalog.ensure(target, curatedBucket, report.columns());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(MaskingMetricNames.FILES_MASKED, 1L);
        counts.put(MaskingMetricNames.ROWS_MASKED, report.rowsOut());
        counts.put(MaskingMetricNames.UNKNOWN_COLUMNS_DROPPED, (long) report.unclassified().size());
        metrics.emit("masked", target.qualifiedTable(), counts, Map.of(
                "input", input,
                "output", "s3://" + curatedBucket + "/" + key,
                "summary", report.summary(),
                "inputReads", in.requests() + " GETs, " + in.bytesFetched() + " of " + in.getLength() + " bytes"));
        if (!report.unclassified().isEmpty()) {
            metrics.warn("dropped unclassified column(s); classify them in config/sources/" + target.source() + ".yaml",
                    Map.of("table", target.qualifiedTable(), "columns", report.unclassified()));
        }
        return Outcome.MASKED;
    }

    /** Aborts (or deletes) a failed output; a failure to do so must not hide why the file failed. */
    private void discard(S3MultipartOutputFile out) {
        try {
            out.discard();
        } catch (SdkException e) {
            metrics.warn("could not discard a failed output (the bucket's lifecycle rule removes incomplete uploads "
                    + "after seven days)", Map.of("output", out.getPath(), "error", e.toString()));
        }
    }

    /** The first {@code type} in {@code e}'s cause chain (parquet-java may wrap what our streams throw). */
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private Outcome quarantine(MaskingTarget target, QuarantineKind kind, String reason) {
        try {
            // Server-side copy: the bytes never pass through the function.
            s3.copyObject(b -> b.sourceBucket(target.bucket()).sourceKey(target.key())
                    .destinationBucket(quarantineBucket).destinationKey(target.key()));
        } catch (NoSuchKeyException gone) {
            metrics.info("skipped: the object no longer exists", Map.of("input", "s3://" + target.bucket() + "/"
                    + target.key(), "kind", kind.id(), "reason", reason));
            return Outcome.GONE;
        }
        ObjectNode why = JSON.createObjectNode();
        why.put("kind", kind.id());
        why.put("reason", reason);
        why.put("bucket", target.bucket());
        why.put("key", target.key());
        why.put("source", target.source());
        why.put("database", target.database());
        why.put("table", target.table());
        why.put("snapshotDate", target.snapshotDate().toString());
        why.put("quarantinedAt", clock.instant().toString());
        s3.putObject(b -> b.bucket(quarantineBucket).key(target.key() + ".reason.json").contentType("application/json"),
                RequestBody.fromString(why.toString(), StandardCharsets.UTF_8));
        metrics.emit("quarantined", target.qualifiedTable(), Map.of(MaskingMetricNames.FILES_QUARANTINED, 1L),
                Map.of("input", "s3://" + target.bucket() + "/" + target.key(), "kind", kind.id(), "reason", reason));
        return Outcome.QUARANTINED;
    }
}
