package market.udong.core.masking;

/** An input that the table's column policy does not allow through; the input is quarantined. */
public final class PolicyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyViolation(String message) {
        super(message);
    }
}
