package market.udong.glue.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A client event as the apps send it (config/streams/client-events.yaml, {@code app_events}),
 * with the Kinesis coordinates the relay gives it, and an unclassified member ({@code ip_address})
 * that must never land.
 */
record AppEvent(String eventType, String page, long memberId, String deviceId, String email, long productId,
                Instant occurredAt, String shard, String sequence) {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 30);
    static final List<String> PAGES = List.of("promotion/chashu", "promotion/handmade-noodles", "home", "product/udon-kit");

    String json() {
        return "{\"event_type\":\"" + eventType + "\",\"page\":" + (page == null ? "null" : "\"" + page + "\"")
                + ",\"member_id\":" + memberId + ",\"device_id\":\"" + deviceId + "\",\"email\":\"" + email + "\""
                + ",\"product_id\":" + productId + ",\"occurred_at\":\"" + occurredAt + "\",\"ip_address\":\"10.1.2.3\"}";
    }

    /** {@code n} events over three days from 40 members, each with a unique Kinesis sequence number. */
    static List<AppEvent> generate(int n, long seed) {
        Random random = new Random(seed);
        List<AppEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long member = 1 + random.nextInt(40);
            boolean purchase = random.nextInt(4) == 0;
            Instant at = FIRST_DAY.plusDays(random.nextInt(3)).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusMillis(random.nextInt(86_400_000)).plusNanos(random.nextInt(1000) * 1000L);
            out.add(new AppEvent(purchase ? "purchase" : "page_view", purchase ? null : PAGES.get(random.nextInt(PAGES.size())),
                    member, "device-" + member + "-" + (seed % 7), "member" + member + "@udong.market",
                    100 + random.nextInt(20), at, "shardId-00000000000" + (i % 3), Long.toString(49_000_000_000L + seed * 100_000 + i)));
        }
        return out;
    }

    /**
     * The promotion funnel computed without SQL: per day, members with a promotion page view, and
     * those of them with a purchase at or after their first such view that day.
     */
    static List<List<Object>> funnel(List<AppEvent> events) {
        Map<String, Map<Long, Instant>> firstView = new TreeMap<>();
        Map<String, Map<Long, Instant>> lastPurchase = new HashMap<>();
        for (AppEvent e : events) {
            String day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            if (e.eventType().equals("page_view") && e.page().startsWith("promotion/")) {
                firstView.computeIfAbsent(day, d -> new HashMap<>()).merge(e.memberId(), e.occurredAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            } else if (e.eventType().equals("purchase")) {
                lastPurchase.computeIfAbsent(day, d -> new HashMap<>()).merge(e.memberId(), e.occurredAt(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        firstView.forEach((day, viewers) -> {
            Map<Long, Instant> purchases = lastPurchase.getOrDefault(day, Map.of());
            long buyers = viewers.entrySet().stream()
                    .filter(v -> purchases.containsKey(v.getKey()) && !purchases.get(v.getKey()).isBefore(v.getValue())).count();
            double conversion = BigDecimal.valueOf(buyers).divide(BigDecimal.valueOf(viewers.size()), 4, RoundingMode.HALF_UP)
                    .doubleValue();
            rows.add(List.of(day, (long) viewers.size(), buyers, conversion));
        });
        return rows;
    }
}
