package market.udong.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One table of a source and how it reaches the lake.
 *
 * @param database        database (MySQL) or {@code database.schema} (PostgreSQL) holding the table
 * @param name            table name
 * @param ingestion       ingestion path
 * @param onUnknownColumn what happens to columns not listed in {@code columns}; default drop
 * @param columns         every column's policy, in source order
 * @param rowFilter       DMS source filter ({@code column}, operator, value); null for all rows
 * @param glue            Glue job settings; required when {@code ingestion} is glue
 * @param partitionColumn column whose date names the {@code dt=} partition; null uses the load date
 */
public record TableConfig(
        String database,
        String name,
        Ingestion ingestion,
        UnknownColumnAction onUnknownColumn,
        Map<String, ColumnRule> columns,
        RowFilter rowFilter,
        GlueSettings glue,
        String partitionColumn) {

    public TableConfig {
        onUnknownColumn = onUnknownColumn == null ? UnknownColumnAction.DROP : onUnknownColumn;
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** {@code database.table}, the form RDS export and DMS use. */
    public String qualifiedName() {
        return database + "." + name;
    }

    /** The table's Glue settings, with every default filled in where the config gives none. */
    public GlueSettings glueSettings() {
        return glue != null ? glue : GlueSettings.DEFAULTS;
    }

    public Optional<ColumnRule> ruleFor(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /**
     * A row filter applied at the source (DMS source filter).
     *
     * @param column   column to filter on
     * @param operator one of eq, gte, lte, between, notnull, null
     * @param value    comparison value (start for between)
     * @param end      end value for between
     */
    public record RowFilter(String column, String operator, String value, String end) {
    }

    /**
     * Compute and schedule of a table's Glue job.
     *
     * @param workerType      documented Glue worker type (G.1X, G.2X, G.4X, G.8X, G.025X, Z.2X); default G.1X
     * @param workers         number of workers, 2 to 299; default 2
     * @param schedule        EventBridge cron or rate expression; default daily
     * @param timeoutMinutes  job timeout; default 60
     * @param maxRetries      retries after a failed run, 0 to 10; default 1
     * @param watermarkColumn monotonically increasing column for incremental loads; null loads in full
     * @param splitColumn     numeric column used to split parallel JDBC reads; null reads in one partition
     * @param partitions      parallel JDBC read partitions; default 2 × workers
     * @param expectedRunMinutes minutes a run is expected to take, for the cost estimate (bin/cost); default 10
     */
    public record GlueSettings(String workerType, Integer workers, String schedule, Integer timeoutMinutes,
                               Integer maxRetries, String watermarkColumn, String splitColumn, Integer partitions,
                               Integer expectedRunMinutes) {
        public static final String DEFAULT_WORKER_TYPE = "G.1X";
        public static final int DEFAULT_EXPECTED_RUN_MINUTES = 10;
        /** Every setting at its default. */
        public static final GlueSettings DEFAULTS = new GlueSettings(null, null, null, null, null, null, null, null, null);

        public GlueSettings {
            workerType = workerType == null ? DEFAULT_WORKER_TYPE : workerType;
            workers = workers == null ? 2 : workers;
            schedule = schedule == null ? "cron(0 18 * * ? *)" : schedule;
            timeoutMinutes = timeoutMinutes == null ? 60 : timeoutMinutes;
            maxRetries = maxRetries == null ? 1 : maxRetries;
            partitions = partitions == null ? 2 * workers : partitions;
            expectedRunMinutes = expectedRunMinutes == null ? DEFAULT_EXPECTED_RUN_MINUTES : expectedRunMinutes;
        }
    }
}
