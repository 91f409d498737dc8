package market.udong.infra.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import market.udong.core.config.EnvironmentConfig;
import market.udong.infra.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.stacks(env).network());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void vpc_usesConfiguredCidr_andSpansConfiguredAzs(String env) {
        EnvironmentConfig.Network network = TestApps.config(env).environment().network();
        Template t = template(env);
        t.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", network.vpcCidr()));
        // public, private and isolated subnet in every AZ
        t.resourceCountIs("AWS::EC2::Subnet", 3 * network.maxAzs());
        Map<String, Map<String, Object>> subnets = t.findResources("AWS::EC2::Subnet");
        long azs = subnets.values().stream()
                .map(r -> ((Map<?, ?>) r.get("Properties")).get("AvailabilityZone"))
                .distinct().count();
        assertEquals(network.maxAzs(), azs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void natGateways_matchConfig(String env) {
        EnvironmentConfig.Network network = TestApps.config(env).environment().network();
        Template t = template(env);
        if (network.natInstanceType() == null) {
            t.resourceCountIs("AWS::EC2::NatGateway", network.natGateways());
            return;
        }
        // dev: NAT instances of the configured type, one per configured NAT, each with an Elastic IP
        t.resourceCountIs("AWS::EC2::NatGateway", 0);
        Map<String, Map<String, Object>> nats = t.findResources("AWS::EC2::Instance", Map.of("Properties", Map.of(
                "InstanceType", network.natInstanceType(), "SourceDestCheck", false)));
        assertEquals(network.natGateways(), nats.size());
        t.resourceCountIs("AWS::EC2::EIP", network.natGateways());
        // every private subnet's default route goes through a NAT instance
        Map<String, Map<String, Object>> routes = t.findResources("AWS::EC2::Route", Map.of("Properties", Map.of(
                "DestinationCidrBlock", "0.0.0.0/0", "InstanceId", Match.anyValue())));
        assertEquals(network.maxAzs(), routes.size());
    }

    @Test
    void natInstances_requireImdsv2_encryptTheirRoot_andAdmitOnlyHttpsFromTheVpc() {
        Template t = template("dev");
        String cidr = TestApps.config("dev").environment().network().vpcCidr();
        t.hasResourceProperties("AWS::EC2::Instance", Map.of(
                "SourceDestCheck", false,
                "BlockDeviceMappings", List.of(Map.of("DeviceName", "/dev/xvda", "Ebs", Match.objectLike(Map.of(
                        "Encrypted", true, "VolumeType", "gp3"))))));
        // IMDSv2 only: each NAT instance launches from a template that requires session tokens
        Map<String, Map<String, Object>> templates = t.findResources("AWS::EC2::LaunchTemplate", Map.of("Properties",
                Map.of("LaunchTemplateData", Map.of("MetadataOptions", Map.of("HttpTokens", "required", "HttpEndpoint", "enabled")))));
        assertEquals(1, templates.size());
        String templateId = templates.keySet().iterator().next();
        t.hasResourceProperties("AWS::EC2::Instance", Map.of("LaunchTemplate", Map.of(
                "LaunchTemplateId", Map.of("Ref", templateId),
                "Version", Map.of("Fn::GetAtt", List.of(templateId, "LatestVersionNumber")))));
        t.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "NAT instances: HTTPS from the VPC out to AWS APIs and the internet",
                "SecurityGroupIngress", List.of(Map.of("CidrIp", cidr, "FromPort", 443, "ToPort", 443,
                        "IpProtocol", "tcp", "Description", "HTTPS from the VPC subnets"))));
    }

    @Test
    void publicSubnets_doNotAssignPublicIps() {
        Map<String, Map<String, Object>> subnets = template("dev").findResources("AWS::EC2::Subnet");
        subnets.values().forEach(r -> assertEquals(false,
                ((Map<?, ?>) r.get("Properties")).get("MapPublicIpOnLaunch"), "no subnet maps public IPs"));
    }

    @Test
    void flowLogs_captureAllTraffic_toKmsEncryptedLogGroup() {
        Template t = template("dev");
        t.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL", "ResourceType", "VPC",
                "LogDestinationType", "cloud-watch-logs"));
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                "RetentionInDays", TestApps.config("dev").environment().network().flowLogRetentionDays()));
        t.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void s3GatewayEndpoint_isPresent() {
        template("dev").hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "VpcEndpointType", "Gateway",
                "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(Match.stringLikeRegexp(".*s3")))))))));
    }

    @Test
    void interfaceEndpoints_followInterfaceEndpointAzs_devHasNone() {
        assertEquals(0, TestApps.config("dev").environment().network().interfaceEndpointAzs());
        assertEquals(0, template("dev").findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", Map.of("VpcEndpointType", "Interface"))).size());
        // prod keeps its default: an endpoint in every AZ the VPC spans
        EnvironmentConfig.Network prod = TestApps.config("prod").environment().network();
        template("prod").findResources("AWS::EC2::VPCEndpoint",
                        Map.of("Properties", Map.of("VpcEndpointType", "Interface"))).values()
                .forEach(e -> assertEquals(prod.maxAzs(), ((List<?>) ((Map<?, ?>) e.get("Properties")).get("SubnetIds")).size()));
    }

    @Test
    void interfaceEndpoints_coverGlueKinesisSecretsStsKmsLogs_withPrivateDns() {
        Template t = template("prod");
        Map<String, Map<String, Object>> endpoints = t.findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", Map.of("VpcEndpointType", "Interface")));
        assertEquals(6, endpoints.size());
        String region = TestApps.config("prod").environment().region();
        assertEquals(Set.of("glue", "kinesis-streams", "secretsmanager", "sts", "kms", "logs").stream()
                        .map(s -> "com.amazonaws." + region + "." + s).collect(Collectors.toSet()),
                endpoints.values().stream().map(e -> ((Map<?, ?>) e.get("Properties")).get("ServiceName"))
                        .collect(Collectors.toSet()));
        endpoints.values().forEach(e -> assertEquals(true, ((Map<?, ?>) e.get("Properties")).get("PrivateDnsEnabled")));
    }

    @Test
    void endpointSecurityGroup_admitsOnlyHttpsFromTheVpcCidr() {
        String cidr = TestApps.config("dev").environment().network().vpcCidr();
        template("dev").hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "HTTPS from inside the VPC to the AWS service endpoints",
                "SecurityGroupIngress", List.of(Map.of("CidrIp", cidr, "FromPort", 443, "ToPort", 443, "IpProtocol", "tcp"))));
    }

    @Test
    void prodNetwork_isTerminationProtected_andRetainsFlowLogs() {
        assertTrue(TestApps.stacks("prod").network().getTerminationProtection());
        template("prod").hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Retain"));
    }
}
