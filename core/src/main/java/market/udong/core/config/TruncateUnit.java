package market.udong.core.config;

/** Units a {@code truncate(<unit>)} policy may cut dates and timestamps to. */
public enum TruncateUnit implements Ids.HasId {
    YEAR("year"), MONTH("month"), DAY("day"), HOUR("hour");

    private final String id;

    TruncateUnit(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static TruncateUnit of(String id) {
        return Ids.parse(TruncateUnit.class, id);
    }

    public static String allowed() {
        return Ids.allowed(TruncateUnit.class);
    }
}
