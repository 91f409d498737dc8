package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * One deployment environment ({@code config/environments/<name>.yaml}).
 *
 * @param name          environment name, equal to the file name (dev, staging, prod, ...)
 * @param account       12-digit AWS account id the stacks deploy to
 * @param region        AWS region; default {@code ap-northeast-2}
 * @param network       VPC shape
 * @param removalPolicy what happens to data when a stack is deleted; prod must be {@code retain}
 * @param lake          data lake settings (lifecycle tiers per zone)
 * @param alarmEmail    address subscribed to the platform's alarm topic
 * @param tags          tags put on every resource (plus {@code udong:environment})
 * @param deploy        CI deployment settings
 * @param features      optional parts switched on or off per environment
 * @param streaming     MSK cluster size and relay tuning
 * @param bi            settings of the BI tool, used where {@code features.bi} is on
 * @param quotas        the account's service quotas config validation checks against; AWS's defaults unless raised
 */
public record EnvironmentConfig(
        String name,
        String account,
        String region,
        Network network,
        RemovalPolicy removalPolicy,
        Lake lake,
        String alarmEmail,
        Map<String, String> tags,
        Deploy deploy,
        Features features,
        Streaming streaming,
        Bi bi,
        Quotas quotas) {

    public static final String DEFAULT_REGION = "ap-northeast-2";

    public EnvironmentConfig {
        region = region == null ? DEFAULT_REGION : region;
        removalPolicy = removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
        lake = lake == null ? new Lake(null) : lake;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        features = features == null ? new Features(null, null, null) : features;
        streaming = streaming == null ? new Streaming(null, null, null, null, null) : streaming;
        bi = bi == null ? new Bi(null, null) : bi;
        quotas = quotas == null ? Quotas.AWS_DEFAULTS : quotas;
    }

    /** True where data outlives its stack (prod). */
    public boolean retainsData() {
        return removalPolicy == RemovalPolicy.RETAIN;
    }

    /** Days the logs of functions and jobs are kept: a year where data is retained, a month elsewhere. */
    public int logRetentionDays() {
        return retainsData() ? 365 : 30;
    }

    /**
     * VPC shape.
     *
     * @param vpcCidr     IPv4 CIDR of the VPC, /16 to /24
     * @param maxAzs      availability zones, 2 or 3
     * @param natGateways NAT gateways, 1 to maxAzs
     * @param flowLogRetentionDays days VPC flow logs are kept; default 365
     * @param availabilityZones explicit AZ names; default the region's first maxAzs zones (a, b, c)
     * @param connections       networks of service databases the platform reaches directly; none by default
     * @param natInstanceType   where set (e.g. {@code t4g.nano}), each NAT is an EC2 instance of this type instead of a NAT
     *                          gateway: a tenth of the price, no managed failover or patching (a dev choice)
     * @param interfaceEndpointAzs AZs with an interface endpoint of each AWS API, 0 to maxAzs; default maxAzs. Fewer cost
     *                             less (calls from other AZs cross zones); 0 sends AWS API calls through the NAT gateway
     */
    public record Network(String vpcCidr, int maxAzs, int natGateways, Integer flowLogRetentionDays,
                          List<String> availabilityZones, List<Connection> connections, Integer interfaceEndpointAzs,
                          String natInstanceType) {
        public Network {
            interfaceEndpointAzs = interfaceEndpointAzs == null ? maxAzs : interfaceEndpointAzs;
            flowLogRetentionDays = flowLogRetentionDays == null ? 365 : flowLogRetentionDays;
            availabilityZones = availabilityZones == null ? null : List.copyOf(availabilityZones);
            connections = connections == null ? List.of() : List.copyOf(connections);
        }

        /** The connection named {@code name}, if the environment has one. */
        public java.util.Optional<Connection> connection(String name) {
            return connections.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        /** The AZs the VPC spans in {@code region}. */
        public List<String> zonesIn(String region) {
            if (availabilityZones != null) {
                return availabilityZones;
            }
            return "abc".chars().limit(maxAzs).mapToObj(c -> region + (char) c).toList();
        }
    }

    /**
     * How the platform's VPC reaches a service team's VPC.
     *
     * @param name              what a primary's {@code network} calls it
     * @param vpcId             the service VPC
     * @param cidr              the service VPC's IPv4 CIDR
     * @param transitGatewayId  attach to this transit gateway; null peers the two VPCs
     * @param peerAccount       the peered VPC's account; null for the environment's own
     * @param peerRouteTableIds route tables of the peered VPC that get a route back (same account only)
     */
    public record Connection(String name, String vpcId, String cidr, String transitGatewayId, String peerAccount,
                             List<String> peerRouteTableIds) {
        public Connection {
            peerRouteTableIds = peerRouteTableIds == null ? List.of() : List.copyOf(peerRouteTableIds);
        }

        /** True for a VPC peering connection, false for a transit gateway attachment. */
        public boolean peering() {
            return transitGatewayId == null;
        }
    }

    /** What happens to stateful resources when their stack is deleted. */
    public enum RemovalPolicy implements Ids.HasId {
        DESTROY("destroy"), RETAIN("retain");

        private final String id;

        RemovalPolicy(String id) {
            this.id = id;
        }

        @JsonValue
        @Override
        public String id() {
            return id;
        }

        @JsonCreator
        public static RemovalPolicy of(String id) {
            return Ids.parse(RemovalPolicy.class, id);
        }
    }

    /**
     * Data lake settings.
     *
     * @param lifecycle storage tiers per zone; a zone not listed keeps its objects in S3 Standard
     */
    public record Lake(Map<LakeZone, ZoneLifecycle> lifecycle) {
        public Lake {
            lifecycle = lifecycle == null ? Map.of() : Map.copyOf(lifecycle);
        }

        /** The zone's tiers from config, else the zone's default ({@link LakeZone#defaultLifecycle()}). */
        public ZoneLifecycle lifecycleOf(LakeZone zone) {
            return lifecycle.getOrDefault(zone, zone.defaultLifecycle());
        }
    }

    /**
     * Storage tiers of one zone's objects.
     *
     * @param transitions                  ordered moves to colder storage classes
     * @param expirationDays               days after creation when current objects expire; null keeps them
     * @param noncurrentExpirationDays     days a replaced object version is kept; default 30
     */
    public record ZoneLifecycle(List<Transition> transitions, Integer expirationDays, Integer noncurrentExpirationDays) {
        public static final ZoneLifecycle NONE = new ZoneLifecycle(List.of(), null, null);

        public ZoneLifecycle {
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
            noncurrentExpirationDays = noncurrentExpirationDays == null ? 30 : noncurrentExpirationDays;
        }
    }

    /**
     * A move to a colder storage class.
     *
     * @param storageClass target class
     * @param afterDays    days after object creation
     */
    public record Transition(StorageClass storageClass, int afterDays) {
    }

    /** S3 storage classes a lifecycle rule may move objects to, warmest first. */
    public enum StorageClass implements Ids.HasId {
        STANDARD_IA("STANDARD_IA", 30),
        INTELLIGENT_TIERING("INTELLIGENT_TIERING", 0),
        GLACIER_IR("GLACIER_IR", 0),
        GLACIER("GLACIER", 0),
        DEEP_ARCHIVE("DEEP_ARCHIVE", 0);

        private final String id;
        private final int minimumDaysFromCreation;

        StorageClass(String id, int minimumDaysFromCreation) {
            this.id = id;
            this.minimumDaysFromCreation = minimumDaysFromCreation;
        }

        @JsonValue
        @Override
        public String id() {
            return id;
        }

        /** S3 refuses a transition to this class earlier than this many days after creation. */
        public int minimumDaysFromCreation() {
            return minimumDaysFromCreation;
        }

        @JsonCreator
        public static StorageClass of(String id) {
            return Ids.parse(StorageClass.class, id);
        }
    }

    /**
     * CI deployment settings.
     *
     * @param githubOidcRoleArn role GitHub Actions assumes through OIDC to deploy this environment
     * @param requireApproval   whether a person approves before deploy; default true for retained environments
     */
    public record Deploy(String githubOidcRoleArn, Boolean requireApproval) {
    }

    /**
     * Optional parts of the platform.
     *
     * @param createPrimaries  create a small primary database for sources that have none (dev only); default false
     * @param bi               run the BI tool (Metabase); default false
     * @param dmsAccountRoles  create the account-level DMS roles; false where the account already has them; default true
     */
    public record Features(Boolean createPrimaries, Boolean bi, Boolean dmsAccountRoles) {
        public Features {
            createPrimaries = createPrimaries != null && createPrimaries;
            bi = bi != null && bi;
            dmsAccountRoles = dmsAccountRoles == null || dmsAccountRoles;
        }
    }

    /**
     * Event streaming settings of the environment.
     *
     * @param msk                 the Kafka cluster
     * @param enhancedFanOutAbove streams with more consumers than this get enhanced fan-out consumers; default 2
     * @param relay               tuning of every relay's event source mapping and function
     * @param loadShare           the share of the configured peak loads this environment carries (0 to 1): Kinesis
     *                            shards and the MSK cluster are sized from it; default 1 (production's load)
     * @param maxRetentionHours   caps every stream's retention here (24 avoids extended retention); default no cap
     */
    public record Streaming(Msk msk, Integer enhancedFanOutAbove, RelayTuning relay, Double loadShare,
                            Integer maxRetentionHours) {
        public Streaming {
            msk = msk == null ? new Msk(null, null, null, null) : msk;
            enhancedFanOutAbove = enhancedFanOutAbove == null ? 2 : enhancedFanOutAbove;
            relay = relay == null ? new RelayTuning(null, null, null, null, null, null) : relay;
            loadShare = loadShare == null ? 1.0 : loadShare;
        }

        /** A stream's retention in this environment: its own, capped at {@code maxRetentionHours}. */
        public int retentionHours(StreamsConfig.KinesisStream stream) {
            return maxRetentionHours == null ? stream.retentionHours() : Math.min(stream.retentionHours(), maxRetentionHours);
        }
    }

    /**
     * The MSK provisioned cluster.
     *
     * @param kafkaVersion Kafka version MSK runs; default {@value #DEFAULT_KAFKA_VERSION}
     * @param brokers      broker count, a multiple of the AZ count; default one per AZ
     * @param instanceType broker instance type; default sized from load ({@code BrokerSizing})
     * @param volumeGiB    EBS storage per broker; default sized from load and retention ({@code BrokerSizing})
     */
    public record Msk(String kafkaVersion, Integer brokers, String instanceType, Integer volumeGiB) {
        public static final String DEFAULT_KAFKA_VERSION = "3.8.x";
        /** MSK's default quota of brokers per provisioned cluster. */
        public static final int MAX_BROKERS = 30;

        public Msk {
            kafkaVersion = kafkaVersion == null ? DEFAULT_KAFKA_VERSION : kafkaVersion;
        }
    }

    /**
     * Event source mapping and function settings of the relays.
     *
     * @param batchSize              records per invocation; default 1000 (one shard-second at Kinesis's
     *                               1,000 records/s write limit)
     * @param batchingWindowSeconds  how long to gather a batch; default 1
     * @param parallelizationFactor  concurrent batches per shard (1–10); default 2
     * @param maximumRetryAttempts   retries of a failing batch before its records go to the failure queue; default 5
     * @param memoryMb               function memory; default 1024
     * @param timeoutSeconds         function timeout; default 60
     */
    public record RelayTuning(Integer batchSize, Integer batchingWindowSeconds, Integer parallelizationFactor,
                              Integer maximumRetryAttempts, Integer memoryMb, Integer timeoutSeconds) {
        public RelayTuning {
            batchSize = batchSize == null ? 1000 : batchSize;
            batchingWindowSeconds = batchingWindowSeconds == null ? 1 : batchingWindowSeconds;
            parallelizationFactor = parallelizationFactor == null ? 2 : parallelizationFactor;
            maximumRetryAttempts = maximumRetryAttempts == null ? 5 : maximumRetryAttempts;
            memoryMb = memoryMb == null ? 1024 : memoryMb;
            timeoutSeconds = timeoutSeconds == null ? 60 : timeoutSeconds;
        }
    }

    /**
     * Service quotas of the environment's account that config validation checks the config against
     * before anything is built (a config that needs more is an error naming the quota and the fix).
     * Defaults are AWS's defaults (Service Quotas, 2026); set a raised value once AWS has raised it for
     * the account.
     *
     * @param glueJobsPerAccount                Glue jobs per account and region; default 1,000
     * @param glueTriggersPerAccount            Glue triggers per account and region; default 1,000
     * @param dmsReplicationInstancesPerAccount DMS replication instances per account and region; default 60
     * @param eventBridgeRulesPerBus            rules on the default event bus; default 300
     * @param managedPoliciesPerRole            managed policies one role (a team's) may carry; default 10
     * @param athenaNamedQueriesPerAccount      Athena saved (named) queries per account and region; default 1,000
     *                                          (AWS publishes no figure; 1,000 is what accounts report)
     */
    public record Quotas(Integer glueJobsPerAccount, Integer glueTriggersPerAccount,
                         Integer dmsReplicationInstancesPerAccount, Integer eventBridgeRulesPerBus,
                         Integer managedPoliciesPerRole, Integer athenaNamedQueriesPerAccount) {
        public static final Quotas AWS_DEFAULTS = new Quotas(null, null, null, null, null, null);

        public Quotas {
            glueJobsPerAccount = glueJobsPerAccount == null ? 1_000 : glueJobsPerAccount;
            glueTriggersPerAccount = glueTriggersPerAccount == null ? 1_000 : glueTriggersPerAccount;
            dmsReplicationInstancesPerAccount = dmsReplicationInstancesPerAccount == null ? 60 : dmsReplicationInstancesPerAccount;
            eventBridgeRulesPerBus = eventBridgeRulesPerBus == null ? 300 : eventBridgeRulesPerBus;
            managedPoliciesPerRole = managedPoliciesPerRole == null ? 10 : managedPoliciesPerRole;
            athenaNamedQueriesPerAccount = athenaNamedQueriesPerAccount == null ? 1_000 : athenaNamedQueriesPerAccount;
        }
    }

    /**
     * The BI tool (Metabase) of an environment that runs one.
     *
     * @param certificateArn ACM certificate of the BI host name, served by the internal load balancer
     *                       (HTTPS only); required where {@code features.bi} is on
     * @param allowedCidrs   networks staff reach the load balancer from (VPN, office); default the VPC's CIDR
     */
    public record Bi(String certificateArn, List<String> allowedCidrs) {
        public Bi {
            allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
        }
    }
}
