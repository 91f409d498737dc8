package market.udong.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.udong.core.config.TableConfig;

/**
 * Prices what an environment's synthesized templates will deploy. Every resource type is either
 * priced here ({@link #PRICED}), or listed as costing nothing while idle ({@link #USAGE_ONLY}):
 * a type in neither fails the estimate, so a new component cannot be free by omission.
 *
 * <p>Standing costs come from the templates alone; the one usage estimate is Glue, from each
 * job's schedule, workers and the {@value #EXPECTED_MINUTES_TAG} tag its table config sets.
 */
public final class TemplateCosts {
    private TemplateCosts() {
    }

    /**
     * Tag on a Glue job: the minutes a run is expected to take (the table's {@code glue.expectedRunMinutes}), set
     * only where it differs from the default, so hundreds of jobs do not all carry it.
     */
    public static final String EXPECTED_MINUTES_TAG = "udong:expected-run-minutes";
    /** Tag on a read replica of a primary the platform does not create: the primary's engine version. */
    public static final String ENGINE_VERSION_TAG = "udong:engine-version";
    /** Storage assumed for a replica whose primary is imported (a replica has its primary's storage). */
    public static final int ASSUMED_IMPORTED_REPLICA_GB = 20;

    /** Types with a price. */
    public static final Set<String> PRICED = Set.of("AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::VPCEndpoint",
            "AWS::EC2::Instance", "AWS::EC2::TransitGatewayAttachment", "AWS::RDS::DBInstance",
            "AWS::DMS::ReplicationInstance", "AWS::MSK::Cluster", "AWS::Kinesis::Stream", "AWS::Kinesis::StreamConsumer",
            "AWS::ECS::Service", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::KMS::Key", "AWS::SecretsManager::Secret",
            "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::Glue::Job");

    /**
     * Types that cost nothing while idle; what they cost with use (requests, GB stored or
     * scanned, Lambda seconds) depends on load the templates do not state (docs/cost.md).
     */
    public static final Set<String> USAGE_ONLY = Set.of("AWS::CDK::Metadata",
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
            "AWS::KMS::Alias", "AWS::SecretsManager::SecretTargetAttachment", "AWS::SecretsManager::RotationSchedule",
            "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
            "AWS::Lambda::Function", "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::Permission",
            "AWS::Lambda::EventInvokeConfig", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::LayerVersion",
            "AWS::Logs::LogGroup", "AWS::Logs::SubscriptionFilter", "AWS::Logs::MetricFilter",
            "AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription",
            "AWS::Events::Rule",
            "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SubnetRouteTableAssociation",
            "AWS::EC2::Route", "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::SecurityGroup",
            "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::FlowLog",
            "AWS::EC2::VPCPeeringConnection", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry",
            "AWS::EC2::SubnetNetworkAclAssociation", "AWS::IAM::InstanceProfile", "AWS::EC2::LaunchTemplate",
            "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup",
            "AWS::DMS::Endpoint", "AWS::DMS::ReplicationTask", "AWS::DMS::ReplicationSubnetGroup",
            "AWS::MSK::Configuration",
            "AWS::Glue::Database", "AWS::Glue::Table", "AWS::Glue::Connection", "AWS::Glue::SecurityConfiguration",
            "AWS::Glue::Trigger", "AWS::Glue::Crawler",
            "AWS::Athena::WorkGroup", "AWS::Athena::NamedQuery", "AWS::Athena::DataCatalog",
            "AWS::Serverless::Application",
            "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ElasticLoadBalancingV2::Listener",
            "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::ListenerRule",
            "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
            "AWS::EFS::FileSystem", "AWS::EFS::MountTarget");

    /** Whether a type is accounted for: priced, costing nothing idle, or a custom resource (a Lambda, usage). */
    public static boolean accountedFor(String type) {
        return PRICED.contains(type) || USAGE_ONLY.contains(type) || type.startsWith("Custom::");
    }

    /**
     * The monthly cost of the templates of one environment.
     *
     * @param environment environment name
     * @param templates   stack name (without the {@code Udong-<Env>-} prefix) to template, in order
     * @param prices      the region's prices
     * @param today       for the staleness warning
     * @throws IllegalArgumentException for a type not accounted for, or a unit the table does not price
     */
    public static EnvironmentCost estimate(String environment, Map<String, JsonNode> templates, PriceTable prices,
                                           LocalDate today) {
        List<CostLine> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        prices.staleness(today).ifPresent(warnings::add);
        for (Map.Entry<String, JsonNode> t : templates.entrySet()) {
            new StackPricer(t.getKey(), t.getValue(), prices, lines, warnings).run();
        }
        return new EnvironmentCost(environment, prices.region(), lines, warnings);
    }

    /** Prices the resources of one stack. */
    private static final class StackPricer {
        private static final Pattern SIZE = Pattern.compile("(\\d*)xlarge");
        private final String stack;
        private final JsonNode resources;
        private final PriceTable prices;
        private final List<CostLine> lines;
        private final List<String> warnings;
        private final BigDecimal hours;

        StackPricer(String stack, JsonNode template, PriceTable prices, List<CostLine> lines, List<String> warnings) {
            this.stack = stack;
            this.resources = template.path("Resources");
            this.prices = prices;
            this.lines = lines;
            this.warnings = warnings;
            this.hours = prices.hoursPerMonth();
        }

        void run() {
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                String type = r.getValue().path("Type").asText();
                if (!accountedFor(type)) {
                    throw new IllegalArgumentException(stack + ": resource " + r.getKey() + " is of type " + type
                            + ", which bin/cost neither prices nor lists as costing nothing idle: add it to PRICED (with a "
                            + "price) or USAGE_ONLY in " + TemplateCosts.class.getName());
                }
                price(r.getKey(), type, r.getValue().path("Properties"));
            }
        }

        private void price(String id, String type, JsonNode p) {
            switch (type) {
                case "AWS::EC2::NatGateway" -> hourly("NAT gateway", 1, "nat-gateway-hour", "");
                case "AWS::EC2::EIP" -> hourly("public IPv4 address", 1, "public-ipv4-hour", "");
                case "AWS::EC2::Instance" -> {
                    String instanceType = p.path("InstanceType").asText();
                    hourly("EC2 " + instanceType, 1, "ec2-instance-hour:" + instanceType, "");
                    for (JsonNode device : p.path("BlockDeviceMappings")) {
                        String volumeType = device.path("Ebs").path("VolumeType").asText("gp3");
                        monthly("EBS " + volumeType + " of EC2 " + instanceType, device.path("Ebs").path("VolumeSize").asInt(8),
                                "ebs-gb-month:" + volumeType, "");
                    }
                }
                case "AWS::EC2::TransitGatewayAttachment" -> hourly("transit gateway attachment", 1, "tgw-attachment-hour",
                        "data through it is charged per GB (usage)");
                case "AWS::EC2::VPCEndpoint" -> {
                    if ("Interface".equals(p.path("VpcEndpointType").asText())) {
                        hourly("interface endpoint " + serviceOf(p.path("ServiceName")) + " (per AZ)",
                                Math.max(1, p.path("SubnetIds").size()), "vpc-endpoint-interface-az-hour", "");
                    }
                }
                case "AWS::RDS::DBInstance" -> database(id, p);
                case "AWS::DMS::ReplicationInstance" -> {
                    int copies = p.path("MultiAZ").asBoolean(false) ? 2 : 1;
                    String cls = p.path("ReplicationInstanceClass").asText();
                    hourly("DMS " + cls + (copies == 2 ? " Multi-AZ" : ""), copies, "dms-instance-hour:" + cls, "");
                    monthly("DMS storage", copies * p.path("AllocatedStorage").asInt(50), "dms-storage-gb-month", "");
                }
                case "AWS::MSK::Cluster" -> {
                    int brokers = p.path("NumberOfBrokerNodes").asInt();
                    JsonNode group = p.path("BrokerNodeGroupInfo");
                    String instance = group.path("InstanceType").asText();
                    hourly("MSK broker " + instance, brokers, "msk-broker-hour:" + instance, "");
                    int volume = group.path("StorageInfo").path("EBSStorageInfo").path("VolumeSize").asInt(1000);
                    monthly("MSK broker storage (" + volume + " GiB each)", brokers * volume, "msk-storage-gb-month", "");
                }
                case "AWS::Kinesis::Stream" -> stream(p);
                case "AWS::Kinesis::StreamConsumer" -> consumer(p);
                case "AWS::ECS::Service" -> service(p);
                case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> {
                    String lbType = p.path("Type").asText("application");
                    hourly(lbType + " load balancer", 1, lbType.equals("application") ? "alb-hour" : lbType + "-lb-hour",
                            "capacity units (LCU) are usage");
                }
                case "AWS::KMS::Key" -> monthly("KMS key", 1, "kms-key-month", "");
                case "AWS::SecretsManager::Secret" -> monthly("secret", 1, "secret-month", "");
                case "AWS::CloudWatch::Alarm" -> monthly("alarm", 1, "alarm-month", "");
                case "AWS::CloudWatch::Dashboard" -> monthly("dashboard", 1, "dashboard-month", "");
                case "AWS::Glue::Job" -> glueJob(id, p);
                default -> {
                    // usage only
                }
            }
        }

        private void database(String id, JsonNode p) {
            String cls = p.path("DBInstanceClass").asText();
            boolean aurora = p.has("DBClusterIdentifier") || p.path("Engine").asText().startsWith("aurora");
            if (aurora) {
                hourly("Aurora instance " + cls, 1, "aurora-instance-hour:" + cls, "storage is the cluster's (usage)");
                return;
            }
            int copies = p.path("MultiAZ").asBoolean(false) ? 2 : 1;
            JsonNode source = p.path("SourceDBInstanceIdentifier");
            boolean replica = !source.isMissingNode();
            JsonNode primary = refTo(source, "AWS::RDS::DBInstance").map(r -> r.path("Properties")).orElse(null);
            String role = replica ? "read replica" : "primary";
            hourly("RDS " + cls + " " + role + (copies == 2 ? " Multi-AZ" : ""), copies, "rds-instance-hour:" + cls, "");
            JsonNode storageOf = replica && primary != null ? primary : p;
            if (replica && primary == null) {
                monthly("RDS storage of a read replica", ASSUMED_IMPORTED_REPLICA_GB, "rds-storage-gb-month",
                        "assumed " + ASSUMED_IMPORTED_REPLICA_GB + " GB: a replica has its imported primary's storage");
            } else {
                monthly("RDS storage", copies * storageOf.path("AllocatedStorage").asInt(20), "rds-storage-gb-month", "");
            }
            String engine = (primary != null ? primary : p).path("Engine").asText(replica ? "mysql" : "");
            String version = (primary != null ? primary : p).path("EngineVersion").asText(tag(p, ENGINE_VERSION_TAG).orElse(""));
            if (engine.equals("mysql") && (version.equals("8.0") || version.startsWith("8.0."))) {
                hourly("RDS Extended Support, MySQL 8.0 (vCPU)", copies * vcpus(cls),
                        "rds-extended-support-vcpu-hour:mysql-8.0", "MySQL 8.0 left standard support on 2026-07-31");
            } else if (replica && primary == null && version.isEmpty()) {
                warnings.add(stack + ": " + id + " replicates a primary of unknown engine version; if it runs MySQL 8.0, "
                        + "RDS Extended Support adds " + prices.price("rds-extended-support-vcpu-hour:mysql-8.0").usd()
                        + " USD per vCPU-hour (set primaries.<env>.engineVersion)");
            }
        }

        private void stream(JsonNode p) {
            if ("ON_DEMAND".equals(p.path("StreamModeDetails").path("StreamMode").asText())) {
                hourly("Kinesis on-demand stream", 1, "kinesis-ondemand-stream-hour", "data in and out is charged per GB (usage)");
                return;
            }
            int shards = p.path("ShardCount").asInt(1);
            hourly("Kinesis shard", shards, "kinesis-shard-hour", "");
            int retention = p.path("RetentionPeriodHours").asInt(24);
            if (retention > 168) {
                prices.price("kinesis-long-term-retention-gb-month");
            }
            if (retention > 24) {
                hourly("Kinesis extended retention (" + retention + " h)", shards, "kinesis-extended-retention-shard-hour", "");
            }
        }

        private void consumer(JsonNode p) {
            JsonNode arn = p.path("StreamARN").path("Fn::GetAtt");
            JsonNode stream = resources.path(arn.path(0).asText()).path("Properties");
            if ("ON_DEMAND".equals(stream.path("StreamModeDetails").path("StreamMode").asText())) {
                return;
            }
            hourly("Kinesis enhanced fan-out consumer (per shard)", stream.path("ShardCount").asInt(1),
                    "kinesis-efo-consumer-shard-hour", "data read is charged per GB (usage)");
        }

        private void service(JsonNode p) {
            int desired = p.path("DesiredCount").asInt(1);
            JsonNode task = resources.path(p.path("TaskDefinition").path("Ref").asText()).path("Properties");
            String arch = task.path("RuntimePlatform").path("CpuArchitecture").asText("X86_64");
            String suffix = arch.equals("ARM64") ? ":arm64" : "";
            BigDecimal vcpu = BigDecimal.valueOf(task.path("Cpu").asInt(256)).divide(BigDecimal.valueOf(1024));
            BigDecimal gb = BigDecimal.valueOf(task.path("Memory").asInt(512)).divide(BigDecimal.valueOf(1024));
            add("Fargate vCPU (" + vcpu.stripTrailingZeros().toPlainString() + " per task)",
                    vcpu.multiply(BigDecimal.valueOf(desired)), hours, "fargate-vcpu-hour" + suffix, CostLine.Kind.STANDING, "");
            add("Fargate memory (" + gb.stripTrailingZeros().toPlainString() + " GB per task)",
                    gb.multiply(BigDecimal.valueOf(desired)), hours, "fargate-gb-hour" + suffix, CostLine.Kind.STANDING, "");
        }

        private void glueJob(String id, JsonNode p) {
            String name = p.path("Name").asText(id);
            Optional<String> schedule = scheduleOf(id);
            if (schedule.isEmpty()) {
                warnings.add(stack + ": Glue job " + name + " has no schedule here; its runs are not estimated");
                return;
            }
            BigDecimal runs;
            try {
                runs = Schedules.runsPerMonth(schedule.get());
            } catch (IllegalArgumentException e) {
                warnings.add(stack + ": Glue job " + name + ": " + e.getMessage() + "; its runs are not estimated");
                return;
            }
            String worker = p.path("WorkerType").asText("G.1X");
            BigDecimal dpu = dpuOf(worker);
            int workers = p.path("NumberOfWorkers").asInt(2);
            String minutesTag = tag(p, EXPECTED_MINUTES_TAG)
                    .orElse(String.valueOf(TableConfig.GlueSettings.DEFAULT_EXPECTED_RUN_MINUTES));
            BigDecimal minutes = new BigDecimal(minutesTag).max(BigDecimal.ONE);
            BigDecimal dpuHoursPerRun = dpu.multiply(BigDecimal.valueOf(workers)).multiply(minutes)
                    .divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
            add("Glue runs of " + name, runs, dpuHoursPerRun, "glue-dpu-hour", CostLine.Kind.USAGE,
                    workers + " x " + worker + ", " + minutes.toPlainString() + " min a run, " + schedule.get());
        }

        private Optional<String> scheduleOf(String jobId) {
            for (Iterator<JsonNode> it = resources.elements(); it.hasNext(); ) {
                JsonNode r = it.next();
                if (!"AWS::Glue::Trigger".equals(r.path("Type").asText())
                        || !"SCHEDULED".equals(r.path("Properties").path("Type").asText())) {
                    continue;
                }
                for (JsonNode action : r.path("Properties").path("Actions")) {
                    if (jobId.equals(action.path("JobName").path("Ref").asText())) {
                        return Optional.of(r.path("Properties").path("Schedule").asText());
                    }
                }
            }
            return Optional.empty();
        }

        private static BigDecimal dpuOf(String worker) {
            return switch (worker) {
                case "G.025X" -> new BigDecimal("0.25");
                case "G.1X", "Standard" -> BigDecimal.ONE;
                case "G.2X", "Z.2X" -> BigDecimal.valueOf(2);
                case "G.4X" -> BigDecimal.valueOf(4);
                case "G.8X" -> BigDecimal.valueOf(8);
                default -> throw new IllegalArgumentException("unknown Glue worker type " + worker);
            };
        }

        /** vCPUs of an instance class: 2 up to large, 4 per xlarge step. */
        static int vcpus(String instanceClass) {
            String size = instanceClass.substring(instanceClass.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            Matcher m = SIZE.matcher(size);
            if (m.matches()) {
                return 4 * (m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1)));
            }
            return 2;
        }

        /** The resource of a type that a value refers to, through a Ref anywhere inside it (an ARN joined from a Ref). */
        private Optional<JsonNode> refTo(JsonNode value, String type) {
            if (value.has("Ref") && type.equals(resources.path(value.path("Ref").asText()).path("Type").asText())) {
                return Optional.of(resources.path(value.path("Ref").asText()));
            }
            for (JsonNode child : value) {
                Optional<JsonNode> found = refTo(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        private static Optional<String> tag(JsonNode p, String key) {
            JsonNode tags = p.path("Tags");
            if (tags.isArray()) {
                for (JsonNode t : tags) {
                    if (key.equals(t.path("Key").asText())) {
                        return Optional.of(t.path("Value").asText());
                    }
                }
            } else if (tags.has(key)) {
                return Optional.of(tags.path(key).asText());
            }
            return Optional.empty();
        }

        private static String serviceOf(JsonNode name) {
            String text = name.isTextual() ? name.asText() : name.toString();
            String service = text.substring(text.lastIndexOf('.') + 1).replaceAll("[^a-z0-9-]", "");
            return service.isEmpty() ? text : service;
        }

        private void hourly(String component, int count, String key, String note) {
            add(component, BigDecimal.valueOf(count), hours, key, CostLine.Kind.STANDING, note);
        }

        private void monthly(String component, int count, String key, String note) {
            add(component, BigDecimal.valueOf(count), BigDecimal.ONE, key, CostLine.Kind.STANDING, note);
        }

        private void add(String component, BigDecimal count, BigDecimal unitsEach, String key, CostLine.Kind kind, String note) {
            lines.add(new CostLine(stack, component, count, unitsEach, prices.price(key), kind, note));
        }
    }
}
