package market.udong.glue.events;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.udong.core.config.StreamsConfig.EventField;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.MaskingPlan;
import market.udong.core.streams.EventColumns;
import market.udong.core.streams.RelayHeaders;
import market.udong.glue.SparkTypes;
import market.udong.glue.transform.ColumnPolicies;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the events job makes of a batch of Kafka records (Spark's Kafka source columns): each
 * record classified once, then either an event row (parsed against the table's fields, masked by
 * the core policies, with its key, Kafka coordinates and {@code dt}) or a quarantine row (the
 * reason, the coordinates and the record's bytes). A JSON member no field names is never read.
 *
 * <p>Parsing is Spark's {@code from_json}; only records it rejects are parsed a second time, with
 * every field as text, to name the fields that do not match.
 */
public final class EventRecords {

    /** The classification's columns, internal to the job. */
    static final String REASON = "_udong_reason";
    static final String EVENT = "_udong_event";
    private static final String CORRUPT = "_udong_corrupt";
    private static final String PREFIX = "_udong_kafka_";
    private static final String DELIVERY = "_udong_delivery";

    private final EventTable table;
    private final TableConfig columns;
    private final StructType schema;
    private final StructType textSchema;
    private final String hmacSecret;

    public EventRecords(EventTable table, String hmacSecret) {
        this.table = table;
        this.hmacSecret = hmacSecret;
        Map<String, market.udong.core.config.ColumnRule> rules = new java.util.LinkedHashMap<>();
        List<StructField> fields = new ArrayList<>();
        List<StructField> text = new ArrayList<>();
        for (EventField f : table.fields()) {
            rules.put(f.name(), f.rule());
            fields.add(DataTypes.createStructField(f.name(), SparkTypes.of(f.columnType()), true));
            text.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        text.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        this.schema = DataTypes.createStructType(fields);
        this.textSchema = DataTypes.createStructType(text);
        this.columns = new TableConfig(EventTable.EVENTS_DATABASE, table.table(), null, null, rules, null, null, null);
    }

    /**
     * The batch with its Kafka columns kept under internal names, the parsed event and the reason
     * a record cannot land (null when it can).
     */
    public Dataset<Row> classify(Dataset<Row> kafka) {
        Column value = col("value");
        Column size = length(value);
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
        Column parsed = when(size.leq(table.maxRecordBytes()), from_json(value.cast("string"), schema, options));
        List<Column> out = new ArrayList<>();
        for (String c : List.of("topic", "partition", "offset", "timestamp", "key", "value")) {
            out.add(col(c).as(PREFIX + c));
        }
        if (table.keyedByRelayHeaders()) {
            for (String h : List.of(RelayHeaders.SOURCE_STREAM, RelayHeaders.SHARD_ID, RelayHeaders.SEQUENCE_NUMBER)) {
                // Array functions Spark compiles (a lambda over the headers would be interpreted, per record).
                Column at = org.apache.spark.sql.functions.array_position(col("headers.key"), h);
                out.add(when(at.gt(0), org.apache.spark.sql.functions.element_at(col("headers.value"), at.cast("int")))
                        .cast("string").as(header(h)));
            }
        }
        out.add(parsed.as(EVENT));
        Dataset<Row> withEvent = kafka.select(out.toArray(Column[]::new));
        return withEvent.withColumn(REASON, reason(withEvent));
    }

    private Column reason(Dataset<Row> in) {
        Column value = in.col(PREFIX + "value");
        Column event = in.col(EVENT);
        Column size = length(value);
        Column text = from_json(value.cast("string"), textSchema,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));
        List<Column> mismatches = new ArrayList<>();
        for (EventField f : table.fields()) {
            mismatches.add(when(text.getField(f.name()).isNotNull().and(event.getField(f.name()).isNull()),
                    lit(f.name() + " is not " + f.type())));
        }
        Column notParsed = event.isNull().or(event.getField(CORRUPT).isNotNull());
        Column rejected = when(text.isNull().or(text.getField(CORRUPT).isNotNull()), lit("not a JSON object"))
                .otherwise(concat(lit("does not match the event's fields: "), concat_ws(", ", mismatches.toArray(Column[]::new))));
        Column r = when(value.isNull(), lit("empty record (no value)"))
                .when(size.gt(table.maxRecordBytes()), concat(lit("oversize: "), size.cast("string"),
                        lit(" bytes; the table takes at most " + table.maxRecordBytes())))
                .when(notParsed, rejected);
        if (table.keyedByRelayHeaders()) {
            for (String h : List.of(RelayHeaders.SOURCE_STREAM, RelayHeaders.SHARD_ID, RelayHeaders.SEQUENCE_NUMBER)) {
                r = r.when(in.col(header(h)).isNull(), lit("missing id: no relay header " + h));
            }
        } else {
            r = r.when(event.getField(table.id()).isNull(), lit("missing id: field " + table.id() + " is absent or null"));
        }
        return r.when(event.getField(table.eventTime()).isNull(),
                lit("missing event time: field " + table.eventTime() + " is absent or null"));
    }

    /**
     * The records that can land, as table rows: the masked fields in config order, then
     * {@link EventColumns#ADDED}. One row per event key (a batch's own duplicates removed).
     */
    public Dataset<Row> events(Dataset<Row> classified) {
        List<Column> fields = new ArrayList<>();
        for (EventField f : table.fields()) {
            fields.add(col(EVENT).getField(f.name()).as(f.name()));
        }
        for (String c : List.of("partition", "offset", "timestamp")) {
            fields.add(col(PREFIX + c));
        }
        if (table.keyedByRelayHeaders()) {
            fields.add(concat_ws("/", col(header(RelayHeaders.SOURCE_STREAM)), col(header(RelayHeaders.SHARD_ID)),
                    col(header(RelayHeaders.SEQUENCE_NUMBER))).as(EventColumns.EVENT_KEY));
        }
        Dataset<Row> good = classified.where(col(REASON).isNull()).select(fields.toArray(Column[]::new));
        MaskingPlan plan = MaskingPlan.of(columns, table.fields().stream().map(EventField::name).toList());
        List<Column> out = new ArrayList<>(ColumnPolicies.columns(good, plan, hmacSecret));
        String time = outputName(table.eventTime());
        out.add(table.keyedByRelayHeaders() ? good.col(EventColumns.EVENT_KEY)
                : lit(null).cast(DataTypes.StringType).as(EventColumns.EVENT_KEY));
        out.add(good.col(PREFIX + "partition").as(EventColumns.KAFKA_PARTITION));
        out.add(good.col(PREFIX + "offset").as(EventColumns.KAFKA_OFFSET));
        out.add(good.col(PREFIX + "timestamp").as(EventColumns.KAFKA_TIMESTAMP));
        Dataset<Row> masked = good.select(out.toArray(Column[]::new));
        if (!table.keyedByRelayHeaders()) {
            masked = masked.withColumn(EventColumns.EVENT_KEY, col(outputName(table.id())).cast(DataTypes.StringType));
        }
        // Deduplicated on the MERGE's keys, so a sort-merge anti-join reuses this shuffle's partitioning.
        Dataset<Row> dated = masked.withColumn(EventColumns.DATE, date_format(col(time), "yyyy-MM-dd"));
        // The first delivery of each event: one shuffle and a sort (dropDuplicates would aggregate every column).
        var first = org.apache.spark.sql.expressions.Window.partitionBy(EventColumns.EVENT_KEY, EventColumns.DATE)
                .orderBy(EventColumns.KAFKA_PARTITION, EventColumns.KAFKA_OFFSET);
        return dated.withColumn(DELIVERY, org.apache.spark.sql.functions.row_number().over(first))
                .where(col(DELIVERY).equalTo(1)).drop(DELIVERY);
    }

    /**
     * The records that cannot land, as quarantine rows: reason, coordinates, key and value in base64,
     * and for relayed topics the relay's headers, so a repaired record can be produced again with them
     * (and still land once).
     */
    public Dataset<Row> quarantined(Dataset<Row> classified) {
        List<Column> out = new ArrayList<>(List.of(
                col(REASON).as("reason"),
                col(PREFIX + "topic").as("topic"),
                col(PREFIX + "partition").as("partition"),
                col(PREFIX + "offset").as("offset"),
                col(PREFIX + "timestamp").as("timestamp"),
                oneLine(base64(col(PREFIX + "key"))).as("key_base64"),
                oneLine(base64(col(PREFIX + "value"))).as("value_base64")));
        if (table.keyedByRelayHeaders()) {
            for (String h : List.of(RelayHeaders.SOURCE_STREAM, RelayHeaders.SHARD_ID, RelayHeaders.SEQUENCE_NUMBER)) {
                out.add(col(header(h)).as(h));
            }
        }
        return classified.where(col(REASON).isNotNull()).select(out.toArray(Column[]::new));
    }

    /** Spark 3.5's base64 breaks lines every 76 characters (MIME); a quarantine record keeps one line. */
    private static Column oneLine(Column base64) {
        return org.apache.spark.sql.functions.regexp_replace(base64, "\\s", "");
    }

    /** The batch's counts, observed while it is read ({@link BatchStats}). */
    static Dataset<Row> observe(Dataset<Row> classified, org.apache.spark.sql.Observation observation) {
        return classified.observe(observation,
                org.apache.spark.sql.functions.count(lit(1)).as("records"),
                org.apache.spark.sql.functions.count(col(REASON)).as("quarantined"),
                org.apache.spark.sql.functions.min(PREFIX + "timestamp").as("oldest"),
                org.apache.spark.sql.functions.min(PREFIX + "offset").as("first"),
                org.apache.spark.sql.functions.max(PREFIX + "offset").as("last"),
                org.apache.spark.sql.functions.sum(col(PREFIX + "partition").cast("long").multiply(col(PREFIX + "offset")))
                        .as("weighted"));
    }

    /**
     * What a batch held.
     *
     * @param records     records read
     * @param quarantined of those, records that cannot land
     * @param oldest      the oldest record's Kafka time, if any
     * @param key         names the batch by the offsets it read, so a batch run again (its commit lost) replaces
     *                    its own quarantine folder and a replay from a fresh checkpoint does not overwrite another
     */
    record BatchStats(long records, long quarantined, java.util.Optional<java.time.Instant> oldest, String key) {
        static BatchStats of(Map<String, Object> observed) {
            long records = ((Number) observed.get("records")).longValue();
            Object oldest = observed.get("oldest");
            String key = observed.get("first") + "-" + observed.get("last") + "-" + records + "-" + observed.get("weighted");
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                key = java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(digest, 8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            // java.time values: TableIngestJob.configure turns on Spark's Java 8 date-time API.
            return new BatchStats(records, ((Number) observed.get("quarantined")).longValue(),
                    java.util.Optional.ofNullable((java.time.Instant) oldest), key);
        }
    }

    /** The internal column of a relay header ({@code udong.shard-id} → {@code _udong_header_shard_id}). */
    private static String header(String name) {
        return "_udong_header_" + name.substring(name.indexOf('.') + 1).replace('-', '_');
    }

    private String outputName(String field) {
        return table.field(field).orElseThrow().rule().outputName(field);
    }
}
