package market.udong.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worked examples: small templates priced by hand against the Seoul table. */
class TemplateCostsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceTable SEOUL = PriceTable.forRegion("ap-northeast-2");
    private static final LocalDate TODAY = SEOUL.checked();

    private static JsonNode template(String resources) {
        try {
            return JSON.readTree("{\"Resources\": {" + resources.replace('\'', '"') + "}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnvironmentCost cost(String resources) {
        return TemplateCosts.estimate("test", Map.of("Stack", template(resources)), SEOUL, TODAY);
    }

    private static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    private static BigDecimal line(EnvironmentCost cost, String componentStart) {
        return cost.lines().stream().filter(l -> l.component().startsWith(componentStart)).map(CostLine::monthly)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void natGateway_andItsAddress_andInterfaceEndpointsPerAz() {
        EnvironmentCost c = cost("'Nat': {'Type': 'AWS::EC2::NatGateway'}, 'Ip': {'Type': 'AWS::EC2::EIP'},"
                + "'Kms': {'Type': 'AWS::EC2::VPCEndpoint', 'Properties': {'ServiceName': 'com.amazonaws.ap-northeast-2.kms',"
                + "  'VpcEndpointType': 'Interface', 'SubnetIds': ['a', 'b', 'c']}},"
                + "'S3': {'Type': 'AWS::EC2::VPCEndpoint', 'Properties': {'VpcEndpointType': 'Gateway'}}");
        assertEquals(0, usd("43.07").compareTo(line(c, "NAT gateway")));          // 0.059 x 730
        assertEquals(0, usd("3.65").compareTo(line(c, "public IPv4")));           // 0.005 x 730
        assertEquals(0, usd("28.47").compareTo(line(c, "interface endpoint kms"))); // 3 AZs x 0.013 x 730
        assertEquals(0, usd("75.19").compareTo(c.standing()));                    // the gateway endpoint is free
    }

    @Test
    void replicaOfACreatedPrimary_hasItsStorage_andMySql80PaysExtendedSupportPerVcpu() {
        EnvironmentCost c = cost("'Primary': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.t4g.micro',"
                + "  'Engine': 'mysql', 'EngineVersion': '8.0.39', 'AllocatedStorage': '50', 'MultiAZ': true}},"
                + "'Replica': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.r6g.xlarge',"
                + "  'SourceDBInstanceIdentifier': {'Fn::Join': ['', ['arn:aws:rds:ap-northeast-2:1:db:', {'Ref': 'Primary'}]]}}}");
        assertEquals(0, usd("36.50").compareTo(line(c, "RDS db.t4g.micro primary Multi-AZ"))); // 2 x 0.025 x 730
        assertEquals(0, usd("375.22").compareTo(line(c, "RDS db.r6g.xlarge read replica")));    // 0.514 x 730
        assertEquals(0, usd("19.65").compareTo(line(c, "RDS storage")));  // (2 x 50 + 50) GB x 0.131
        // primary 2 x 2 vCPU, replica 4 vCPU: 8 x 0.12 x 730
        assertEquals(0, usd("700.80").compareTo(line(c, "RDS Extended Support")));
    }

    @Test
    void replicaOfAnImportedPrimary_readsItsVersionFromTheTag_orWarns() {
        EnvironmentCost tagged = cost("'Replica': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.t4g.medium',"
                + "  'SourceDBInstanceIdentifier': 'arn:aws:rds:ap-northeast-2:1:db:orders',"
                + "  'Tags': [{'Key': '" + TemplateCosts.ENGINE_VERSION_TAG + "', 'Value': '8.0'}]}}");
        assertEquals(0, usd("175.20").compareTo(line(tagged, "RDS Extended Support"))); // 2 vCPU x 0.12 x 730
        assertTrue(tagged.lines().stream().anyMatch(l -> l.note().contains("assumed 20 GB")));
        EnvironmentCost unknown = cost("'Replica': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.t4g.medium',"
                + "  'SourceDBInstanceIdentifier': 'arn:aws:rds:ap-northeast-2:1:db:orders'}}");
        assertEquals(0, BigDecimal.ZERO.compareTo(line(unknown, "RDS Extended Support")));
        assertTrue(unknown.warnings().stream().anyMatch(w -> w.contains("unknown engine version")), unknown.warnings().toString());
    }

    @Test
    void auroraReaders_payTheAuroraPrice_andNoStorageOfTheirOwn() {
        EnvironmentCost c = cost("'Reader': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.r6g.large',"
                + "  'Engine': 'aurora-mysql', 'DBClusterIdentifier': 'orders'}}");
        assertEquals(0, usd("228.49").compareTo(c.standing())); // 0.313 x 730
    }

    @Test
    void mskBrokers_andTheirStorage_kinesisShards_extendedRetention_andFanOut() {
        EnvironmentCost c = cost("'Kafka': {'Type': 'AWS::MSK::Cluster', 'Properties': {'NumberOfBrokerNodes': 3,"
                + "  'BrokerNodeGroupInfo': {'InstanceType': 'kafka.m7g.large', 'StorageInfo': {'EBSStorageInfo': {'VolumeSize': 640}}}}},"
                + "'Stream': {'Type': 'AWS::Kinesis::Stream', 'Properties': {'ShardCount': 5, 'RetentionPeriodHours': 48}},"
                + "'Efo': {'Type': 'AWS::Kinesis::StreamConsumer', 'Properties': {'StreamARN': {'Fn::GetAtt': ['Stream', 'Arn']}}},"
                + "'OnDemand': {'Type': 'AWS::Kinesis::Stream', 'Properties': {'StreamModeDetails': {'StreamMode': 'ON_DEMAND'}}}");
        assertEquals(0, usd("558.45").compareTo(line(c, "MSK broker kafka"))); // 3 x 0.255 x 730
        assertEquals(0, usd("218.88").compareTo(line(c, "MSK broker storage"))); // 1,920 GB x 0.114
        assertEquals(0, usd("67.53").compareTo(line(c, "Kinesis shard")));      // 5 x 0.0185 x 730
        assertEquals(0, usd("89.79").compareTo(line(c, "Kinesis extended retention")));
        assertEquals(0, usd("67.53").compareTo(line(c, "Kinesis enhanced fan-out")));
        assertEquals(0, usd("35.77").compareTo(line(c, "Kinesis on-demand")));
    }

    @Test
    void fargateService_paysVcpuAndMemoryPerTask() {
        EnvironmentCost c = cost("'Task': {'Type': 'AWS::ECS::TaskDefinition', 'Properties': {'Cpu': '1024', 'Memory': '4096'}},"
                + "'Service': {'Type': 'AWS::ECS::Service', 'Properties': {'DesiredCount': 2, 'TaskDefinition': {'Ref': 'Task'}}},"
                + "'Lb': {'Type': 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Properties': {'Type': 'application'}}");
        assertEquals(0, usd("67.98").compareTo(line(c, "Fargate vCPU")));   // 2 x 1 x 0.04656 x 730
        assertEquals(0, usd("29.84").compareTo(line(c, "Fargate memory"))); // 2 x 4 x 0.00511 x 730
        assertEquals(0, usd("16.43").compareTo(line(c, "application load balancer")));
    }

    @Test
    void glueRuns_areUsage_fromScheduleWorkersAndExpectedMinutes() {
        EnvironmentCost c = cost("'Job': {'Type': 'AWS::Glue::Job', 'Properties': {'Name': 'j', 'WorkerType': 'G.2X',"
                + "  'NumberOfWorkers': 10, 'Tags': {'" + TemplateCosts.EXPECTED_MINUTES_TAG + "': '30'}}},"
                + "'Daily': {'Type': 'AWS::Glue::Trigger', 'Properties': {'Type': 'SCHEDULED', 'Schedule': 'cron(0 18 * * ? *)',"
                + "  'Actions': [{'JobName': {'Ref': 'Job'}}]}}");
        // 30.42 runs x 10 workers x 2 DPU x 0.5 h x 0.44
        assertEquals(0, usd("133.85").compareTo(c.usage()));
        assertEquals(0, BigDecimal.ZERO.compareTo(c.standing()));
    }

    @Test
    void anUnknownType_failsTheEstimate_namingTheTypeAndTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> cost("'Cache': {'Type': 'AWS::ElastiCache::CacheCluster'}"));
        assertTrue(e.getMessage().contains("AWS::ElastiCache::CacheCluster") && e.getMessage().contains("PRICED"), e.getMessage());
    }

    @Test
    void aClassWithoutAPrice_failsTheEstimate_namingTheKey() {
        var e = assertThrows(PriceTable.MissingPriceException.class, () -> cost(
                "'Db': {'Type': 'AWS::RDS::DBInstance', 'Properties': {'DBInstanceClass': 'db.x2g.16xlarge', 'Engine': 'mysql'}}"));
        assertEquals("rds-instance-hour:db.x2g.16xlarge", e.key());
    }

    @Test
    void sameComponents_areSummedIntoOneLine() {
        EnvironmentCost c = cost("'K1': {'Type': 'AWS::KMS::Key'}, 'K2': {'Type': 'AWS::KMS::Key'}, 'A': {'Type': 'AWS::CloudWatch::Alarm'}");
        assertEquals(2, c.lines().size());
        assertEquals(0, usd("2.10").compareTo(c.total()));
    }
}
