package market.udong.lambdas.masking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.MaskingPolicies;
import market.udong.core.masking.PipelineColumns;
import market.udong.core.masking.PolicyViolation;

import org.apache.parquet.io.LocalOutputFile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Masks one S3 object into the curated zone, or quarantines it.
 *
 * <ol>
 * <li>Download the input to local temporary storage (the Lambda's {@code /tmp}).</li>
 * <li>Mask it with the table's policy ({@link ParquetMasker}).</li>
 * <li>Upload to {@link MaskingTarget#curatedKey()} and register the {@code dt=} partition.</li>
 * </ol>
 * A file that cannot be read, belongs to no configured table, or breaks its table's policy is
 * copied to the quarantine bucket under the same key, with {@code <key>.reason.json} beside it,
 * and counted in {@value MaskingMetrics#FILES_QUARANTINED}; that is a handled outcome, not an
 * error. Errors thrown are transient (S3, Glue, Secrets Manager) and worth a retry.
 */
public class MaskingService {

    /** What became of a file. */
    public enum Outcome { MASKED, QUARANTINED, GONE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final CatalogPartitions catalog;
    private final HmacKeySource keys;
    private final MaskingPolicies policies;
    private final String curatedBucket;
    private final String quarantineBucket;
    private final Path workDir;
    private final MaskingMetrics metrics;
    private final Clock clock;
    private final ParquetMasker masker = new ParquetMasker();

    /**
     * @param catalog  null to skip catalog registration
     * @param workDir  where inputs and outputs are staged (needs room for both)
     */
    public MaskingService(S3Client s3, CatalogPartitions catalog, HmacKeySource keys, MaskingPolicies policies,
                          String curatedBucket, String quarantineBucket, Path workDir, MaskingMetrics metrics, Clock clock) {
        this.s3 = s3;
        this.catalog = catalog;
        this.keys = keys;
        this.policies = policies;
        this.curatedBucket = curatedBucket;
        this.quarantineBucket = quarantineBucket;
        this.workDir = workDir;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Outcome process(MaskingTarget target) {
        Optional<TableConfig> configured = policies.table(target.source(), target.database(), target.table());
        if (configured.isEmpty()) {
            return quarantine(target, "no-policy", "table " + target.qualifiedTable() + " of source " + target.source()
                    + " has no column policy in config; add it to config/sources/" + target.source() + ".yaml", null);
        }
        TableConfig table = target.dms()
                ? PipelineColumns.withPassThrough(configured.get(), PipelineColumns.DMS)
                : configured.get();
        Path in = null;
        Path out = null;
        try {
            in = Files.createTempFile(workDir, "in-", ".parquet");
            out = Files.createTempFile(workDir, "out-", ".parquet");
            try {
                s3.getObject(b -> b.bucket(target.bucket()).key(target.key()), ResponseTransformer.toFile(overwrite(in)));
            } catch (NoSuchKeyException gone) {
                System.out.println("skipped s3://" + target.bucket() + "/" + target.key() + ": the object no longer exists");
                return Outcome.GONE;
            }
            MaskingReport report;
            try {
                report = masker.mask(new LocalParquetFile(in), new LocalOutputFile(out), table, keys.masks());
            } catch (PolicyViolation e) {
                return quarantine(target, "policy", e.getMessage(), null);
            } catch (IOException e) {
                return quarantine(target, "unreadable", e.getMessage(), null);
            }
            String key = target.curatedKey();
            s3.putObject(b -> b.bucket(curatedBucket).key(key).contentType("application/vnd.apache.parquet"),
                    RequestBody.fromFile(out));
            if (catalog != null) {
                catalog.ensure(target, curatedBucket, report.columns());
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(MaskingMetrics.FILES_MASKED, 1L);
            counts.put(MaskingMetrics.ROWS_MASKED, report.rowsOut());
            counts.put(MaskingMetrics.UNKNOWN_COLUMNS_DROPPED, (long) report.unclassified().size());
            metrics.emit(target.qualifiedTable(), counts, Map.of(
                    "input", "s3://" + target.bucket() + "/" + target.key(),
                    "output", "s3://" + curatedBucket + "/" + key,
                    "summary", report.summary()));
            if (!report.unclassified().isEmpty()) {
                System.out.println("dropped unclassified column(s) " + report.unclassified() + " of "
                        + target.qualifiedTable() + "; classify them in config/sources/" + target.source() + ".yaml");
            }
            return Outcome.MASKED;
        } catch (IOException e) {
            throw new UncheckedIOException("local staging failed for s3://" + target.bucket() + "/" + target.key(), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    private Outcome quarantine(MaskingTarget target, String kind, String reason, Exception cause) {
        s3.copyObject(b -> b.sourceBucket(target.bucket()).sourceKey(target.key())
                .destinationBucket(quarantineBucket).destinationKey(target.key()));
        ObjectNode why = JSON.createObjectNode();
        why.put("kind", kind);
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
        metrics.emit(target.qualifiedTable(), Map.of(MaskingMetrics.FILES_QUARANTINED, 1L),
                Map.of("input", "s3://" + target.bucket() + "/" + target.key(), "reason", kind + ": " + reason));
        return Outcome.QUARANTINED;
    }

    private static Path overwrite(Path file) throws IOException {
        // ResponseTransformer.toFile refuses an existing file.
        Files.delete(file);
        return file;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // /tmp is wiped with the container; a leftover file only costs space until then.
            }
        }
    }
}
