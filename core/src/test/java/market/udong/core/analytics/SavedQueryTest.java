package market.udong.core.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SavedQueryTest {

    @Test
    void flightsPerAirport_isTheSeedQueryVerbatim() {
        // GIVEN the seed's example query as written in the issue
        String seed = """
                SELECT AIRPORT.name as airport_name, count(*) as flight_count
                FROM hive.flight_history.flights FLIGHT
                JOIN mysql.flight_meta.airport AIRPORT
                  ON FLIGHT.code = AIRPORT.airport_code
                GROUP BY AIRPORT.name
                ORDER BY flight_count
                LIMIT 100""";
        // WHEN the saved query is loaded THEN its text is exactly the seed's
        assertEquals(seed, SavedQuery.FLIGHTS_PER_AIRPORT.sql());
        assertEquals("flight_history", SavedQuery.FLIGHTS_PER_AIRPORT.database());
    }
}
