package market.udong.core.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A query saved for everyone in the platform workgroup (an Athena named query). The SQL text is
 * a resource beside this class, read verbatim, so the named query infra deploys and the query
 * the local tests run are the same bytes.
 *
 * @param name        named-query name, also the resource's base name ({@code <name>.sql})
 * @param description what the query answers
 * @param database    the database Athena selects by default; the SQL names its catalogs in full
 * @param sql         the query text, exactly as saved
 */
public record SavedQuery(String name, String description, String database, String sql) {

    /**
     * Flights per airport, joining flight history in the lake ({@code hive} catalog) with live
     * airport reference data on the flight-meta replica ({@code mysql} federated catalog).
     */
    public static final SavedQuery FLIGHTS_PER_AIRPORT = load("flights-per-airport",
            "Flights per airport: lake flight history joined with live airport data from the flight-meta replica",
            "flight_history");

    /**
     * Per day, members who viewed a promotion page and how many of them bought afterwards that day,
     * from the landed client events ({@code events.app_events}, docs/events.md).
     */
    public static final SavedQuery PROMOTION_FUNNEL = load("promotion-funnel",
            "Promotion funnel per day: members who viewed a promotion page, and those who then bought",
            "events");

    /** Every saved query, in the order they are deployed. */
    public static final List<SavedQuery> ALL = List.of(FLIGHTS_PER_AIRPORT, PROMOTION_FUNNEL);

    public SavedQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    private static SavedQuery load(String name, String description, String database) {
        String resource = name + ".sql";
        try (InputStream in = SavedQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("saved query " + resource + " is missing from the classpath; rebuild core");
            }
            return new SavedQuery(name, description, database, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
