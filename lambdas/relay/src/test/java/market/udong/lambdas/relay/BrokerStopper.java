package market.udong.lambdas.relay;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Stops the broker in the middle of a batch: once the producer has seen {@link #afterAcks}
 * acknowledgements it runs {@link #action} on its own I/O thread, so no further request leaves
 * before the broker is down. Installed through {@code interceptor.classes}; armed by the test.
 */
public final class BrokerStopper implements ProducerInterceptor<byte[], byte[]> {
    static volatile int afterAcks = Integer.MAX_VALUE;
    static volatile Runnable action = () -> { };
    private static final AtomicInteger ACKS = new AtomicInteger();

    static void arm(int acks, Runnable stop) {
        ACKS.set(0);
        action = stop;
        afterAcks = acks;
    }

    static void disarm() {
        afterAcks = Integer.MAX_VALUE;
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null && ACKS.incrementAndGet() == afterAcks) {
            action.run();
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
