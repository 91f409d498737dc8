package market.udong.lambdas.masking;

/** Why the masking function quarantined a file; the {@code kind} of its {@code <key>.reason.json}. */
public enum QuarantineKind {
    /** The file's table has no column policy in its source's deployed config. */
    NO_POLICY("no-policy"),
    /** The file breaks its table's policy (an unclassified column under {@code fail}, a type the policy does not fit). */
    POLICY("policy"),
    /** The object was replaced while it was read. */
    CHANGED("changed"),
    /** The file is not readable Parquet. */
    UNREADABLE("unreadable");

    private final String id;

    QuarantineKind(String id) {
        this.id = id;
    }

    /** The name written in the reason file and the log. */
    public String id() {
        return id;
    }
}
