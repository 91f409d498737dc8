package market.udong.lambdas.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import market.udong.lambdas.logging.StructuredLog;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Moves a batch of Kinesis records into one Kafka topic and says exactly which records must
 * come again. Key = partition key, timestamp = arrival time, headers per
 * {@link market.udong.core.streams.RelayHeaders}.
 *
 * <h2>Contract of {@link #relay}</h2>
 * <ol>
 * <li>Records are handed to one long-lived idempotent producer ({@code acks=all}) in batch
 *     order without waiting, then flushed; the call waits for every acknowledgement up to the
 *     time budget. Kafka's partitioner sends one key to one partition, so each partition key
 *     keeps its Kinesis order.</li>
 * <li>A record that can never be delivered (larger than the topic's max.message.bytes, not in
 *     the configured format, or rejected by the broker as too large / invalid) goes to the
 *     failure queue with its reason and counts as done, so it does not hold up the shard.
 *     Without a failure queue, or if SQS refuses it, it is reported instead.</li>
 * <li>Every other record not acknowledged in time is reported: its send failed, it timed out
 *     (the producer is then closed at once, which aborts whatever it still holds, so a
 *     reported record is not written later behind the retry's back; a new producer is made for
 *     the next batch), or it was not sent because an earlier send failed at once (no metadata
 *     within max.block.ms because the brokers are unreachable, or a closed producer: sending the
 *     rest would only block or fail the same way) or the budget ran out.</li>
 * <li>Lambda re-delivers a Kinesis shard from the lowest reported sequence number, including
 *     records after it that did get through. Those (and only those) are remembered
 *     ({@link DeliveredRecords}) and skipped, so a retry on the same container writes nothing twice.</li>
 * </ol>
 * Delivery is at least once: a cold container on retry, or a request that reached the broker
 * whose answer was lost, can still write a record twice. Consumers de-duplicate on the
 * (stream, shard, sequence number) headers. A retried record lands after records of the same key
 * that were acknowledged in the failed attempt.
 *
 * <p>One batch at a time (Lambda's model); {@link #relay} is synchronized to make that so.
 */
public final class KafkaRelay implements AutoCloseable {
    /** The {@code service} field of the relay's log lines. */
    public static final String SERVICE = "udong-relay";
    /** Records remembered as delivered: a few of the largest batches (10,000 records each). */
    static final int REMEMBERED_DELIVERIES = 100_000;
    private static final int LOGGED_FAILURES = 20;
    private static final Object ACKNOWLEDGED = Boolean.TRUE;

    private final RelaySettings settings;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final FailureQueue failureQueue;
    private final RecordCheck check;
    private final DeliveredRecords delivered = new DeliveredRecords(REMEMBERED_DELIVERIES);
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "relay-flush");
        t.setDaemon(true);
        return t;
    });
    private final StructuredLog log;
    private Producer<byte[], byte[]> producer;

    /**
     * A relay with a real producer built from {@code settings}.
     *
     * @param sqs client for the failure queue; may be null when {@code settings} name no queue
     */
    public KafkaRelay(RelaySettings settings, SqsClient sqs) {
        this(settings, () -> new KafkaProducer<>(settings.producerProperties()), sqs,
                new StructuredLog(SERVICE, System.out, java.time.Clock.systemUTC()));
    }

    /**
     * A relay with producers from {@code producers}, called once now and again after a producer
     * had to be aborted; lines go to {@code log}.
     */
    public KafkaRelay(RelaySettings settings, Supplier<Producer<byte[], byte[]>> producers, SqsClient sqs,
                      StructuredLog log) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.producers = Objects.requireNonNull(producers, "producers");
        if (settings.failureQueueUrl() != null && sqs == null) {
            throw new IllegalArgumentException("a failure queue is configured but no SQS client was given");
        }
        this.failureQueue = settings.failureQueueUrl() == null ? null : new FailureQueue(sqs, settings.failureQueueUrl());
        this.check = new RecordCheck(settings.format(), settings.maxMessageBytes());
        this.producer = producers.get();
    }

    /**
     * Relays one batch (records of one shard, in order).
     *
     * @param budget longest time to spend; the settings' send timeout caps it
     */
    public synchronized RelayResult relay(List<SourceRecord> batch, Duration budget) {
        Duration limit = budget.compareTo(settings.sendTimeout()) < 0 ? budget : settings.sendTimeout();
        limit = limit.isNegative() ? Duration.ZERO : limit;
        long deadline = System.nanoTime() + limit.toNanos();
        int n = batch.size();
        Outcome[] outcomes = new Outcome[n];
        String[] reasons = new String[n];
        AtomicReferenceArray<Object> acks = new AtomicReferenceArray<>(n);
        CountDownLatch pending = new CountDownLatch(n);
        RelayHeaderValues headers = RelayHeaderValues.forBatch();
        Producer<byte[], byte[]> p = producer();
        String stopReason = null;

        for (int i = 0; i < n; i++) {
            SourceRecord record = batch.get(i);
            if (!delivered.isEmpty() && delivered.contains(record.deliveryId())) {
                outcomes[i] = Outcome.ALREADY_DELIVERED;
                pending.countDown();
                continue;
            }
            byte[] key = record.partitionKey().getBytes(StandardCharsets.UTF_8);
            Header[] recordHeaders = headers.headersOf(record);
            String problem = check.problem(key.length, record.data(), RelayHeaderValues.byteCount(recordHeaders),
                    recordHeaders.length);
            if (problem != null) {
                outcomes[i] = Outcome.UNDELIVERABLE;
                reasons[i] = problem;
                pending.countDown();
                continue;
            }
            if (stopReason == null && System.nanoTime() - deadline > 0) {
                stopReason = "not sent: the batch's time budget of " + limit.toMillis() + " ms ran out";
            }
            if (stopReason != null) {
                outcomes[i] = Outcome.FAILED;
                reasons[i] = stopReason;
                pending.countDown();
                continue;
            }
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(settings.topic(), null,
                    record.arrivalTime().toEpochMilli(), key, record.data(), new RecordHeaders(recordHeaders));
            int index = i;
            try {
                p.send(out, (metadata, error) -> {
                    acks.set(index, error == null ? ACKNOWLEDGED : error);
                    pending.countDown();
                });
                outcomes[i] = Outcome.SENT;
                if (acks.get(index) instanceof TimeoutException e) {
                    // Answered inside send(): no metadata for the topic within max.block.ms. Every
                    // further send would block as long, so the rest of the batch is not sent.
                    stopReason = "not sent: an earlier record of the batch failed (" + describe(e) + ")";
                }
            } catch (RuntimeException e) {
                // send() throws when the producer cannot take records at all (closed, interrupted):
                // the rest of the batch would fail the same way.
                outcomes[i] = Outcome.FAILED;
                reasons[i] = "send failed: " + describe(e);
                stopReason = "not sent: an earlier record of the batch failed (" + describe(e) + ")";
                pending.countDown();
            }
        }

        // flush() sends what linger.ms would hold back; it cannot be bounded, so it runs on its own
        // thread while this one waits for the acknowledgements with a deadline.
        flusher.execute(() -> flushQuietly(p));
        boolean complete = awaitUntil(pending, deadline);
        if (!complete) {
            log.warn("records unacknowledged at the deadline; aborting the producer so none is written after being "
                    + "reported", java.util.Map.of("unacknowledged", pending.getCount(), "records", n, "waitedMs", limit.toMillis()));
            abort(p);
        }

        int deliveredNow = 0;
        int skipped = 0;
        int deadLettered = 0;
        int firstFailure = -1;
        List<RelayResult.Failure> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SourceRecord record = batch.get(i);
            if (outcomes[i] == Outcome.SENT) {
                Object ack = acks.get(i);
                if (ack == ACKNOWLEDGED) {
                    outcomes[i] = Outcome.DONE;
                    deliveredNow++;
                    continue;
                } else if (ack instanceof RecordTooLargeException || ack instanceof InvalidRecordException) {
                    outcomes[i] = Outcome.UNDELIVERABLE;
                    reasons[i] = "rejected by Kafka: " + describe((Throwable) ack);
                } else {
                    outcomes[i] = Outcome.FAILED;
                    reasons[i] = ack == null ? "no acknowledgement within " + limit.toMillis() + " ms"
                            : "send failed: " + describe((Throwable) ack);
                }
            }
            if (outcomes[i] == Outcome.UNDELIVERABLE) {
                String failure = deadLetter(record, reasons[i]);
                if (failure == null) {
                    outcomes[i] = Outcome.DONE;
                    deadLettered++;
                } else {
                    outcomes[i] = Outcome.FAILED;
                    reasons[i] = failure;
                }
            }
            if (outcomes[i] == Outcome.ALREADY_DELIVERED) {
                skipped++;
            } else if (outcomes[i] == Outcome.FAILED) {
                failures.add(new RelayResult.Failure(record.sequenceNumber(), reasons[i]));
                firstFailure = firstFailure < 0 ? i : firstFailure;
            }
        }
        remember(batch, outcomes, firstFailure);
        RelayResult result = new RelayResult(failures, deliveredNow, skipped, deadLettered);
        log(batch, result);
        return result;
    }

    /** Closes the producer, waiting up to 5 s for records it still holds. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        flusher.shutdownNow();
    }

    /**
     * Lambda re-delivers only from the lowest reported record on, so only records done after it
     * need remembering; a batch with nothing reported will not come again, so its records are
     * forgotten. Normally the memory stays empty and costs nothing per record.
     */
    private void remember(List<SourceRecord> batch, Outcome[] outcomes, int firstFailure) {
        if (firstFailure < 0) {
            if (!delivered.isEmpty()) {
                batch.forEach(r -> delivered.remove(r.deliveryId()));
            }
            return;
        }
        for (int i = firstFailure + 1; i < batch.size(); i++) {
            if (outcomes[i] == Outcome.DONE) {
                delivered.add(batch.get(i).deliveryId());
            }
        }
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** Returns null when the failure queue took the record, else the reason to report it. */
    private String deadLetter(SourceRecord record, String reason) {
        if (failureQueue == null) {
            return reason + " (no failure queue configured)";
        }
        try {
            failureQueue.send(record, settings.topic(), reason);
            log.warn("record went to the failure queue", java.util.Map.of("sequenceNumber", record.sequenceNumber(),
                    "shardId", record.shardId(), "reason", reason));
            return null;
        } catch (RuntimeException e) {
            return reason + "; the failure queue refused it: " + describe(e);
        }
    }

    private void abort(Producer<byte[], byte[]> p) {
        // close(ZERO) fails every record the producer still holds (their callbacks run before it
        // returns), so nothing reported as failed can still be written afterwards. On an interrupted
        // thread close() would stop waiting for that, so the interrupt is held back until it returns.
        boolean interrupted = Thread.interrupted();
        try {
            p.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("closing the aborted producer failed", java.util.Map.of("error", describe(e)));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        producer = null;
    }

    private static void flushQuietly(Producer<byte[], byte[]> p) {
        try {
            p.flush();
        } catch (RuntimeException e) {
            // An aborted producer ends its flush early; the records' callbacks report what became of them.
        }
    }

    private static boolean awaitUntil(CountDownLatch latch, long deadline) {
        try {
            return latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    private void log(List<SourceRecord> batch, RelayResult result) {
        if (result.failures().isEmpty() && result.deadLettered() == 0) {
            return;
        }
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("shardId", batch.isEmpty() ? "-" : batch.get(0).shardId());
        fields.put("delivered", result.delivered());
        fields.put("alreadyDelivered", result.alreadyDelivered());
        fields.put("deadLettered", result.deadLettered());
        fields.put("toRetry", result.failures().size());
        fields.put("retries", result.failures().stream().limit(LOGGED_FAILURES)
                .map(f -> f.sequenceNumber() + ": " + f.reason()).toList());
        log.warn("batch not fully relayed", fields);
    }

    /** How many records are remembered as delivered (only those a retry will bring again). */
    synchronized int rememberedDeliveries() {
        return delivered.size();
    }

    /** The log the relay writes to (the handler marks each invocation on it). */
    public StructuredLog log() {
        return log;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private enum Outcome {
        SENT, DONE, ALREADY_DELIVERED, UNDELIVERABLE, FAILED
    }
}
