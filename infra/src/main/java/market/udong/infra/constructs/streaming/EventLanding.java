package market.udong.infra.constructs.streaming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.udong.core.config.EventRunMode;
import market.udong.core.config.EventTables;
import market.udong.core.config.LakeZone;
import market.udong.core.config.StreamsConfig.EventTable;
import market.udong.core.cost.TemplateCosts;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.naming.GlueJobArgs;
import market.udong.core.naming.Names;
import market.udong.core.streams.EventSchedules;
import market.udong.infra.compliance.Acknowledge;
import market.udong.infra.constructs.common.ObjectAccess;
import market.udong.infra.constructs.common.SecretAccess;
import market.udong.infra.constructs.ingestion.glue.GlueIngestion;
import market.udong.infra.constructs.monitoring.Alarms;
import market.udong.infra.constructs.network.PlatformVpc;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.glue.CfnConnection;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The events landing jobs of an environment (docs/events.md): the {@code events} catalog database,
 * and for every event table a Glue 5.0 job running {@code EventLandingJob} with Iceberg, on a
 * schedule, one run at a time, through a network connection the MSK cluster admits. Each table's
 * role may read its one topic (IAM over TLS) and touch only its own table, checkpoint and
 * quarantine prefixes, the lake key, the HMAC secret and its table in the catalog; the job enables
 * Glue's table optimizers on its table, run as a role of their own. A rule reports
 * failed runs (a retention gap fails a run); alarms fire on any quarantined record and on lag
 * that stays above the table's {@code lagAlarmMinutes}.
 */
public final class EventLanding extends Construct {

    /** Glue version of the jobs (Spark 3.5.4 and Iceberg 1.7.1). */
    public static final String GLUE_VERSION = "5.0";
    /** A scheduled run's limit: far above a few minutes of events, far below the next days' backlog. */
    static final int SCHEDULED_TIMEOUT_MINUTES = 60;
    /**
     * Minutes a scheduled run is billed for at modest volumes: Glue's start, Spark's, one Iceberg
     * commit (Glue bills per second, at least a minute).
     */
    public static final int EXPECTED_SCHEDULED_RUN_MINUTES = 2;

    private final Map<String, CfnJob> jobs = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();

    public EventLanding(Construct scope, String id, EventLandingProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String env = props.defaults().environment();
        Asset jar = Asset.Builder.create(this, "JobJar").path(props.code().jar().toString()).build();
        Asset script = Asset.Builder.create(this, "EntryScript").path(props.code().entryScript().toString()).build();
        CfnDatabase database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(stack.getAccount())
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(EventTable.EVENTS_DATABASE)
                        .description("Events landed from Kafka (Iceberg tables, docs/events.md)")
                        .build())
                .build();
        // The database outlives a stack deletion where data is retained: its tables point at the lake's files.
        database.applyRemovalPolicy(props.defaults().removalPolicy());
        SecurityGroup sg = SecurityGroup.Builder.create(this, "ConnectionSecurityGroup")
                .vpc(props.vpc())
                .description("Glue workers landing events from MSK")
                .allowAllOutbound(false)
                .build();
        sg.addIngressRule(sg, Port.allTcp(), "Glue workers of the same job");
        sg.addEgressRule(sg, Port.allTcp(), "Glue workers of the same job");
        sg.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "S3, Glue, Secrets Manager, CloudWatch and KMS over HTTPS");
        props.cluster().admit(sg, "events landing jobs");
        ISubnet subnet = props.vpc().selectSubnets(SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnets().get(0);
        CfnConnection connection = CfnConnection.Builder.create(this, "Connection")
                .catalogId(stack.getAccount())
                .connectionInput(CfnConnection.ConnectionInputProperty.builder()
                        .name("udong-" + env + "-events-msk")
                        .description("The MSK cluster's subnets for the events landing jobs")
                        .connectionType("NETWORK")
                        .physicalConnectionRequirements(CfnConnection.PhysicalConnectionRequirementsProperty.builder()
                                .subnetId(subnet.getSubnetId())
                                .availabilityZone(subnet.getAvailabilityZone())
                                .securityGroupIdList(List.of(sg.getSecurityGroupId()))
                                .build())
                        .build())
                .build();
        Acknowledge.cloudFormationRule(connection, "W3010", PlatformVpc.EXPLICIT_ZONES);

        for (EventTable table : props.tables()) {
            CfnJob job = job(table, props, jar, script, connection, env);
            job.getNode().addDependency(database);
            jobs.put(table.table(), job);
            CfnTrigger.Builder.create(this, "Schedule-" + table.table())
                    .name("udong-" + env + "-events-" + table.table())
                    .description("Starts the events landing job of " + table.table() + " on " + EventSchedules.cron(table))
                    .type("SCHEDULED")
                    .schedule(EventSchedules.cron(table))
                    .startOnCreation(true)
                    .actions(List.of(CfnTrigger.ActionProperty.builder().jobName(job.getRef()).build()))
                    .build();
            addAlarms(table, env, props);
        }
        Acknowledge.awsSolutionsInStack(stack, "GL1", GlueIngestion.GLUE_SECURITY_REASON, null);
        Acknowledge.awsSolutionsInStack(stack, "GL3", GlueIngestion.GLUE_SECURITY_REASON, null);
        Rule.Builder.create(this, "JobFailed")
                .description("An events landing run failed, timed out or errored (a retention gap fails a run)")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Job State Change"))
                        .detail(Map.of("jobName", List.of(Map.of("prefix", Names.eventJobNamePrefix(env))),
                                "state", List.of("FAILED", "TIMEOUT", "ERROR")))
                        .build())
                .targets(List.of(new SnsTopic(props.defaults().alarmTopic())))
                .build();
    }

    private CfnJob job(EventTable table, EventLandingProps props, Asset jar, Asset script, CfnConnection connection,
                       String env) {
        Stack stack = Stack.of(this);
        Role role = role(table, props, jar, script);
        Role optimizer = optimizerRole(table, props);
        optimizer.grantPassRole(role);
        IBucket curated = props.lake().bucket(LakeZone.CURATED);
        IBucket raw = props.lake().bucket(LakeZone.RAW);
        IBucket quarantine = props.lake().bucket(LakeZone.QUARANTINE);
        String warehouse = "s3://" + curated.getBucketName() + "/events/";
        String catalog = "spark.sql.catalog." + EventJobArgs.DEFAULT_CATALOG;
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--job-language", "scala");
        args.put("--class", EventJobArgs.JOB_CLASS);
        args.put("--extra-jars", jar.getS3ObjectUrl());
        args.put("--datalake-formats", "iceberg");
        // Glue takes one --conf; further settings follow inside its value.
        args.put("--conf", String.join(" --conf ",
                "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
                catalog + "=org.apache.iceberg.spark.SparkCatalog",
                catalog + ".catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog",
                catalog + ".io-impl=org.apache.iceberg.aws.s3.S3FileIO",
                catalog + ".warehouse=" + warehouse));
        args.put("--job-bookmark-option", "job-bookmark-disable");
        args.put("--enable-metrics", "true");
        args.put("--enable-continuous-cloudwatch-log", "true");
        args.put(EventJobArgs.EVENT_TABLE, EventTables.toJson(table));
        args.put(EventJobArgs.BOOTSTRAP_SERVERS, props.cluster().bootstrapServers());
        args.put(EventJobArgs.CHECKPOINT_LOCATION, "s3://" + raw.getBucketName() + "/" + Names.eventCheckpointPrefix(table.table()));
        args.put(EventJobArgs.QUARANTINE_LOCATION, "s3://" + quarantine.getBucketName() + "/"
                + Names.eventQuarantinePrefix(table.table()));
        args.put(EventJobArgs.TABLE_LOCATION, "s3://" + curated.getBucketName() + "/" + Names.eventTablePrefix(table.table()));
        args.put(EventJobArgs.ENVIRONMENT, env);
        args.put(EventJobArgs.OPTIMIZER_ROLE, optimizer.getRoleArn());
        args.put(EventJobArgs.CATALOG_ID, stack.getAccount());
        args.put(GlueJobArgs.HMAC_SECRET, Names.hashingKeySecretName(env));
        args.put(GlueJobArgs.REGION, stack.getRegion());
        boolean continuous = table.run() == EventRunMode.CONTINUOUS;
        CfnJob.Builder job = CfnJob.Builder.create(this, "Job-" + table.table())
                .name(Names.eventJobName(env, table.table()))
                .description("Lands topic " + table.topic() + " in events." + table.table() + " (" + table.run().id() + ")")
                .role(role.getRoleArn())
                .glueVersion(GLUE_VERSION)
                .command(CfnJob.JobCommandProperty.builder()
                        .name(continuous ? "gluestreaming" : "glueetl")
                        .scriptLocation(script.getS3ObjectUrl())
                        .build())
                // A streaming job may run on quarter-DPU workers, a batch job not: always on at 0.5 DPU costs less
                // than 2 DPU starting every few minutes (docs/events.md, Cost).
                .workerType(continuous ? "G.025X" : "G.1X")
                .numberOfWorkers(2)
                .maxRetries(0)
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(1).build())
                .connections(CfnJob.ConnectionsListProperty.builder().connections(List.of(connection.getRef())).build())
                .securityConfiguration(props.securityConfiguration())
                .defaultArguments(args);
        if (!continuous) {
            job.timeout(SCHEDULED_TIMEOUT_MINUTES);
        }
        CfnJob built = job.build();
        // bin/cost's estimate: a scheduled run is mostly start-up; a continuous job runs the whole interval.
        Tags.of(built).add(TemplateCosts.EXPECTED_MINUTES_TAG, String.valueOf(continuous
                ? EventSchedules.CONTINUOUS_RESTART_MINUTES : EXPECTED_SCHEDULED_RUN_MINUTES));
        return built;
    }

    private Role role(EventTable table, EventLandingProps props, Asset jar, Asset script) {
        Stack stack = Stack.of(this);
        Role role = Role.Builder.create(this, "JobRole-" + table.table())
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Runs the events landing job of " + table.table() + " (" + props.defaults().environment() + ")")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSGlueServiceRole")))
                .build();
        roles.put(table.table(), role);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey()),
                        script.getBucket().arnForObjects(script.getS3ObjectKey())))
                .build());
        String t = table.table();
        IBucket curated = props.lake().bucket(LakeZone.CURATED);
        IBucket raw = props.lake().bucket(LakeZone.RAW);
        IBucket quarantine = props.lake().bucket(LakeZone.QUARANTINE);
        for (var place : List.of(Map.entry(curated, Names.eventTablePrefix(t)), Map.entry(raw, Names.eventCheckpointPrefix(t)),
                Map.entry(quarantine, Names.eventQuarantinePrefix(t)))) {
            ObjectAccess.grantRead(role, place.getKey(), place.getValue() + "*");
            ObjectAccess.grantMultipartPut(role, place.getKey(), place.getValue() + "*");
            ObjectAccess.grantDelete(role, place.getKey(), place.getValue() + "*");
        }
        SecretAccess.grantRead(role, props.lake().hashingKey(), props.lake().key());
        props.lake().key().grant(role, "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey");
        String cluster = props.cluster().clusterArn();
        String topicArn = props.cluster().topicArn(table.topic());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster")).resources(List.of(cluster)).build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData")).resources(List.of(topicArn)).build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"))
                .resources(List.of(props.cluster().groupArn(EventJobArgs.CONSUMER_GROUP_PREFIX + t + "*")))
                .build());
        String arn = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable",
                        "glue:CreateTableOptimizer"))
                .resources(List.of(arn + ":catalog", arn + ":database/" + EventTable.EVENTS_DATABASE,
                        arn + ":table/" + EventTable.EVENTS_DATABASE + "/" + t))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", EventJobArgs.METRICS_NAMESPACE)))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:AssociateKmsKey"))
                .resources(List.of("arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":log-group:/aws-glue/*"))
                .build());
        Acknowledge.awsSolutionsMatching(role, "IAM5", "Resource wildcards only: the objects under this table's own "
                + "curated, checkpoint and quarantine prefixes; the MSK topic and consumer-group ARNs, whose wildcard stands "
                + "for the cluster's UUID; CloudWatch metric data, which has no resource ARN and is held to the "
                + EventJobArgs.METRICS_NAMESPACE + " namespace by a condition; the /aws-glue/ log groups Glue names per run; "
                + "and CDK's KMS grant actions on the one lake key.", List.of(
                "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*Zone[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                "^Resource::arn:<AWS::Partition>:kafka:.*:(topic|group)/.*$",
                "^Resource::\\*$",
                "^Resource::arn:<AWS::Partition>:logs:.*:log-group:/aws-glue/\\*$",
                "^Action::kms:(GenerateDataKey|ReEncrypt)\\*$"));
        Acknowledge.awsSolutions(role, "IAM4", "AWSGlueServiceRole is the documented base policy of a Glue job "
                + "role (its own logs, metrics and network interfaces).",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSGlueServiceRole"));
        return role;
    }

    /**
     * The role Glue's table optimizers run as for one table (compaction, snapshot retention,
     * orphan-file deletion): the table's files and its catalog entry, nothing else.
     */
    private Role optimizerRole(EventTable table, EventLandingProps props) {
        Stack stack = Stack.of(this);
        String t = table.table();
        Role role = Role.Builder.create(this, "OptimizerRole-" + t)
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Compacts and expires the snapshots of events." + t + " (" + props.defaults().environment() + ")")
                .build();
        IBucket curated = props.lake().bucket(LakeZone.CURATED);
        ObjectAccess.grantRead(role, curated, Names.eventTablePrefix(t) + "*");
        ObjectAccess.grantMultipartPut(role, curated, Names.eventTablePrefix(t) + "*");
        ObjectAccess.grantDelete(role, curated, Names.eventTablePrefix(t) + "*");
        props.lake().key().grant(role, "kms:Decrypt", "kms:GenerateDataKey");
        String arn = "arn:" + stack.getPartition() + ":glue:" + stack.getRegion() + ":" + stack.getAccount();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetTable", "glue:UpdateTable"))
                .resources(List.of(arn + ":catalog", arn + ":database/" + EventTable.EVENTS_DATABASE,
                        arn + ":table/" + EventTable.EVENTS_DATABASE + "/" + t))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of("arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":log-group:/aws-glue/iceberg-*"))
                .build());
        Acknowledge.awsSolutionsMatching(role, "IAM5", "Resource wildcards only: the objects under this table's own "
                + "curated prefix, which compaction rewrites and expiry deletes, and the /aws-glue/iceberg-* log groups Glue's "
                + "optimizers write.", List.of(
                "^Resource::<?[A-Za-z0-9-]*:?[A-Za-z]*Zone[A-Za-z0-9]*\\.?Arn[A-Za-z0-9]*>?/.*\\*$",
                "^Resource::arn:<AWS::Partition>:logs:.*:log-group:/aws-glue/iceberg-\\*$"));
        return role;
    }

    private void addAlarms(EventTable table, String env, EventLandingProps props) {
        Map<String, String> dimensions = Map.of(EventJobArgs.ENVIRONMENT_DIMENSION, env,
                EventJobArgs.TABLE_DIMENSION, table.table());
        Alarms.onAnyOccurrence(this, "Quarantined-" + table.table(), "Records of topic " + table.topic()
                        + " could not land in events." + table.table() + " and are in the quarantine zone with their reason",
                Metric.Builder.create().namespace(EventJobArgs.METRICS_NAMESPACE).metricName(EventJobArgs.RECORDS_QUARANTINED)
                        .dimensionsMap(dimensions).statistic("Sum").period(Duration.minutes(5)).build(),
                props.defaults().alarmTopic());
        // Missing points breach: a job that no longer runs leaves the table behind its topic. One point per
        // run, so the period is the schedule's (a continuous job reports every few seconds).
        int period = table.run() == EventRunMode.CONTINUOUS ? 5 : Math.max(5, table.everyMinutes());
        int periods = Math.max(2, (table.lagAlarmMinutes() + period - 1) / period);
        Alarm lag = Alarm.Builder.create(this, "Lag-" + table.table())
                .alarmDescription("events." + table.table() + " stays more than " + table.lagAlarmMinutes()
                        + " minutes behind topic " + table.topic() + " (or its job stopped reporting)")
                .metric(Metric.Builder.create().namespace(EventJobArgs.METRICS_NAMESPACE).metricName(EventJobArgs.LAG_SECONDS)
                        .dimensionsMap(dimensions).statistic("Maximum").period(Duration.minutes(period)).build())
                .threshold(table.lagAlarmMinutes() * 60)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        lag.addAlarmAction(new SnsAction(props.defaults().alarmTopic()));
    }

    /** Jobs by table name. */
    public Map<String, CfnJob> jobs() {
        return java.util.Collections.unmodifiableMap(jobs);
    }

    /** Job roles by table name. */
    public Map<String, Role> roles() {
        return java.util.Collections.unmodifiableMap(roles);
    }
}
