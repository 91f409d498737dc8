package market.udong.infra.stacks;

import market.udong.infra.constructs.common.EncryptionKey;
import market.udong.infra.constructs.common.EncryptionKeyProps;
import market.udong.infra.constructs.replicas.EnhancedMonitoringRole;
import market.udong.infra.constructs.replicas.SourceReplicas;
import market.udong.infra.constructs.replicas.SourceReplicasProps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.SourceConfig;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * {@code Udong-<Env>-Replicas}: per source with replicas, its primary (imported, or created where
 * the environment allows), its read replicas, the consumers security group and the read-only
 * secret. Sources with {@code replicas.count: 0} have nothing here.
 */
public final class ReplicasStack extends PlatformStack {

    private final EncryptionKey key;
    private final Map<String, SourceReplicas> bySource = new LinkedHashMap<>();

    /** How far a replica may fall behind its primary before the alarm topic hears of it. */
    static final Duration MAX_REPLICA_LAG = Duration.minutes(5);

    public ReplicasStack(Construct scope, EnvironmentConfig environment, List<SourceConfig> sources, IVpc vpc,
                         ITopic alarmTopic) {
        super(scope, environment, "Replicas", "Read replicas of the service databases and their read-only secrets");
        key = new EncryptionKey(this, "Key", new EncryptionKeyProps("udong-" + environment.name() + "-replicas",
                "Encrypts the platform's databases, their Performance Insights and secrets (" + environment.name() + ")",
                dataRemovalPolicy()));
        EnhancedMonitoringRole monitoring = new EnhancedMonitoringRole(this, "MonitoringRole");
        for (SourceConfig source : sources) {
            if (source.replicas().count() == 0) {
                continue;
            }
            SourceReplicas replicas = new SourceReplicas(this, constructId(source.name()), new SourceReplicasProps(
                    environment.name(), source, vpc, key.key(), monitoring.role(),
                    environment.retainsData(), dataRemovalPolicy()));
            replicas.addLagAlarms(alarmTopic, MAX_REPLICA_LAG);
            bySource.put(source.name(), replicas);
        }
    }

    /** Construct id of a source, e.g. {@code FlightMeta} for {@code flight-meta}. */
    static String constructId(String source) {
        StringBuilder id = new StringBuilder();
        for (String part : source.split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }

    /** The replicas of a source; empty where it has none. */
    public Optional<SourceReplicas> of(String source) {
        return Optional.ofNullable(bySource.get(source));
    }

    /** Every source's replicas, in config order. */
    public List<SourceReplicas> all() {
        return List.copyOf(bySource.values());
    }

    public IKey key() {
        return key.key();
    }
}
