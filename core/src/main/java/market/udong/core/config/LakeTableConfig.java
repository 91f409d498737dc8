package market.udong.core.config;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table of the curated zone that no service database feeds ({@code config/lake-tables/<name>.yaml}),
 * e.g. history loaded in bulk or delivered by a partner. Its schema is declared here so the Glue
 * table exists from deploy time; its files are Parquet under
 * {@code curated/<name>/<database>/<table>/dt=YYYY-MM-DD/}, found through partition projection
 * (no crawler, no partition registration).
 *
 * <p>Tables ingested from a source are catalogued by their ingestion path instead, so a lake
 * table may not use a database that a source ingests into.
 *
 * @param name           file name; also the first segment of the table's S3 prefix
 * @param database       Glue database (created by the platform)
 * @param table          Glue table name
 * @param description    what the table holds, shown in the catalog
 * @param columns        column name → type (string, int, bigint, double, boolean, date, timestamp,
 *                       binary, decimal(p,s)), in file order; the {@code dt} partition key is implicit
 * @param partitionsFrom first {@code dt} partition (YYYY-MM-DD); partition projection covers it up to today
 */
public record LakeTableConfig(String name, String database, String table, String description,
                              Map<String, String> columns, String partitionsFrom) {

    public LakeTableConfig {
        Objects.requireNonNull(name, "name");
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** {@code database.table}, as written in SQL. */
    public String qualifiedName() {
        return database + "." + table;
    }

    /** The first date partition. */
    public LocalDate firstPartition() {
        return LocalDate.parse(partitionsFrom);
    }
}
