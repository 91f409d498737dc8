package market.udong.lambdas.relay;

import java.util.List;

/**
 * What happened to one batch.
 *
 * @param failures         records to report as batch item failures, in batch order; Lambda
 *                         re-delivers the shard from the lowest sequence number among them
 * @param delivered        records Kafka acknowledged in this call
 * @param alreadyDelivered records skipped because this container had already delivered them (a re-delivery)
 * @param deadLettered     records sent to the failure queue with their reason
 */
public record RelayResult(List<Failure> failures, int delivered, int alreadyDelivered, int deadLettered) {

    public RelayResult {
        failures = List.copyOf(failures);
    }

    /** A record that must be delivered again, and why it was not delivered now. */
    public record Failure(String sequenceNumber, String reason) {
    }
}
