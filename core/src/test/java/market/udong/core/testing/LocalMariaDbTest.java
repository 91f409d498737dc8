package market.udong.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalMariaDbTest {

    @Test
    void start_servesSqlOnLoopbackOnly_andCloseStopsItAndDeletesData() throws Exception {
        // GIVEN a started server
        Path dataDir;
        int port;
        try (LocalMariaDb db = LocalMariaDb.start()) {
            port = db.port();
            // WHEN a table is created and read back
            db.execute("", "CREATE DATABASE orders",
                    "CREATE TABLE orders.members (member_id BIGINT PRIMARY KEY, name VARCHAR(40))",
                    "INSERT INTO orders.members VALUES (1, '김민지')");
            try (Connection c = db.connect("orders"); Statement s = c.createStatement()) {
                // THEN the data round-trips in utf8mb4, and the server listens on 127.0.0.1 only
                ResultSet rs = s.executeQuery("SELECT name, @@bind_address, @@port, @@datadir FROM members");
                assertTrue(rs.next());
                assertEquals("김민지", rs.getString(1));
                assertEquals("127.0.0.1", rs.getString(2));
                assertEquals(port, rs.getInt(3));
                dataDir = Path.of(rs.getString(4));
            }
            assertTrue(Files.isDirectory(dataDir));
        }
        // AND after close nothing listens on the port and the data directory is gone
        assertFalse(Files.exists(dataDir), "data directory should be deleted: " + dataDir);
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        });
    }

    @Test
    void execute_reportsTheFailingStatement() {
        try (LocalMariaDb db = LocalMariaDb.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.execute("", "SELECT * FROM no_such_db.no_such_table"));
            assertTrue(e.getCause() instanceof SQLException);
            assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
        }
    }
}
