package market.udong.core.dms;

import java.util.List;
import java.util.Optional;
import market.udong.core.config.Engine;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.Names;

/**
 * The settings of a source's DMS S3 target endpoint that come from config and naming rules, with
 * the names CloudFormation's {@code AWS::DMS::Endpoint S3Settings} gives them. Infra adds what
 * only it knows: {@code BucketName} (the raw bucket), {@code ServiceAccessRoleArn},
 * {@code ServerSideEncryptionKmsKeyId} (the lake key) and {@code ExpectedBucketOwner}.
 *
 * <p>Output layout: DMS writes each table's files under {@code <bucketFolder>/<schema>/<table>/}
 * (full load as {@code LOAD00000001.parquet}, ...; CDC files in {@code yyyy/MM/dd/} date folders
 * below it, UTC by commit time), so readers take every object under the table's prefix.
 * Every row carries {@link SourceConfig.Dms#OPERATION_COLUMN Op} ({@code I}, {@code U},
 * {@code D}; {@code I} for full load) and the {@link #timestampColumnName} commit time, so the
 * current state of a row is its latest version that is not a delete.
 *
 * <p>{@code CdcPath} is deliberately not set: on an S3 target it only applies with
 * {@code PreserveTransactions}, which writes transaction-ordered CSV mixing every table and
 * cannot be combined with date partitioning. The masking Lambda needs one table per file.
 *
 * @param bucketFolder                         {@code BucketFolder}: {@code dms/<source>} ({@link Names#rawDmsPrefix} without its slash)
 * @param dataFormat                           {@code DataFormat}: parquet
 * @param parquetVersion                       {@code ParquetVersion}: parquet-2-0
 * @param compressionType                      {@code CompressionType}: gzip (Parquet pages, as RDS exports write them)
 * @param enableStatistics                     {@code EnableStatistics}: true (column statistics for readers)
 * @param parquetTimestampInMillisecond        {@code ParquetTimestampInMillisecond}: false, timestamps stay in
 *                                             microseconds as DESIGN section 6 requires
 * @param includeOpForFullLoad                 {@code IncludeOpForFullLoad}: true, so full-load and CDC files share a schema
 * @param cdcInsertsOnly                       {@code CdcInsertsOnly}: false, updates and deletes are kept
 * @param cdcInsertsAndUpdates                 {@code CdcInsertsAndUpdates}: false, deletes are kept
 * @param timestampColumnName                  {@code TimestampColumnName}: from {@code dms.timestampColumn}
 * @param useTaskStartTimeForFullLoadTimestamp {@code UseTaskStartTimeForFullLoadTimestamp}: true, one time for a whole full load
 * @param datePartitionEnabled                 {@code DatePartitionEnabled}: true
 * @param datePartitionSequence                {@code DatePartitionSequence}: YYYYMMDD
 * @param datePartitionDelimiter               {@code DatePartitionDelimiter}: SLASH
 * @param encryptionMode                       {@code EncryptionMode}: SSE_KMS (with the lake key)
 * @param cdcMaxBatchInterval                  {@code CdcMaxBatchInterval} in seconds: from {@code dms.cdcMaxBatchIntervalSeconds}
 * @param cdcMinFileSize                       {@code CdcMinFileSize} in KB: from {@code dms.cdcMinFileSizeKb}
 */
public record DmsS3TargetSettings(
        String bucketFolder,
        String dataFormat,
        String parquetVersion,
        String compressionType,
        boolean enableStatistics,
        boolean parquetTimestampInMillisecond,
        boolean includeOpForFullLoad,
        boolean cdcInsertsOnly,
        boolean cdcInsertsAndUpdates,
        String timestampColumnName,
        boolean useTaskStartTimeForFullLoadTimestamp,
        boolean datePartitionEnabled,
        String datePartitionSequence,
        String datePartitionDelimiter,
        String encryptionMode,
        int cdcMaxBatchInterval,
        int cdcMinFileSize) {

    /** The S3 target settings of {@code source}. */
    public static DmsS3TargetSettings of(SourceConfig source) {
        SourceConfig.Dms dms = source.dms();
        return new DmsS3TargetSettings(
                bucketFolder(source.name()),
                "parquet",
                "parquet-2-0",
                "gzip",
                true,
                false,
                true,
                false,
                false,
                dms.timestampColumn(),
                true,
                true,
                "YYYYMMDD",
                "SLASH",
                "SSE_KMS",
                dms.cdcMaxBatchIntervalSeconds(),
                dms.cdcMinFileSizeKb());
    }

    /** {@code dms/<source>}: where a source's DMS output starts in the raw bucket. */
    public static String bucketFolder(String source) {
        String prefix = Names.rawDmsPrefix(source);
        return prefix.substring(0, prefix.length() - 1);
    }

    /**
     * The table a raw-zone object written by DMS belongs to, from its key
     * {@code dms/<source>/<schema>/<table>/...}; empty when the key is not under the source's
     * folder or names no {@code ingestion: dms} table of it. This inverts the layout above for
     * the masking Lambda.
     */
    public static Optional<TableConfig> tableOf(SourceConfig source, String objectKey) {
        String folder = Names.rawDmsPrefix(source.name());
        if (!objectKey.startsWith(folder)) {
            return Optional.empty();
        }
        List<String> parts = List.of(objectKey.substring(folder.length()).split("/"));
        if (parts.size() < 3) {
            return Optional.empty();
        }
        Engine engine = source.engine();
        return source.tablesUsing(Ingestion.DMS).stream()
                .filter(t -> TableMappings.schemaName(engine, t).equals(parts.get(0)) && t.name().equals(parts.get(1)))
                .findFirst();
    }
}
