package market.udong.core.glue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.udong.core.config.Ingestion;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;

/**
 * The schedule triggers of a source's Glue jobs: one per distinct schedule and each
 * {@value #JOBS_PER_TRIGGER} jobs of it (Glue's quota of jobs one trigger starts). A trigger is
 * named by its schedule's hash and its number, so adding a table of another schedule never
 * renames it. Infra builds exactly these; quota checks count them.
 */
public final class GlueSchedules {
    private GlueSchedules() {
    }

    /** Glue starts at most this many jobs from one trigger (service quota "jobs per trigger"). */
    public static final int JOBS_PER_TRIGGER = 50;

    /**
     * One trigger.
     *
     * @param id       construct id and name suffix: {@code schedule-<hash>-<n>}
     * @param schedule the cron or rate expression
     * @param tables   the tables whose jobs it starts, in config order
     */
    public record Trigger(String id, String schedule, List<TableConfig> tables) {
        public Trigger {
            tables = List.copyOf(tables);
        }
    }

    /** The triggers of {@code source}'s Glue tables, ordered by schedule and then number. */
    public static List<Trigger> triggers(SourceConfig source) {
        Map<String, List<TableConfig>> bySchedule = new TreeMap<>();
        for (TableConfig table : source.tablesUsing(Ingestion.GLUE)) {
            bySchedule.computeIfAbsent(table.glueSettings().schedule(), s -> new ArrayList<>()).add(table);
        }
        List<Trigger> triggers = new ArrayList<>();
        bySchedule.forEach((schedule, tables) -> {
            String hash = hash(schedule);
            for (int i = 0; i * JOBS_PER_TRIGGER < tables.size(); i++) {
                triggers.add(new Trigger("schedule-" + hash + "-" + (i + 1), schedule,
                        tables.subList(i * JOBS_PER_TRIGGER, Math.min(tables.size(), (i + 1) * JOBS_PER_TRIGGER))));
            }
        });
        return triggers;
    }

    private static String hash(String schedule) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(schedule.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
