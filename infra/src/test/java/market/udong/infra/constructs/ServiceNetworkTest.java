package market.udong.infra.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.udong.core.config.ConfigError;
import market.udong.core.config.ConfigException;
import market.udong.core.config.ConfigLoader;
import market.udong.infra.EnvironmentStacks;
import market.udong.infra.TestApps;
import market.udong.infra.UdongApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The network to the service databases: a source whose primary the platform reaches into (DMS on
 * a PostgreSQL or Aurora primary, Aurora readers) names a connection of its environment, which
 * the Network stack builds (VPC peering with routes both ways, or a transit gateway attachment);
 * rules crossing it name the other side's group over peering and its CIDR over a transit gateway.
 * Bad network config is a config error naming the file and the field.
 */
class ServiceNetworkTest {

    @TempDir
    Path dir;

    /** Appends {@code entries} (YAML list items) to {@code network.connections} of an environment file. */
    static void addConnection(Path environment, String entries) throws IOException {
        String yaml = Files.readString(environment);
        int natLine = yaml.indexOf("  natGateways:");
        int end = yaml.indexOf('\n', natLine) + 1;
        Files.writeString(environment, yaml.substring(0, end) + "  connections:\n" + entries + yaml.substring(end));
    }

    /** The fixture with a PostgreSQL ledger source whose DMS tables are read at its prod primary. */
    private Path withLedger(String prodNetworkLine) throws IOException {
        AuroraReplicasTest.copy(TestApps.CONFIG, dir);
        Files.writeString(dir.resolve("sources/ledger.yaml"), """
                kind: Source
                name: ledger
                engine: postgres
                primaries:
                  staging:
                    instanceIdentifier: ledger-staging
                    endpoint: ledger-staging.cabcdefghijk.ap-northeast-2.rds.amazonaws.com
                    securityGroupId: sg-0a1b2c3d4e5f60009
                    secretArn: arn:aws:secretsmanager:ap-northeast-2:222222222222:secret:ledger/admin-AbCdEf
                    network: ledger-vpc
                  prod:
                    instanceIdentifier: ledger-prod
                    endpoint: ledger-prod.cabcdefghijk.ap-northeast-2.rds.amazonaws.com
                    securityGroupId: sg-0a1b2c3d4e5f6000a
                    secretArn: arn:aws:secretsmanager:ap-northeast-2:333333333333:secret:ledger/admin-AbCdEf
                """ + prodNetworkLine + """
                replicas:
                  count: 1
                  instanceClass: db.t4g.medium
                tables:
                  - database: ledger.public
                    name: entries
                    ingestion: dms
                    columns:
                      entry_id: keep
                      amount: keep
                """);
        addConnection(dir.resolve("environments/staging.yaml"),
                "    - { name: ledger-vpc, vpcId: vpc-0a1b2c3d4e5f60009, cidr: 10.91.0.0/16, peerRouteTableIds: [rtb-0a1b2c3d4e5f60009] }\n");
        addConnection(dir.resolve("environments/prod.yaml"),
                "    - { name: ledger-vpc, vpcId: vpc-0a1b2c3d4e5f6000a, cidr: 10.92.0.0/16, transitGatewayId: tgw-0a1b2c3d4e5f6000a }\n");
        return dir;
    }

    @Test
    void peering_hasRoutesBothWays_andTheRulesNameTheOtherSidesGroup() throws IOException {
        // GIVEN staging peers the ledger VPC
        EnvironmentStacks staging = UdongApp.build(new App(), withLedger("    network: ledger-vpc\n"), List.of("staging")).get(0);
        Template network = Template.fromStack(staging.network());
        // THEN a peering connection, a route in each of the three private subnets, and the route back
        network.hasResourceProperties("AWS::EC2::VPCPeeringConnection", Map.of("PeerVpcId", "vpc-0a1b2c3d4e5f60009"));
        assertEquals(3, network.findResources("AWS::EC2::Route", Map.of("Properties", Map.of(
                "DestinationCidrBlock", "10.91.0.0/16"))).size());
        network.hasResourceProperties("AWS::EC2::Route", Map.of("RouteTableId", "rtb-0a1b2c3d4e5f60009",
                "DestinationCidrBlock", "10.20.0.0/16", "VpcPeeringConnectionId", Match.anyValue()));
        // AND DMS reaches the primary's group by its id, both ways
        Template ledger = Template.fromStack(staging.source("ledger").orElseThrow());
        ledger.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of("GroupId", "sg-0a1b2c3d4e5f60009",
                "FromPort", 5432, "SourceSecurityGroupId", Match.anyValue()));
        ledger.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of("DestinationSecurityGroupId", "sg-0a1b2c3d4e5f60009",
                "FromPort", 5432));
    }

    @Test
    void transitGateway_attachesThePrivateSubnets_andTheRulesNameCidrs() throws IOException {
        EnvironmentStacks prod = UdongApp.build(new App(), withLedger("    network: ledger-vpc\n"), List.of("prod")).get(0);
        Template network = Template.fromStack(prod.network());
        network.hasResourceProperties("AWS::EC2::TransitGatewayVpcAttachment", Map.of("TransitGatewayId", "tgw-0a1b2c3d4e5f6000a"));
        Map<String, Map<String, Object>> routes = network.findResources("AWS::EC2::Route", Map.of("Properties", Map.of(
                "DestinationCidrBlock", "10.92.0.0/16", "TransitGatewayId", "tgw-0a1b2c3d4e5f6000a")));
        assertEquals(3, routes.size());
        // A route to a transit gateway waits for the attachment.
        routes.values().forEach(r -> assertTrue(String.valueOf(r.get("DependsOn")).contains("Attachment"), r.toString()));
        Template ledger = Template.fromStack(prod.source("ledger").orElseThrow());
        ledger.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of("GroupId", "sg-0a1b2c3d4e5f6000a",
                "FromPort", 5432, "CidrIp", "10.30.0.0/16"));
        ledger.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of("CidrIp", "10.92.0.0/16", "FromPort", 5432));
    }

    private static ConfigError refused(Path config, String env, String file, String path, String... parts) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(config, env));
        return e.errors().stream().filter(x -> x.file().equals(file) && x.path().equals(path)
                && java.util.Arrays.stream(parts).allMatch(x.reason()::contains)).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": " + path + " " + List.of(parts) + " not in " + e.errors()));
    }

    @Test
    void aPrimaryTheDmsReads_withoutAConnection_isAConfigError() throws IOException {
        refused(withLedger(""), "prod", "sources/ledger.yaml", "primaries.prod.network",
                "is required: DMS reads this postgres primary", "network.connections: ledger-vpc");
    }

    @Test
    void anUnknownConnection_anOverlappingCidr_andRoutesInAnotherAccount_areConfigErrors() throws IOException {
        Path config = withLedger("    network: ledger-vcp\n");
        refused(config, "prod", "sources/ledger.yaml", "primaries.prod.network", "names connection 'ledger-vcp'",
                "did you mean 'ledger-vpc'?");
        Path prod = config.resolve("environments/prod.yaml");
        Files.writeString(prod, Files.readString(prod).replace("cidr: 10.92.0.0/16", "cidr: 10.30.128.0/17"));
        refused(config, "prod", "environments/prod.yaml", "network.connections[0].cidr", "overlaps the platform's VPC");
        Path staging = config.resolve("environments/staging.yaml");
        Files.writeString(staging, Files.readString(staging).replace("cidr: 10.91.0.0/16,",
                "cidr: 10.91.0.0/16, peerAccount: \"444444444444\","));
        refused(config, "staging", "environments/staging.yaml", "network.connections[0].peerRouteTableIds",
                "account 444444444444", "cannot add routes");
    }
}
