package market.udong.core.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The broker settings of a single-node KRaft test broker (broker and controller in one process,
 * listeners on 127.0.0.1, replication factors 1, no automatic topics), shared by the relay's 4.x
 * broker ({@link LocalKafka}) and the events job's 3.4 broker, which cannot share a class path.
 * Plain strings only, so either Kafka line can read them.
 */
public final class KraftProperties {
    private KraftProperties() {
    }

    public static Map<String, String> singleNode(int brokerPort, int controllerPort, Path logDir) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
