package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one column is classified. YAML accepts the short form {@code email: hash} or
 * {@code created_at: truncate(day)}, or the long form
 * {@code email: {policy: hash, rename: email_hash}}.
 *
 * @param policy       what happens to the values
 * @param truncateUnit unit for {@link ColumnPolicy#TRUNCATE}; null otherwise
 * @param rename       output column name; null keeps the source name
 * @param type         output type override (DESIGN section 6 names: string, int, bigint, double,
 *                     boolean, date, timestamp, decimal(p,s)); null keeps the mapped type
 */
public record ColumnRule(ColumnPolicy policy, TruncateUnit truncateUnit, String rename, String type) {

    private static final Pattern POLICY = Pattern.compile("([a-z_]+)(?:\\(([a-z]+)\\))?");

    public ColumnRule {
        Objects.requireNonNull(policy, "policy");
        if ((policy == ColumnPolicy.TRUNCATE) != (truncateUnit != null)) {
            throw new IllegalArgumentException(policy == ColumnPolicy.TRUNCATE
                    ? "truncate needs a unit, e.g. truncate(day); allowed units: " + TruncateUnit.allowed()
                    : "only truncate takes a unit");
        }
        if (policy == ColumnPolicy.DROP && (rename != null || type != null)) {
            throw new IllegalArgumentException("a dropped column cannot also be renamed or retyped");
        }
    }

    public static ColumnRule of(ColumnPolicy policy) {
        return new ColumnRule(policy, null, null, null);
    }

    /** Parses {@code keep}, {@code hash}, {@code truncate(day)} and so on. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ColumnRule parse(String spec) {
        return parse(spec, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static ColumnRule parse(@JsonProperty("policy") String spec,
                                   @JsonProperty("rename") String rename,
                                   @JsonProperty("type") String type) {
        Matcher m = POLICY.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a column policy; allowed: "
                    + ColumnPolicy.allowed() + " (truncate as truncate(<unit>))");
        }
        ColumnPolicy policy = Ids.parse(ColumnPolicy.class, m.group(1));
        TruncateUnit unit = m.group(2) == null ? null : TruncateUnit.of(m.group(2));
        return new ColumnRule(policy, unit, rename, type);
    }

    /** The column's name in the curated zone. */
    public String outputName(String sourceName) {
        return rename == null ? sourceName : rename;
    }

    /** The YAML spelling of the policy, e.g. {@code truncate(day)}. */
    public String policySpec() {
        return truncateUnit == null ? policy.id() : policy.id() + "(" + truncateUnit.id() + ")";
    }
}
