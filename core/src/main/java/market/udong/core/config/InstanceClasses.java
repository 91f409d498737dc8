package market.udong.core.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which RDS instance classes each engine family runs on. The rule is kept at the level AWS
 * documents it (families and sizes, not every generation), so a new generation such as
 * {@code db.r8g} is accepted without a code change while a class of the wrong family is not:
 * <ul>
 *   <li>RDS MySQL, MariaDB and PostgreSQL: general purpose ({@code db.m*}), memory optimized
 *       ({@code db.r*}, {@code db.x*}, {@code db.z*}) and burstable ({@code db.t*}) classes.</li>
 *   <li>Aurora MySQL and PostgreSQL: memory optimized ({@code db.r*}, {@code db.x2g}), burstable
 *       {@code db.t3}/{@code db.t4g} in sizes medium and large only, and {@code db.serverless}
 *       (Serverless v2). Aurora has no {@code db.m*} classes.</li>
 * </ul>
 */
public final class InstanceClasses {
    private InstanceClasses() {
    }

    /** {@code db.<family><generation><attributes>.<size>}, e.g. {@code db.r6gd.xlarge}. */
    private static final Pattern CLASS = Pattern.compile("db\\.([a-z])([0-9]*)([a-z]*)\\.([a-z0-9]+)");

    private static final String SERVERLESS = "db.serverless";
    private static final Set<Character> RDS_FAMILIES = Set.of('m', 'r', 't', 'x', 'z');
    private static final Set<String> AURORA_BURSTABLE = Set.of("t3", "t4g");
    private static final Set<String> AURORA_BURSTABLE_SIZES = Set.of("medium", "large");

    /** What an engine family accepts, for error messages. */
    public static String allowedFor(Engine engine) {
        return engine.isAurora()
                ? "Aurora readers run on db.r* (e.g. db.r6g.large), db.x2g.*, db.t3/db.t4g in sizes medium or large,"
                        + " or db.serverless"
                : "RDS " + engine.id() + " runs on db.m*, db.r*, db.x*, db.z* or db.t* classes (e.g. db.t4g.medium,"
                        + " db.r6g.large)";
    }

    /**
     * Why {@code instanceClass} cannot run {@code engine}; empty when it can.
     *
     * @param engine        the source's engine
     * @param instanceClass a class as written in config, e.g. {@code db.r6g.large}
     */
    public static Optional<String> problem(Engine engine, String instanceClass) {
        if (SERVERLESS.equals(instanceClass)) {
            return engine.isAurora() ? Optional.empty()
                    : Optional.of("db.serverless is an Aurora Serverless v2 class; " + allowedFor(engine));
        }
        Matcher m = CLASS.matcher(instanceClass);
        if (!m.matches()) {
            return Optional.of("'" + instanceClass + "' is not an RDS instance class; " + allowedFor(engine));
        }
        char family = m.group(1).charAt(0);
        String generation = m.group(1) + m.group(2) + m.group(3);
        String size = m.group(4);
        if (engine.isAurora()) {
            boolean memory = family == 'r' || "x2g".equals(generation);
            boolean burstable = AURORA_BURSTABLE.contains(generation) && AURORA_BURSTABLE_SIZES.contains(size);
            if (memory || burstable) {
                return Optional.empty();
            }
            String why = family == 't' ? "burstable Aurora classes are db.t3/db.t4g medium or large only"
                    : "Aurora (" + engine.id() + ") does not run on db." + generation + " classes";
            return Optional.of("'" + instanceClass + "' is not valid for " + engine.id() + ": " + why + "; "
                    + allowedFor(engine));
        }
        if (!RDS_FAMILIES.contains(family)) {
            return Optional.of("'" + instanceClass + "' is not valid for " + engine.id() + "; " + allowedFor(engine));
        }
        return Optional.empty();
    }

    /** Small classes the platform creates where it creates a primary itself (dev). */
    public static String smallPrimaryClass(Engine engine) {
        return engine.isAurora() ? "db.t4g.medium" : "db.t4g.micro";
    }
}
