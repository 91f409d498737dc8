package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.EventRunMode;
import market.udong.core.config.EventTables;
import market.udong.core.config.StreamsConfig;
import market.udong.core.naming.EventJobArgs;
import market.udong.core.naming.Names;
import market.udong.core.streams.BrokerSizing;
import market.udong.core.streams.EventSchedules;
import market.udong.core.streams.ShardSizing;
import market.udong.core.streams.TopicSpec;
import market.udong.infra.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StreamingStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).streaming());
    }

    private static StreamsConfig.KinesisStream appEvents(String env) {
        return TestApps.config(env).streams().get(0).kinesis().get(0);
    }

    @Test
    void kinesisStream_getsShardsDerivedFromItsPeakLoad_andIsKmsEncrypted() {
        StreamsConfig.KinesisStream s = appEvents("prod");
        // 3,000 records/s and 2,000,000 bytes/s at prod's full load, × 1.5 headroom: max(ceil(4.5), ceil(2.86)) → 5
        assertEquals(5, ShardSizing.provisionedShards(s, TestApps.config("prod").environment().streaming()));
        template("prod").hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "Name", "udong-prod-app-events",
                "ShardCount", 5,
                "RetentionPeriodHours", s.retentionHours(),
                "StreamModeDetails", Map.of("StreamMode", "PROVISIONED"),
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", Match.anyValue())));
    }

    @Test
    void devStream_isSizedFromDevsShareOfTheLoad_andKeepsEventsADay() {
        // loadShare 0.01: 30 records/s and 20,000 bytes/s → one shard; maxRetentionHours 24 caps the configured 48
        assertEquals(48, appEvents("dev").retentionHours());
        template("dev").hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "Name", "udong-dev-app-events", "ShardCount", 1, "RetentionPeriodHours", 24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void mskCluster_isSizedByBrokerSizing_aMultipleOfTheAzCount(String env) {
        var config = TestApps.config(env);
        EnvironmentConfig e = config.environment();
        BrokerSizing.Plan plan = BrokerSizing.plan(e.streaming(), e.network().maxAzs(), config.streams());
        assertEquals(0, plan.brokers() % e.network().maxAzs());
        template(env).hasResourceProperties("AWS::MSK::Cluster", Map.of(
                "NumberOfBrokerNodes", plan.brokers(),
                "KafkaVersion", e.streaming().msk().kafkaVersion(),
                "BrokerNodeGroupInfo", Match.objectLike(Map.of(
                        "InstanceType", plan.instanceType(),
                        "StorageInfo", Map.of("EBSStorageInfo", Map.of("VolumeSize", plan.volumeGiB()))))));
    }

    @Test
    void prodMsk_isSizedFromItsConfiguredPeak_notTenTimesIt() {
        // 2,000,000 bytes/s relayed + 500,000 bytes/s of server events, × 1.5 → 3.75 MB/s: three m7g.large brokers
        // (10 MB/s each, one per AZ); storage 30 % of peak for 168 h × RF 3 / 3 brokers × 1.5 = 634 GiB → 640
        template("prod").hasResourceProperties("AWS::MSK::Cluster", Map.of(
                "NumberOfBrokerNodes", 3,
                "BrokerNodeGroupInfo", Match.objectLike(Map.of(
                        "InstanceType", "kafka.m7g.large",
                        "StorageInfo", Map.of("EBSStorageInfo", Map.of("VolumeSize", 640))))));
    }

    @Test
    void mskCluster_acceptsOnlyIamOverTls_andEncryptsAtRest_andLogsBrokers() {
        template("dev").hasResourceProperties("AWS::MSK::Cluster", Map.of(
                "ClientAuthentication", Map.of(
                        "Sasl", Map.of("Iam", Map.of("Enabled", true)),
                        "Unauthenticated", Map.of("Enabled", false)),
                "EncryptionInfo", Map.of(
                        "EncryptionAtRest", Map.of("DataVolumeKMSKeyId", Match.anyValue()),
                        "EncryptionInTransit", Map.of("ClientBroker", "TLS", "InCluster", true)),
                "LoggingInfo", Map.of("BrokerLogs", Map.of("CloudWatchLogs", Match.objectLike(Map.of("Enabled", true))))));
    }

    @Test
    void brokerSecurityGroup_admitsOnlyTheRelayTheProvisionerAndTheEventsJobs_onTheIamPort() {
        Map<String, Map<String, Object>> ingress = template("dev").findResources("AWS::EC2::SecurityGroupIngress",
                Map.of("Properties", Map.of("FromPort", 9098, "ToPort", 9098)));
        assertEquals(3, ingress.size(), ingress.toString());
        ingress.values().forEach(r -> assertTrue(((Map<?, ?>) r.get("Properties")).containsKey("SourceSecurityGroupId"),
                "admitted by security group, never by CIDR: " + r));
    }

    @Test
    void relayMapping_bisects_reportsItemFailures_retriesBounded_andKeepsFailures() {
        EnvironmentConfig.RelayTuning tuning = TestApps.config("dev").environment().streaming().relay();
        template("dev").hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", tuning.batchSize(),
                "MaximumBatchingWindowInSeconds", tuning.batchingWindowSeconds(),
                "ParallelizationFactor", tuning.parallelizationFactor(),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", tuning.maximumRetryAttempts(),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "StartingPosition", "TRIM_HORIZON",
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue()))));
    }

    @Test
    void relayMapping_withoutRelaySettings_takesTheDocumentedDefaults_oneShardSecondAndFactorTwo() {
        // staging's config names no relay settings (docs/relay.md: batches of 1000, factor 2)
        template("staging").hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", 1000, "MaximumBatchingWindowInSeconds", 1, "ParallelizationFactor", 2));
    }

    @Test
    void relayFunction_writesWithIamToItsTopicOnly_andIsCappedAtShardsTimesParallelism() {
        Template t = template("dev");
        t.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "market.udong.lambdas.relay.KinesisToKafkaHandler::handleRequest",
                // dev's stream is sized from dev's share of the load (streaming.loadShare): one shard
                "ReservedConcurrentExecutions", devShards() * TestApps.config("dev").environment().streaming().relay().parallelizationFactor(),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "UDONG_RELAY_TOPIC", "client.app-events",
                        "UDONG_KAFKA_AUTH", "iam")))));
        String policies = t.findResources("AWS::IAM::Policy").toString();
        assertTrue(policies.contains("kafka-cluster:WriteData"), policies);
        assertTrue(policies.contains(":topic/udong-dev-events/*/client.app-events"), policies);
        assertTrue(policies.contains("kafka-cluster:WriteDataIdempotently"), policies);
    }

    @Test
    void relay_alarmsOnRecordsInItsFailureQueue_andOnFallingBehindItsStream() {
        Template t = template("prod");
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("Relayappevents.*Failures.*"), "QueueName")))),
                "Threshold", 1,
                "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Monitoring:.*Alarms.*")))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "IteratorAge", "Statistic", "Maximum",
                "Threshold", 30 * 60 * 1000, "EvaluationPeriods", 3,
                "AlarmActions", List.of(Map.of("Fn::ImportValue", Match.stringLikeRegexp("Udong-Prod-Monitoring:.*Alarms.*")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyBroker_alarmsBeforeItsDataVolumeFills(String env) {
        Template t = template(env);
        int brokers = t.findResources("AWS::MSK::Cluster").values().stream()
                .mapToInt(r -> ((Number) ((Map<?, ?>) r.get("Properties")).get("NumberOfBrokerNodes")).intValue())
                .sum();
        Map<String, Map<String, Object>> alarms = t.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "Namespace", "AWS/Kafka", "MetricName", "KafkaDataLogsDiskUsed", "Threshold", 80)));
        assertEquals(brokers, alarms.size(), "one disk alarm per broker");
        for (int broker = 1; broker <= brokers; broker++) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "KafkaDataLogsDiskUsed",
                    "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Broker ID", "Value", String.valueOf(broker))))));
        }
    }

    @Test
    void topics_areCreatedFromConfig_withReplicationCappedAtTheBrokerCount() {
        Map<String, Map<String, Object>> resources = template("dev").findResources("Custom::KafkaTopics");
        assertEquals(1, resources.size());
        String json = (String) ((Map<?, ?>) resources.values().iterator().next().get("Properties")).get("Topics");
        List<TopicSpec> topics = TopicSpec.fromJson(json);
        assertEquals(List.of("client.app-events", "server.order-events"), topics.stream().map(TopicSpec::name).toList());
        int brokers = devBrokerPlan().brokers();
        assertEquals(TestApps.config("dev").environment().network().maxAzs(), brokers, "dev's load needs one broker per AZ");
        topics.forEach(t -> assertEquals(Math.min(3, brokers), t.replicationFactor(), t.toString()));
        assertEquals(12, topics.get(0).partitions());
    }

    private static int devShards() {
        EnvironmentConfig.Streaming streaming = TestApps.config("dev").environment().streaming();
        StreamsConfig.KinesisStream appEvents = TestApps.config("dev").streams().stream()
                .flatMap(f -> f.kinesis().stream()).filter(k -> k.name().equals("app-events")).findFirst().orElseThrow();
        int shards = ShardSizing.provisionedShards(appEvents, streaming);
        assertEquals(1, shards, "1 % of 3000 records and 2 MB per second fits one shard");
        return shards;
    }

    private static BrokerSizing.Plan devBrokerPlan() {
        var config = TestApps.config("dev");
        return BrokerSizing.plan(config.environment().streaming(), config.environment().network().maxAzs(), config.streams());
    }

    // ---- events landing ----

    @Test
    void eachEventTable_getsAGlueIcebergJob_readingItsTopic_oneRunAtATime_onItsSchedule() throws Exception {
        Template t = template("dev");
        StreamsConfig.EventTable app = TestApps.config("dev").streams().get(0).events().get(0);
        t.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of(
                "Name", Names.eventJobName("dev", "app_events"),
                "GlueVersion", "5.0",
                "Command", Match.objectLike(Map.of("Name", "glueetl")),
                "ExecutionProperty", Map.of("MaxConcurrentRuns", 1),
                "SecurityConfiguration", Match.anyValue(),
                "DefaultArguments", Match.objectLike(Map.of(
                        "--class", EventJobArgs.JOB_CLASS,
                        "--datalake-formats", "iceberg",
                        "--conf", Match.anyValue(),
                        EventJobArgs.EVENT_TABLE, EventTables.toJson(app),
                        EventJobArgs.ENVIRONMENT, "dev")))));
        String conf = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(t.findResources("AWS::Glue::Job",
                Map.of("Properties", Map.of("Name", Names.eventJobName("dev", "app_events")))));
        for (String setting : List.of("spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
                "spark.sql.catalog.glue_catalog.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog",
                "spark.sql.catalog.glue_catalog.io-impl=org.apache.iceberg.aws.s3.S3FileIO")) {
            assertTrue(conf.contains(setting), setting + " in " + conf);
        }
        // The job's arguments carry the table's config as the job reads it back.
        assertEquals(app, EventTables.fromJson(EventTables.toJson(app)));
        t.hasResourceProperties("AWS::Glue::Trigger", Map.of(
                "Type", "SCHEDULED", "Schedule", "cron(0/5 * * * ? *)", "StartOnCreation", true,
                "Name", "udong-dev-events-app_events", "Actions", List.of(Map.of("JobName", Match.anyValue()))));
        t.hasResourceProperties("AWS::Glue::Connection", Map.of("ConnectionInput", Match.objectLike(Map.of(
                "ConnectionType", "NETWORK", "Name", "udong-dev-events-msk"))));
        t.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "events"))));
        // The MSK cluster admits the jobs' security group on the IAM/TLS port.
        t.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "FromPort", 9098, "ToPort", 9098, "Description", "events landing jobs")));
    }

    @Test
    void eventTables_alarmOnAnyQuarantinedRecord_onLagAboveTheirBound_andOnFailedRuns() {
        Template t = template("dev");
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", EventJobArgs.METRICS_NAMESPACE, "MetricName", EventJobArgs.RECORDS_QUARANTINED,
                "Threshold", 1, "TreatMissingData", "notBreaching")));
        // lagAlarmMinutes 30 at one point per 5-minute run: 6 periods above 1,800 s; a job that stops reporting breaches.
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", EventJobArgs.METRICS_NAMESPACE, "MetricName", EventJobArgs.LAG_SECONDS,
                "Threshold", 1800, "EvaluationPeriods", 6, "Period", 300, "TreatMissingData", "breaching")));
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("EventPattern", Match.objectLike(Map.of(
                "source", List.of("aws.glue"),
                "detail", Map.of("jobName", List.of(Map.of("prefix", Names.eventJobNamePrefix("dev"))),
                        "state", List.of("FAILED", "TIMEOUT", "ERROR")))))));
    }

    @Test
    void aContinuousEventTable_runsAsAStreamingJobWithoutTimeout_restartedIfItStops() {
        assertEquals("cron(0/15 * * * ? *)", EventSchedules.cron(new StreamsConfig.EventTable("t", "x", "id", "at",
                EventRunMode.CONTINUOUS, null, null, null, List.of())));
        assertEquals("cron(0 0/2 * * ? *)", EventSchedules.cron(new StreamsConfig.EventTable("t", "x", "id", "at",
                EventRunMode.SCHEDULED, 120, null, null, List.of())));
    }
}
