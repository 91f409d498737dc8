package market.udong.core.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory DuckDB (JDBC) for reading back the Parquet files we write: an independent
 * reader, standing in for Athena. Extensions are never downloaded (there is no internet);
 * Parquet support is built in. Files must be local: download S3 objects to a temp file first.
 */
public final class DuckDb implements AutoCloseable {

    private final Connection connection;

    private DuckDb(Connection connection) {
        this.connection = connection;
    }

    /** Opens an in-memory database. */
    public static DuckDb open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET autoinstall_known_extensions=false");
                s.execute("SET autoload_known_extensions=false");
            }
            return new DuckDb(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB", e);
        }
    }

    /** Rows of a query, each as a list of column values (JDBC objects); {@code ?} binds {@code args}. */
    public List<List<Object>> rows(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<List<Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(Arrays.asList(row));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object value(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    /** Number of rows in a Parquet file. */
    public long count(Path parquet) {
        return ((Number) value("SELECT count(*) FROM read_parquet(?)", parquet.toString())).longValue();
    }

    /** Column name → DuckDB type name (e.g. {@code VARCHAR}, {@code TIMESTAMP WITH TIME ZONE}), in file order. */
    public Map<String, String> columnTypes(Path parquet) {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : rows("DESCRIBE SELECT * FROM read_parquet(?)", parquet.toString())) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    /**
     * Parquet physical and logical types per column, from {@code parquet_schema}: name →
     * {@code [type, converted_type, logical_type]} (nulls where absent).
     */
    public Map<String, List<Object>> parquetSchema(Path parquet) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (List<Object> row : rows("SELECT name, type, converted_type, logical_type FROM parquet_schema(?)"
                + " WHERE num_children IS NULL OR num_children = 0", parquet.toString())) {
            out.put((String) row.get(0), row.subList(1, 4));
        }
        return out;
    }

    /** Runs a statement that returns no rows (SET, COPY, CREATE). */
    public void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Column labels of a query, for assertions on shape. */
    public List<String> columns(String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
