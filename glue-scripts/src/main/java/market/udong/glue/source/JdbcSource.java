package market.udong.glue.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import market.udong.core.config.TableConfig;
import market.udong.core.types.ColumnType;
import market.udong.glue.SparkTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A MySQL-compatible read replica, read by the driver for metadata (columns, bounds, watermark)
 * and by Spark for rows, in parallel partitions.
 *
 * <p>Connections use MySQL Connector/J with a {@code jdbc:mysql:} URL: Spark picks its MySQL
 * dialect (backtick quoting) from that prefix, and without it partitioned reads compare column
 * names as strings and return wrong rows. Every session runs in UTC, so TIMESTAMP columns are read
 * as the instants they are and the watermark text is zone-free.
 */
public final class JdbcSource {

    /** Connector/J streams rows one by one at this fetch size, instead of buffering a whole partition. */
    static final int STREAMING_FETCH_SIZE = Integer.MIN_VALUE;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String sslMode;

    /**
     * @param sslMode Connector/J {@code sslMode}: REQUIRED against RDS; DISABLED for a local server without TLS
     */
    public JdbcSource(String host, int port, String user, String password, String sslMode) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
    }

    /** {@code jdbc:mysql://host:port/?...} with the session settings every connection needs. */
    public String url() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sslMode", sslMode);
        // Instants are exchanged in UTC whatever the server's or the JVM's zone.
        p.put("connectionTimeZone", "UTC");
        p.put("sessionVariables", "time_zone='+00:00'");
        // MySQL's 0000-00-00 placeholder has no Parquet representation; it becomes null.
        p.put("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        // YEAR is a number (DESIGN section 6), not a date.
        p.put("yearIsDateType", "false");
        p.put("characterEncoding", "UTF-8");
        return "jdbc:mysql://" + host + ":" + port + "/?" + p.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("'", "%27").replace("+", "%2B"))
                .collect(Collectors.joining("&"));
    }

    /** A driver-side connection for metadata queries; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return driver().connect(url(), props);
    }

    /** The table's columns in source order, from {@code information_schema}. */
    public List<SourceColumn> columns(TableConfig table) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            s.setString(1, table.database());
            s.setString(2, table.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    try {
                        columns.add(SourceColumn.mysql(name, type));
                    } catch (IllegalArgumentException e) {
                        if (table.ruleFor(name).map(r -> r.policy() == market.udong.core.config.ColumnPolicy.DROP)
                                .orElse(true)) {
                            // Dropped and unclassified columns are never read, so their type does not matter.
                            columns.add(new SourceColumn(name, type, ColumnType.BINARY));
                        } else {
                            throw new IllegalArgumentException(table.qualifiedName() + "." + name + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("table " + table.qualifiedName() + " does not exist on " + host
                    + " or the job's database user cannot see it");
        }
        return columns;
    }

    /**
     * Finds what this run reads: the highest watermark now, and the split column's bounds among the
     * rows above {@code after}.
     *
     * @param watermark  watermark column and whether it is numeric; empty for a full read
     * @param after      last loaded watermark; empty to read from the start
     * @param split      split column; empty for a single-partition read
     */
    public ReadRange range(TableConfig table, Optional<SourceColumn> watermark, Optional<Watermark> after,
                           Optional<String> split) throws SQLException {
        String wmColumn = watermark.map(SourceColumn::name).orElse(null);
        String filter = after.map(w -> " WHERE " + quote(w.column()) + " > " + w.sqlLiteral()).orElse("");
        // EXISTS, MIN and MAX are index look-ups on indexed columns; COUNT(*) would scan the table.
        String sql = "SELECT EXISTS(SELECT 1 FROM " + qualified(table) + filter + ")"
                + (wmColumn == null ? ", NULL" : ", CAST(MAX(" + quote(wmColumn) + ") AS CHAR)")
                + split.map(s -> ", CAST(MIN(" + quote(s) + ") AS CHAR), CAST(MAX(" + quote(s) + ") AS CHAR)")
                        .orElse(", NULL, NULL")
                + " FROM " + qualified(table) + filter;
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            boolean any = rs.getBoolean(1);
            Optional<Watermark> upTo = Optional.ofNullable(rs.getString(2))
                    .map(v -> new Watermark(wmColumn, v, isNumeric(watermark.get().type())));
            return new ReadRange(after, any ? upTo : after, Optional.ofNullable(rs.getString(3)),
                    Optional.ofNullable(rs.getString(4)), !any);
        }
    }

    /**
     * Spark's parallel read of the range: one query per partition, each selecting only the
     * {@code columns} (classified, not dropped, plus the split column), as much of each as it asks
     * for, typed by the DESIGN section 6 rules rather than by Spark's JDBC defaults.
     *
     * @param partitions number of parallel reads; 1 without a split column
     * @param bounds     split bounds to use instead of the discovered ones, or empty
     * @throws IllegalArgumentException when the split column is not read with its values, which the
     *                                  partitions' filters compare
     */
    public Dataset<Row> read(SparkSession spark, TableConfig table, List<ReadColumn> columns, ReadRange range,
                             Optional<String> split, int partitions, Optional<String[]> bounds) {
        split.ifPresent(s -> {
            if (columns.stream().noneMatch(c -> c.name().equals(s) && c.content() == ReadColumn.Content.VALUES)) {
                throw new IllegalArgumentException("the split column " + s + " must be read with its values");
            }
        });
        String select = columns.stream().map(JdbcSource::selectExpression).collect(Collectors.joining(", "));
        List<String> where = new ArrayList<>();
        range.after().ifPresent(w -> where.add(quote(w.column()) + " > " + w.sqlLiteral()));
        range.upTo().ifPresent(w -> where.add(quote(w.column()) + " <= " + w.sqlLiteral()));
        String query = "SELECT " + select + " FROM " + qualified(table)
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        var reader = spark.read().format("jdbc")
                .option("url", url())
                .option("driver", driver().getClass().getName())
                .option("user", user)
                .option("password", password)
                .option("dbtable", "(" + query + ") AS udong_src")
                .option("customSchema", sparkSchema(columns).toDDL())
                .option("fetchsize", Integer.toString(STREAMING_FETCH_SIZE));
        if (split.isPresent() && partitions > 1 && range.splitLower().isPresent()) {
            String lower = bounds.map(b -> b[0]).orElse(range.splitLower().get());
            String upper = bounds.map(b -> b[1]).orElse(range.splitUpper().get());
            reader = reader.option("partitionColumn", split.get())
                    .option("lowerBound", lower)
                    .option("upperBound", upper)
                    .option("numPartitions", Integer.toString(partitions));
        }
        return reader.load();
    }

    /** The Spark types the columns are read as (DESIGN section 6; a presence is a boolean). */
    public static StructType sparkSchema(List<ReadColumn> columns) {
        return new StructType(columns.stream()
                .map(c -> new StructField(c.name(), c.content() == ReadColumn.Content.PRESENCE ? DataTypes.BooleanType
                        : SparkTypes.of(c.column().type()), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    /** The select-list entry of a column: its values, or only what the read asks of them, under its name. */
    static String selectExpression(ReadColumn column) {
        String name = quote(column.name());
        return switch (column.content()) {
            case VALUES -> name;
            case PRESENCE -> "CASE WHEN " + name + " IS NULL THEN NULL ELSE TRUE END AS " + name;
            // Typed: Spark cannot map a column of SQL type NULL; the read schema gives the column its type.
            case NOTHING -> "CAST(NULL AS CHAR) AS " + name;
        };
    }

    static boolean isNumeric(ColumnType type) {
        if (!type.isNumeric() && !type.isTemporal()) {
            throw new IllegalArgumentException("a watermark column must be a number, date or timestamp, not " + type);
        }
        return type.isNumeric();
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String qualified(TableConfig table) {
        return quote(table.database()) + "." + quote(table.name());
    }

    private static java.sql.Driver driver() {
        try {
            // A class reference rather than a name, so the shaded jar names its relocated driver.
            return new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("the MySQL JDBC driver cannot be loaded", e);
        }
    }
}
