package market.udong.core.streams;

import market.udong.core.config.EventRunMode;
import market.udong.core.config.StreamsConfig.EventTable;

/**
 * When the events landing job of a table starts: a Glue cron schedule. A scheduled table runs
 * every {@code everyMinutes}; a continuous job is started every {@value #CONTINUOUS_RESTART_MINUTES}
 * minutes, which Glue refuses while it runs (one run at a time), so a job that stopped is back
 * within that time.
 */
public final class EventSchedules {
    private EventSchedules() {
    }

    public static final int CONTINUOUS_RESTART_MINUTES = 15;

    /** @throws IllegalArgumentException when the interval does not fit a cron schedule */
    public static String cron(EventTable table) {
        int minutes = table.run() == EventRunMode.CONTINUOUS ? CONTINUOUS_RESTART_MINUTES : table.everyMinutes();
        if (minutes < 60 && 60 % minutes == 0) {
            return "cron(0/" + minutes + " * * * ? *)";
        }
        if (minutes % 60 == 0 && 1440 % minutes == 0) {
            return "cron(0 0/" + (minutes / 60) + " * * ? *)";
        }
        throw new IllegalArgumentException(minutes + " minutes do not divide an hour or a day evenly; use 5, 10, 15, 20 or 30"
                + " minutes, or 1, 2, 3, 4, 6, 8, 12 or 24 hours in minutes");
    }
}
