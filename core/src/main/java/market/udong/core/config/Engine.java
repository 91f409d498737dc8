package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Database engines a source may run on. */
public enum Engine implements Ids.HasId {
    MYSQL("mysql", false, true),
    MARIADB("mariadb", false, true),
    POSTGRES("postgres", false, false),
    AURORA_MYSQL("aurora-mysql", true, true),
    AURORA_POSTGRES("aurora-postgres", true, false);

    /** AWS documents at most 15 read replicas per RDS instance and 15 readers per Aurora cluster. */
    public static final int MAX_READ_REPLICAS = 15;

    private final String id;
    private final boolean aurora;
    private final boolean mysqlCompatible;

    Engine(String id, boolean aurora, boolean mysqlCompatible) {
        this.id = id;
        this.aurora = aurora;
        this.mysqlCompatible = mysqlCompatible;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    public boolean isAurora() {
        return aurora;
    }

    /** Speaks the MySQL protocol (MySQL, MariaDB, Aurora MySQL). */
    public boolean isMysqlCompatible() {
        return mysqlCompatible;
    }

    @JsonCreator
    public static Engine of(String id) {
        return Ids.parse(Engine.class, id);
    }

    public static String allowed() {
        return Ids.allowed(Engine.class);
    }
}
