package market.udong.core.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.Engine;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.naming.Names;
import market.udong.core.testing.LocalMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated grants, applied to a real MariaDB server, allow exactly what the config lists. */
class ReadOnlyUserTest {

    private static final String PASSWORD = "pa'ss\\word-1";
    private static LocalMariaDb db;

    @BeforeAll
    static void startServer() {
        db = LocalMariaDb.start();
        db.execute("", "CREATE DATABASE flight_meta", "CREATE DATABASE orders",
                "CREATE TABLE flight_meta.airport (airport_code CHAR(3) PRIMARY KEY, name VARCHAR(80), city VARCHAR(80),"
                        + " country VARCHAR(80), latitude DOUBLE, longitude DOUBLE, internal_note VARCHAR(80))",
                "INSERT INTO flight_meta.airport VALUES ('ICN', 'Incheon', 'Seoul', 'KR', 37.46, 126.44, 'secret')",
                "CREATE TABLE orders.members (member_id BIGINT PRIMARY KEY, email VARCHAR(80), address VARCHAR(80))",
                "INSERT INTO orders.members VALUES (1, 'a@udong.market', 'Seoul')",
                "CREATE TABLE orders.orders (order_id BIGINT PRIMARY KEY)",
                "CREATE TABLE orders.order_items (order_item_id BIGINT PRIMARY KEY)",
                "CREATE TABLE orders.refunds (refund_id BIGINT PRIMARY KEY)");
    }

    @AfterAll
    static void stopServer() {
        db.close();
    }

    private static SourceConfig source(String name) {
        return new ConfigLoader().load(java.nio.file.Path.of("..", "config"), "dev").source(name).orElseThrow();
    }

    private static void apply(SourceConfig source) {
        for (List<String> statements : ReadOnlyUser.statements(source, PASSWORD).values()) {
            db.execute("", statements.toArray(String[]::new));
        }
    }

    private static Connection asReadOnlyUser() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(""), Names.READ_ONLY_USER, PASSWORD);
    }

    @Test
    void federatedSource_readsListedColumnsOnly_andCannotWrite() throws SQLException {
        // GIVEN the read-only user created for the federated flight-meta source
        apply(source("flight-meta"));
        try (Connection c = asReadOnlyUser(); Statement s = c.createStatement()) {
            // WHEN it reads the listed columns THEN it sees the row
            ResultSet rs = s.executeQuery("SELECT name, count(*) FROM flight_meta.airport GROUP BY name");
            assertTrue(rs.next());
            assertEquals("Incheon", rs.getString(1));
            // AND a column the config does not list stays unreadable
            SQLException unlisted = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT internal_note FROM flight_meta.airport"));
            assertTrue(unlisted.getMessage().contains("internal_note"), unlisted.getMessage());
            // AND writing is refused
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM flight_meta.airport"));
        }
    }

    @Test
    void ingestedSource_readsListedTablesOnly() throws SQLException {
        // GIVEN the read-only user for orders, whose config lists members (but not refunds)
        apply(source("orders"));
        try (Connection c = asReadOnlyUser(); Statement s = c.createStatement()) {
            // WHEN it reads a listed table, every column is readable (Glue masks them itself)
            ResultSet rs = s.executeQuery("SELECT email FROM orders.members");
            assertTrue(rs.next());
            // THEN a table the config does not list is refused
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM orders.refunds"));
        }
    }

    @Test
    void runningAgain_updatesThePassword() throws SQLException {
        // GIVEN the user exists with one password
        SourceConfig meta = source("flight-meta");
        apply(meta);
        // WHEN the statements run again with a rotated password
        for (List<String> statements : ReadOnlyUser.statements(meta, "rotated-2").values()) {
            db.execute("", statements.toArray(String[]::new));
        }
        // THEN only the new password logs in
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), Names.READ_ONLY_USER, "rotated-2")) {
            assertTrue(c.isValid(2));
        }
        assertThrows(SQLException.class, ReadOnlyUserTest::asReadOnlyUser);
        apply(meta);
    }

    @Test
    void postgresSource_grantsPerDatabase_schemaAndTable() {
        // GIVEN a PostgreSQL source with tables in two databases
        SourceConfig billing = new SourceConfig("billing", Engine.POSTGRES, null, null, null, List.of(
                table("billing.public", "invoices"), table("ledger.accounting", "entries")));
        // WHEN its statements are generated
        Map<String, List<String>> sql = ReadOnlyUser.statements(billing, "pw");
        // THEN each database gets its own session, the role is created once, and grants name schema and table
        assertEquals(List.of("billing", "ledger"), List.copyOf(sql.keySet()));
        assertTrue(sql.get("billing").get(0).contains("CREATE ROLE \"udong_readonly\" LOGIN"), sql.toString());
        assertTrue(sql.get("ledger").stream().noneMatch(s -> s.contains("CREATE ROLE")), sql.toString());
        assertTrue(sql.get("ledger").contains("GRANT USAGE ON SCHEMA \"accounting\" TO \"udong_readonly\""), sql.toString());
        assertTrue(sql.get("ledger").contains("GRANT SELECT ON \"accounting\".\"entries\" TO \"udong_readonly\""), sql.toString());
    }

    private static TableConfig table(String database, String name) {
        return new TableConfig(database, name, market.udong.core.config.Ingestion.SNAPSHOT, null,
                Map.of("id", market.udong.core.config.ColumnRule.parse("keep")), null, null, null);
    }
}
