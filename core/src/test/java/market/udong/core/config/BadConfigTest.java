package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case breaks a copy of the project's config in one way and expects one precise error:
 * the file, the path inside it, and a reason that says what is allowed.
 */
class BadConfigTest {

    @TempDir
    Path dir;

    /** One edit of one file: replace {@code find} by {@code replace}; a null find writes the whole file. */
    record Edit(String file, String find, String replace) {
        static Edit replace(String file, String find, String replace) {
            return new Edit(file, find, replace);
        }

        static Edit write(String file, String content) {
            return new Edit(file, null, content);
        }

        static Edit delete(String file) {
            return new Edit(file, null, null);
        }
    }

    record Case(String name, String env, List<Edit> edits, String file, String path, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String dev = "environments/dev.yaml";
        String orders = "sources/orders.yaml";
        String meta = "sources/flight-meta.yaml";
        String streams = "streams/client-events.yaml";
        String growth = "teams/growth.yaml";
        String flights = "lake-tables/flight-history.yaml";
        String prodEnv = "environments/prod.yaml";
        String staging = "environments/staging.yaml";
        String moreStreams = "streams/more-events.yaml";
        return Stream.of(
                new Case("wrong type", "dev", List.of(Edit.replace(dev, "maxAzs: 2", "maxAzs: two")),
                        dev, "network.maxAzs", "string found, integer expected"),
                new Case("unknown key with a typo", "dev", List.of(Edit.replace(dev, "natGateways: 1", "natGateway: 1")),
                        dev, "network", "unknown field 'natGateway' (did you mean 'natGateways'?)"),
                new Case("enum typo in environment", "dev", List.of(Edit.replace(dev, "removalPolicy: destroy", "removalPolicy: destory")),
                        dev, "removalPolicy", "'destory' is not allowed (did you mean 'destroy'?); allowed: destroy, retain"),
                new Case("engine typo", "dev", List.of(Edit.replace(orders, "engine: mysql", "engine: mysq")),
                        orders, "engine", "(did you mean 'mysql'?); allowed: mysql, mariadb, postgres, aurora-mysql, aurora-postgres"),
                new Case("column policy typo", "dev", List.of(Edit.replace(orders, "phone: mask_phone", "phone: mask_phon")),
                        orders, "tables[0].columns.phone", "must be keep | drop | hash | mask_email | mask_phone"),
                new Case("truncate unit not allowed", "dev", List.of(Edit.replace(orders, "truncate(year)", "truncate(week)")),
                        orders, "tables[0].columns.birth_date", "truncate(year|month|day|hour)"),
                new Case("missing environment file", "dev", List.of(Edit.delete(dev)),
                        dev, "", "environment 'dev' has no file; known environments: prod, staging"),
                new Case("AZ count out of range", "dev", List.of(Edit.replace(dev, "maxAzs: 2", "maxAzs: 5")),
                        dev, "network.maxAzs", "must have a maximum value of 3"),
                new Case("too many replicas", "dev", List.of(Edit.replace(orders, "  count: 1\n", "  count: 16\n")),
                        orders, "replicas.count", "is 16 but AWS allows at most 15 read replicas per instance"),
                new Case("table listed twice", "dev", List.of(Edit.replace(meta, "tables:\n", """
                        tables:
                          - database: flight_meta
                            name: airport
                            ingestion: snapshot
                            columns: { airport_code: keep }
                        """)),
                        meta, "tables[1]", "table flight_meta.airport is listed twice (also tables[0])"),
                new Case("table in two ingestion paths", "dev", List.of(Edit.replace(meta, "tables:\n", """
                        tables:
                          - database: flight_meta
                            name: airport
                            ingestion: glue
                            columns: { airport_code: keep }
                        """)),
                        meta, "tables[1]", "is in two ingestion paths (glue in tables[0], snapshot here)"),
                new Case("name differs from file name", "dev", List.of(Edit.replace(growth, "name: growth", "name: grow")),
                        growth, "name", "is 'grow' but must equal the file name 'growth'"),
                new Case("team grants a database no source defines", "dev", List.of(Edit.replace(growth, "databases: [orders]", "databases: [order]")),
                        growth, "databases[0]", "grants database 'order', which no source defines (did you mean 'orders'?)"),
                new Case("relay to unknown topic", "dev", List.of(Edit.replace(streams, "    topic: client.app-events", "    topic: client.app-event")),
                        streams, "relays[0].topic", "names unknown Kafka topic 'client.app-event' (did you mean 'client.app-events'?)"),
                new Case("relay from unknown stream", "dev", List.of(Edit.replace(streams, "  - stream: app-events", "  - stream: web-events")),
                        streams, "relays[0].stream", "names unknown Kinesis stream 'web-events'"),
                new Case("malformed YAML", "dev", List.of(Edit.replace(growth, "owner: growth@udong.market", "owner: [growth@udong.market")),
                        growth, "", "is not valid YAML"),
                new Case("duplicate key", "dev", List.of(Edit.replace(orders, "engine: mysql\n", "engine: mysql\nengine: mariadb\n")),
                        orders, "", "Duplicate field 'engine'"),
                new Case("Standard-IA earlier than S3 allows", "dev", List.of(Edit.replace(dev,
                        "        - { storageClass: STANDARD_IA, afterDays: 30 }\n      expirationDays: 90",
                        "        - { storageClass: STANDARD_IA, afterDays: 10 }\n      expirationDays: 90")),
                        dev, "lake.lifecycle.raw.transitions[0].afterDays", "no earlier than 30 days"),
                new Case("transition to a warmer class", "dev", List.of(Edit.replace(dev,
                        "        - { storageClass: GLACIER_IR, afterDays: 90 }",
                        "        - { storageClass: GLACIER_IR, afterDays: 90 }\n        - { storageClass: STANDARD_IA, afterDays: 200 }")),
                        dev, "lake.lifecycle.curated.transitions[2].storageClass", "transitions must go to colder classes"),
                new Case("too soon after Standard-IA", "dev", List.of(Edit.replace(dev,
                        "        - { storageClass: GLACIER_IR, afterDays: 90 }",
                        "        - { storageClass: GLACIER_IR, afterDays: 45 }")),
                        dev, "lake.lifecycle.curated.transitions[1].afterDays", "at least 30 days before the next transition; use 60 or more"),
                new Case("expiry before the last transition", "dev", List.of(Edit.replace(dev, "expirationDays: 90", "expirationDays: 20")),
                        dev, "lake.lifecycle.raw.expirationDays", "must be later than the last transition (30 days)"),
                new Case("more NAT gateways than AZs", "dev", List.of(Edit.replace(dev, "natGateways: 1", "natGateways: 3")),
                        dev, "network.natGateways", "is 3 but the VPC spans only 2 AZs"),
                new Case("prod that would delete data", "prod", List.of(Edit.replace("environments/prod.yaml", "removalPolicy: retain", "removalPolicy: destroy")),
                        "environments/prod.yaml", "removalPolicy", "must be 'retain' in prod"),
                new Case("account id malformed", "dev", List.of(Edit.replace(dev, "account: \"111111111111\"", "account: \"12345\"")),
                        dev, "account", "must be 12-digit AWS account id"),
                new Case("file of the wrong kind", "dev", List.of(Edit.replace(growth, "kind: Team", "kind: Source")),
                        growth, "kind", "must be 'Team' for a file in teams/, found 'Source'"),
                new Case("federation on a PostgreSQL source", "dev", List.of(Edit.replace(meta, "engine: mysql", "engine: postgres"),
                        Edit.replace(meta, "database: flight_meta", "database: flight_meta.public")),
                        meta, "federation", "needs a MySQL-compatible engine"),
                new Case("catalog name collides", "dev", List.of(Edit.replace(orders, "tables:\n", "federation: { catalog: mysql }\ntables:\n")),
                        orders, "federation.catalog", "'mysql' is already used by sources/flight-meta.yaml"),
                new Case("row filter on an unknown column", "dev", List.of(Edit.replace(orders, "column: status, operator: notnull", "column: state, operator: notnull")),
                        orders, "tables[1].rowFilter.column", "names column 'state', which the table does not classify"),
                new Case("Glue worker type not documented", "dev", List.of(Edit.replace(orders, "workerType: G.1X", "workerType: G.3X")),
                        orders, "tables[2].glue.workerType", "'G.3X' is not a Glue 5.0 Spark worker type"),
                new Case("scan cutoff below Athena's minimum", "dev", List.of(Edit.replace(growth, "10737418240", "1048576")),
                        growth, "workgroup.bytesScannedCutoffPerQuery", "must have a minimum value of 10485760"),
                new Case("primary for an unknown environment", "dev", List.of(Edit.replace(orders, "  staging:\n    instanceIdentifier: orders-staging", "  stagin:\n    instanceIdentifier: orders-staging")),
                        orders, "primaries.stagin", "names no environment (did you mean 'staging'?)"),
                new Case("missing primary where none is created", "staging", List.of(Edit.replace(meta, "  staging:\n    instanceIdentifier: flight-meta-staging", "  dev:\n    instanceIdentifier: flight-meta-staging")),
                        meta, "primary", "is required in environment 'staging' (it imports existing primaries)"),
                new Case("file with the .yml extension", "dev", List.of(Edit.write("teams/ops2.yml", "kind: Team\n")),
                        "teams/ops2.yml", "", "config files end in .yaml"),
                new Case("two columns renamed to one name", "dev", List.of(Edit.replace(orders, "      grade: keep", "      grade: { policy: keep, rename: email_hash }")),
                        orders, "tables[0].columns.grade", "writes column 'email_hash', which another column of the table already writes"),
                new Case("provisioned stream without load", "dev", List.of(Edit.replace(streams, "    peakRecordsPerSecond: 3000\n    peakBytesPerSecond: 2000000\n", "")),
                        streams, "kinesis[0]", "needs peakRecordsPerSecond or peakBytesPerSecond above 0"),
                new Case("missing required field", "dev", List.of(Edit.replace(growth, "owner: growth@udong.market\n", "")),
                        growth, "", "required property 'owner' not found"),
                new Case("MSK brokers not a multiple of the AZ count", "dev", List.of(Edit.replace(dev, "streaming:\n", "streaming:\n  msk: { brokers: 3 }\n")),
                        dev, "streaming.msk.brokers", "is 3 but MSK needs a multiple of the AZ count (2); use 2 or 4"),
                new Case("more MSK brokers than allowed", "dev", List.of(Edit.replace(dev, "streaming:\n", "streaming:\n  msk: { brokers: 32 }\n")),
                        dev, "streaming.msk.brokers", "is 32 but an MSK cluster allows at most 30 brokers"),
                new Case("replica class of another engine family", "staging", List.of(Edit.replace(meta, "engine: mysql", "engine: aurora-mysql"),
                        Edit.replace(meta, "replicas:\n  count: 1\n", "replicas:\n  count: 1\n  instanceClass: db.m6g.large\n")),
                        meta, "replicas.instanceClass", "'db.m6g.large' is not valid for aurora-mysql: Aurora (aurora-mysql) does not run on db.m6g classes"),
                new Case("burstable Aurora reader too small", "staging", List.of(Edit.replace(meta, "engine: mysql", "engine: aurora-mysql"),
                        Edit.replace(meta, "replicas:\n  count: 1\n", "replicas:\n  count: 1\n  instanceClass: db.t4g.micro\n")),
                        meta, "replicas.instanceClass", "burstable Aurora classes are db.t3/db.t4g medium or large only"),
                new Case("Aurora Serverless class on RDS MySQL", "prod", List.of(Edit.replace(orders, "instanceClass: db.r6g.large", "instanceClass: db.serverless")),
                        orders, "replicas.instanceClass", "db.serverless is an Aurora Serverless v2 class; RDS mysql runs on db.m*"),
                new Case("team named like the platform workgroup", "dev", List.of(Edit.write("teams/platform.yaml",
                                "kind: Team\nname: platform\nowner: data@udong.market\n")),
                        "teams/platform.yaml", "name", "'platform' is reserved"),
                new Case("team grants a lake database with a typo", "dev", List.of(Edit.replace("teams/ops.yaml", "flight_history]", "flight_histroy]")),
                        "teams/ops.yaml", "databases[1]", "grants database 'flight_histroy', which no source defines (did you mean 'flight_history'?)"),
                new Case("lake table in a source's database", "dev", List.of(Edit.replace(flights, "database: flight_history", "database: orders")),
                        flights, "database", "'orders' is ingested by sources/orders.yaml"),
                new Case("lake table declares the partition key", "dev", List.of(Edit.replace(flights, "  status: string\n", "  status: string\n  dt: string\n")),
                        flights, "columns.dt", "is the date partition key every lake table has"),
                new Case("lake table column type typo", "dev", List.of(Edit.replace(flights, "  code: string\n", "  code: strin\n")),
                        flights, "columns.code", "must be string, int, bigint, double, boolean, date, timestamp, binary or decimal(p,s)"),
                new Case("lake table starts on a date that does not exist", "dev", List.of(Edit.replace(flights, "\"2020-01-01\"", "\"2020-02-30\"")),
                        flights, "partitionsFrom", "'2020-02-30' is not a calendar date"),
                new Case("federated source with a masked column", "dev", List.of(Edit.replace(meta, "      name: keep", "      name: redact")),
                        meta, "federation", "would expose flight_meta.airport.name unmasked (its policy is redact)"),
                new Case("federated catalog name too long for its Lambda", "dev", List.of(Edit.replace(meta, "catalog: mysql",
                                "catalog: flight_reference_data_from_the_operations_database")),
                        meta, "federation.catalog", "Lambda allows 64"),
                new Case("BI without a certificate", "staging", List.of(Edit.replace("environments/staging.yaml",
                                "  certificateArn: arn:aws:acm:ap-northeast-2:222222222222:certificate/0f3c2a1e-7d4b-4c1a-9e2f-5b6a7c8d9e0f\n", "")),
                        "environments/staging.yaml", "bi.certificateArn", "is required where features.bi is true"),
                new Case("environment name too long for bucket names", "dev", List.of(
                        Edit.write("environments/development-euw.yaml", "kind: Environment\nname: development-euw\naccount: \"111111111111\"\n"
                                + "network: { vpcCidr: 10.0.0.0/16, maxAzs: 2, natGateways: 1 }\nalarmEmail: a@udong.market\nfeatures: { createPrimaries: true }\nremovalPolicy: destroy\n")),
                        "environments/development-euw.yaml", "name", "makes bucket names too long"),
                // --- environments
                new Case("created primaries where data is retained", "prod", List.of(Edit.replace(prodEnv, "features:\n",
                                "features:\n  createPrimaries: true\n")),
                        prodEnv, "features.createPrimaries", "is only allowed where removalPolicy is 'destroy'"),
                new Case("more zones than maxAzs", "dev", List.of(Edit.replace(dev, "  maxAzs: 2\n",
                                "  maxAzs: 2\n  availabilityZones: [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n")),
                        dev, "network.availabilityZones", "lists 3 zones but maxAzs is 2; list exactly maxAzs zones"),
                new Case("zone of another region", "dev", List.of(Edit.replace(dev, "  maxAzs: 2\n",
                                "  maxAzs: 2\n  availabilityZones: [ap-northeast-2a, us-east-1a]\n")),
                        dev, "network.availabilityZones", "'us-east-1a' is not in region ap-northeast-2"),
                new Case("transition not after the previous one", "dev", List.of(Edit.replace(dev,
                                "        - { storageClass: GLACIER_IR, afterDays: 90 }", "        - { storageClass: GLACIER_IR, afterDays: 20 }")),
                        dev, "lake.lifecycle.curated.transitions[1].afterDays", "is 20 but must be later than the previous transition (30 days)"),
                new Case("two connections of one name", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                + "  connections:\n"
                                + "    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16 }\n"
                                + "    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60002, cidr: 10.91.0.0/16 }\n")),
                        staging, "network.connections[1].name", "'orders-vpc' is used by another connection; names must be unique"),
                new Case("connection overlapping the platform VPC", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n",
                                "  natGateways: 1\n  connections:\n    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.20.128.0/17 }\n")),
                        staging, "network.connections[0].cidr", "10.20.128.0/17 overlaps the platform's VPC (network.vpcCidr 10.20.0.0/16)"),
                new Case("connections overlapping each other", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                + "  connections:\n"
                                + "    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16 }\n"
                                + "    - { name: meta-vpc, vpcId: vpc-0a1b2c3d4e5f60002, cidr: 10.90.1.0/24 }\n")),
                        staging, "network.connections[1].cidr", "10.90.1.0/24 overlaps connection 'orders-vpc' (10.90.0.0/16)"),
                new Case("peer account on a transit gateway", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                + "  connections:\n    - { name: hub, vpcId: vpc-0a1b2c3d4e5f60001, transitGatewayId: tgw-0123456789abcdef0, cidr: 10.90.0.0/16, peerAccount: \"333333333333\" }\n")),
                        staging, "network.connections[0].peerAccount", "applies to VPC peering only; this connection attaches to transit gateway"),
                new Case("peer route tables on a transit gateway", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                + "  connections:\n    - { name: hub, vpcId: vpc-0a1b2c3d4e5f60001, transitGatewayId: tgw-0123456789abcdef0, cidr: 10.90.0.0/16, "
                                + "peerRouteTableIds: [rtb-0a1b2c3d4e5f60001] }\n")),
                        staging, "network.connections[0].peerRouteTableIds", "applies to VPC peering only: the transit gateway's route tables"),
                new Case("peer route tables in another account", "staging", List.of(Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                + "  connections:\n    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16, "
                                + "peerAccount: \"999999999999\", peerRouteTableIds: [rtb-0a1b2c3d4e5f60001] }\n")),
                        staging, "network.connections[0].peerRouteTableIds", "names route tables of account 999999999999"),
                // --- sources: primaries, replicas, federation
                new Case("too many Aurora readers", "dev", List.of(Edit.replace(orders, "engine: mysql", "engine: aurora-mysql"),
                                Edit.replace(orders, "  count: 1\n  instanceClass: db.t4g.medium", "  count: 16\n  instanceClass: db.r6g.large")),
                        orders, "replicas.count", "is 16 but AWS allows at most 15 readers per Aurora cluster"),
                new Case("Aurora primary named as an instance", "staging", List.of(Edit.replace(orders, "engine: mysql", "engine: aurora-mysql")),
                        orders, "primary.clusterIdentifier", "is required for engine aurora-mysql (Aurora sources are clusters)"),
                new Case("RDS primary named as a cluster", "staging", List.of(Edit.replace(orders,
                                "    instanceIdentifier: orders-staging\n", "    clusterIdentifier: orders-staging\n")),
                        orders, "primary.instanceIdentifier", "is required for engine mysql"),
                new Case("federation without a replica", "staging", List.of(Edit.replace(meta, "replicas:\n  count: 1\n", "replicas:\n  count: 0\n")),
                        meta, "federation", "queries a read replica, so replicas.count must be at least 1"),
                new Case("federated catalog of a reserved name", "dev", List.of(Edit.replace(meta, "catalog: mysql", "catalog: awsdatacatalog")),
                        meta, "federation.catalog", "'awsdatacatalog' is reserved for the Glue catalog"),
                new Case("Glue tables without a replica", "staging", List.of(Edit.replace(orders,
                                "  count: 1\n  instanceClass: db.t4g.medium", "  count: 0\n  instanceClass: db.t4g.medium")),
                        orders, "replicas.count", "is 0 but the source has ingestion: glue tables, whose jobs read a read replica"),
                new Case("created primary without a replica", "dev", List.of(Edit.replace(meta, "replicas:\n  count: 1\n", "replicas:\n  count: 0\n")),
                        meta, "replicas.count", "is 0, so environment dev creates no primary for this source"),
                new Case("Aurora primary whose VPC no connection reaches", "staging", List.of(
                                Edit.replace(orders, "engine: mysql", "engine: aurora-mysql"),
                                Edit.replace(orders, "    instanceIdentifier: orders-staging\n    endpoint: orders-staging.cabcdefghijk",
                                        "    clusterIdentifier: orders-staging\n    endpoint: orders-staging.cluster-cabcdefghijk")),
                        orders, "primaries.staging.network", "is required: Aurora readers are instances of the cluster, in its VPC,"),
                new Case("primary naming an unknown connection", "staging", List.of(Edit.replace(orders,
                                "secret:orders/admin-AbCdEf\n", "secret:orders/admin-AbCdEf\n    network: nowhere\n")),
                        orders, "primaries.staging.network", "names connection 'nowhere', which environments/staging.yaml does not define"),
                // --- sources: DMS
                new Case("DMS replica without the primary's version", "staging", List.of(Edit.replace(orders,
                                "    engineVersion: \"8.0\"\n  prod:", "  prod:")),
                        orders, "primaries.staging.engineVersion", "is required: DMS reads the source's first read replica"),
                new Case("DMS where nothing replicates the created primary", "dev", List.of(Edit.replace(orders,
                                "  count: 1\n  instanceClass: db.t4g.medium", "  count: 0\n  instanceClass: db.t4g.medium")),
                        orders, "tables[1].ingestion", "is dms, but DMS reads the primary of a source without read replicas"),
                new Case("DMS instance class typo", "staging", List.of(Edit.replace(orders, "  instanceClass: dms.t3.medium", "  instanceClass: dms.t3.huge")),
                        orders, "dms.instanceClass", "'dms.t3.huge' is not a DMS replication instance class"),
                new Case("column named like DMS's commit time", "dev", List.of(Edit.replace(orders,
                                "      order_id: keep\n      member_id: keep\n", "      order_id: keep\n      member_id: keep\n      dms_commit_ts: keep\n")),
                        orders, "tables[1].columns.dms_commit_ts", "has the name of the commit-time column DMS adds to every row"),
                new Case("column named like DMS's operation", "dev", List.of(Edit.replace(orders,
                                "      order_id: keep\n      member_id: keep\n", "      order_id: keep\n      member_id: keep\n      op: keep\n")),
                        orders, "tables[1].columns.op", "has the name of the operation column DMS adds to every row"),
                new Case("PostgreSQL DMS tables in two databases", "staging", List.of(Edit.replace(orders, "engine: mysql", "engine: postgres"),
                                Edit.replace(orders, "  - database: orders\n    name: members\n    ingestion: snapshot\n",
                                        "  - database: crm.public\n    name: members\n    ingestion: dms\n"),
                                Edit.replace(orders, "  - database: orders\n    name: orders\n", "  - database: orders.public\n    name: orders\n")),
                        orders, "tables[1].database", "is in database 'orders' but tables[0] is in 'crm'"),
                // --- sources: tables
                new Case("PostgreSQL table without its schema", "staging", List.of(Edit.replace(orders, "engine: mysql", "engine: postgres")),
                        orders, "tables[0].database", "must be database.schema for engine postgres"),
                new Case("MySQL table with a schema", "dev", List.of(Edit.replace(orders,
                                "  - database: orders\n    name: members\n", "  - database: orders.public\n    name: members\n")),
                        orders, "tables[0].database", "must be a plain database name for engine mysql"),
                new Case("row filter on a snapshot table", "dev", List.of(Edit.replace(orders, "    name: members\n    ingestion: snapshot\n",
                                "    name: members\n    ingestion: snapshot\n    rowFilter: { column: grade, operator: notnull }\n")),
                        orders, "tables[0].rowFilter", "is a DMS source filter and needs ingestion: dms"),
                new Case("row filter without its value", "dev", List.of(Edit.replace(orders, "rowFilter: { column: status, operator: notnull }",
                                "rowFilter: { column: status, operator: eq }")),
                        orders, "tables[1].rowFilter.value", "is required for operator eq"),
                new Case("between without its end", "dev", List.of(Edit.replace(orders, "rowFilter: { column: status, operator: notnull }",
                                "rowFilter: { column: status, operator: between, value: a }")),
                        orders, "tables[1].rowFilter.end", "is required for operator between"),
                new Case("Glue settings on a snapshot table", "dev", List.of(Edit.replace(orders, "    name: members\n    ingestion: snapshot\n",
                                "    name: members\n    ingestion: snapshot\n    glue:\n      workerType: G.1X\n      workers: 2\n"
                                        + "      schedule: cron(0 18 * * ? *)\n")),
                        orders, "tables[0].glue", "applies only to ingestion: glue (this table uses snapshot)"),
                new Case("source name RDS export cannot take", "dev", List.of(Edit.write("sources/shop--db.yaml",
                                "kind: Source\nname: shop--db\nengine: mysql\nreplicas:\n  count: 1\ntables:\n"
                                        + "  - database: shop\n    name: items\n    ingestion: snapshot\n    columns:\n      item_id: keep\n")),
                        "sources/shop--db.yaml", "name", "RDS refuses two hyphens in a row"),
                // --- lake tables, streams
                new Case("lake table declared twice", "dev", List.of(Edit.write("lake-tables/zz-flights.yaml",
                                "kind: LakeTable\nname: zz-flights\ndatabase: flight_history\ntable: flights\ncolumns:\n  flight_id: bigint\n"
                                        + "partitionsFrom: \"2020-01-01\"\n")),
                        "lake-tables/zz-flights.yaml", "table", "'flight_history.flights' is already declared in lake-tables/flight-history.yaml"),
                new Case("stream defined twice", "dev", List.of(Edit.write(moreStreams,
                                "kind: Streams\nname: more-events\nkinesis:\n  - name: app-events\n    peakRecordsPerSecond: 10\n")),
                        moreStreams, "kinesis[0].name", "stream 'app-events' is already defined in streams/client-events.yaml"),
                new Case("topic defined twice", "dev", List.of(Edit.write(moreStreams,
                                "kind: Streams\nname: more-events\ntopics:\n  - name: client.app-events\n    partitions: 3\n    replicationFactor: 3\n")),
                        moreStreams, "topics[0].name", "topic 'client.app-events' is already defined in streams/client-events.yaml"),
                new Case("relay defined twice", "dev", List.of(Edit.write(moreStreams,
                                "kind: Streams\nname: more-events\nrelays:\n  - stream: app-events\n    topic: client.app-events\n")),
                        moreStreams, "relays[0]", "relays stream 'app-events' to topic 'client.app-events' a second time"),
                new Case("stream load beyond any shard count", "dev", List.of(Edit.replace(streams, "peakBytesPerSecond: 2000000",
                                "peakBytesPerSecond: 9000000000000000")),
                        streams, "kinesis[0]", "cannot be sized: the load derives"),
                // --- event tables
                new Case("source named like the event tables", "dev", List.of(Edit.write("sources/events.yaml",
                                "kind: Source\nname: events\nengine: mysql\nreplicas:\n  count: 1\ntables:\n"
                                        + "  - database: shop\n    name: items\n    ingestion: snapshot\n    columns:\n      item_id: keep\n")),
                        "sources/events.yaml", "name", "'events' is reserved: the event tables live under curated/events/"),
                new Case("source database named like the event tables' database", "dev", List.of(Edit.write("sources/shop.yaml",
                                "kind: Source\nname: shop\nengine: mysql\nreplicas:\n  count: 1\ntables:\n"
                                        + "  - database: events\n    name: items\n    ingestion: snapshot\n    columns:\n      item_id: keep\n")),
                        "sources/shop.yaml", "tables[0].database", "would land in the catalog database 'events', which holds the event tables"),
                new Case("event table defined twice", "dev", List.of(Edit.write(moreStreams,
                                "kind: Streams\nname: more-events\nevents:\n  - table: app_events\n    topic: client.app-events\n"
                                        + "    id: relay-headers\n    eventTime: at\n    fields:\n      - { name: at, type: timestamp, policy: keep }\n")),
                        moreStreams, "events[0].table", "event table 'app_events' is already defined in streams/client-events.yaml"),
                new Case("event table on an unknown topic", "dev", List.of(Edit.replace(streams,
                                "    topic: server.order-events\n    id: event_id", "    topic: server.order-event\n    id: event_id")),
                        streams, "events[1].topic", "reads unknown Kafka topic 'server.order-event' (did you mean 'server.order-events'?)"),
                new Case("schedule on a continuous event job", "dev", List.of(Edit.replace(streams,
                                "    run: scheduled\n    everyMinutes: 5\n", "    run: continuous\n    everyMinutes: 10\n")),
                        streams, "events[0].everyMinutes", "applies to scheduled runs only; a continuous job lands"),
                new Case("event schedule that does not divide an hour", "dev", List.of(Edit.replace(streams,
                                "    everyMinutes: 5\n", "    everyMinutes: 7\n")),
                        streams, "events[0].everyMinutes", "cannot be scheduled: 7 minutes do not divide an hour or a day evenly"),
                new Case("event field declared twice", "dev", List.of(Edit.replace(streams,
                                "      - { name: page, type: string, policy: keep }\n",
                                "      - { name: page, type: string, policy: keep }\n      - { name: page, type: string, policy: hash }\n")),
                        streams, "events[0].fields[2].name", "field 'page' is declared twice"),
                new Case("event field policy that does not fit its type", "dev", List.of(Edit.replace(streams,
                                "{ name: product_id, type: bigint, policy: keep }", "{ name: product_id, type: bigint, policy: mask_email }")),
                        streams, "events[0].fields[5]", "cannot be landed: "),
                new Case("event field named like an added column", "dev", List.of(Edit.replace(streams,
                                "{ name: page, type: string, policy: keep }", "{ name: page, type: string, policy: keep, rename: kafka_offset }")),
                        streams, "events[0].fields[1]", "column 'kafka_offset' is one the landing job adds to every event table"),
                new Case("two event fields write one column", "dev", List.of(Edit.replace(streams,
                                "{ name: page, type: string, policy: keep }", "{ name: page, type: string, policy: keep, rename: event_type }")),
                        streams, "events[0].fields[1]", "writes column 'event_type', which another field writes too"),
                new Case("relay headers on a topic no relay writes", "dev", List.of(Edit.replace(streams,
                                "    topic: server.order-events\n    id: event_id", "    topic: server.order-events\n    id: relay-headers")),
                        streams, "events[1].id", "relay-headers identify relayed records only, and no relay writes topic 'server.order-events'"),
                new Case("event id that names no field", "dev", List.of(Edit.replace(streams, "    id: event_id", "    id: event_idd")),
                        streams, "events[1].id", "names no field of the event: 'event_idd' (did you mean 'event_id'?)"),
                new Case("event id whose policy merges events", "dev", List.of(Edit.replace(streams,
                                "{ name: event_id, type: string, policy: keep }", "{ name: event_id, type: string, policy: redact }")),
                        streams, "events[1].id", "must keep its values apart (policy keep or hash), or every event would look like the same one"),
                new Case("event time that names no field", "dev", List.of(Edit.replace(streams,
                                "    id: event_id\n    eventTime: occurred_at", "    id: event_id\n    eventTime: occured_at")),
                        streams, "events[1].eventTime", "names no field of the event: 'occured_at' (did you mean 'occurred_at'?)"),
                new Case("event time that is not a timestamp", "dev", List.of(Edit.replace(streams,
                                "    id: event_id\n    eventTime: occurred_at", "    id: event_id\n    eventTime: order_id")),
                        streams, "events[1].eventTime", "dates each event, so it must be a timestamp field kept or truncated"),
                // --- references to columns, connections and reserved names
                new Case("partition column the table does not classify", "dev", List.of(Edit.replace(orders,
                                "partitionColumn: ordered_at", "partitionColumn: ordered_att")),
                        orders, "tables[1].partitionColumn", "names column 'ordered_att', which the table does not classify "
                                + "(did you mean 'ordered_at'?); known columns: order_id, member_id, status"),
                new Case("watermark column the table does not classify", "dev", List.of(Edit.replace(orders,
                                "watermarkColumn: order_item_id", "watermarkColumn: line_no")),
                        orders, "tables[2].glue.watermarkColumn", "names column 'line_no', which the table does not classify; "
                                + "known columns: order_item_id, order_id"),
                new Case("split column the table does not classify", "dev", List.of(Edit.replace(orders,
                                "splitColumn: order_item_id", "splitColumn: line_no")),
                        orders, "tables[2].glue.splitColumn", "names column 'line_no', which the table does not classify; "
                                + "known columns: order_item_id, order_id"),
                new Case("team named like Athena's default workgroup", "dev", List.of(Edit.write("teams/primary.yaml",
                                "kind: Team\nname: primary\nowner: data@udong.market\n")),
                        "teams/primary.yaml", "name", "'primary' is reserved (the team's workgroup would take the name of the "
                                + "account's default Athena workgroup); rename the file and the team"),
                new Case("Aurora primary read by DMS whose VPC no connection reaches", "staging", List.of(
                                Edit.replace(orders, "engine: mysql", "engine: aurora-mysql"),
                                Edit.replace(orders, "    instanceIdentifier: orders-staging\n    endpoint: orders-staging.cabcdefghijk",
                                        "    clusterIdentifier: orders-staging\n    endpoint: orders-staging.cluster-cabcdefghijk"),
                                Edit.replace(orders, "  count: 1\n  instanceClass: db.t4g.medium", "  count: 0\n  instanceClass: db.t4g.medium")),
                        orders, "primaries.staging.network", "is required: DMS reads this aurora-mysql primary, which the platform's "
                                + "VPC must reach; name a connection of environments/staging.yaml network.connections (it has none yet: "
                                + "add the VPC peering or transit gateway that reaches the service's VPC)"),
                new Case("Aurora primary without a network where connections exist", "staging", List.of(
                                Edit.replace(orders, "engine: mysql", "engine: aurora-mysql"),
                                Edit.replace(orders, "    instanceIdentifier: orders-staging\n    endpoint: orders-staging.cabcdefghijk",
                                        "    clusterIdentifier: orders-staging\n    endpoint: orders-staging.cluster-cabcdefghijk"),
                                Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                        + "  connections:\n    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16 }\n")),
                        orders, "primaries.staging.network", "is required: Aurora readers are instances of the cluster, in its VPC, "
                                + "which the platform's VPC must reach; name a connection of environments/staging.yaml "
                                + "network.connections: orders-vpc"),
                new Case("primary naming a connection with a typo", "staging", List.of(
                                Edit.replace(orders, "secret:orders/admin-AbCdEf\n", "secret:orders/admin-AbCdEf\n    network: orders-vp\n"),
                                Edit.replace(staging, "  natGateways: 1\n", "  natGateways: 1\n"
                                        + "  connections:\n    - { name: orders-vpc, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.90.0.0/16 }\n")),
                        orders, "primaries.staging.network", "names connection 'orders-vp', which environments/staging.yaml does not "
                                + "define (did you mean 'orders-vpc'?); defined: orders-vpc"),
                new Case("DMS replica of a MariaDB source without the primary's version", "staging", List.of(
                                Edit.replace(orders, "engine: mysql", "engine: mariadb"),
                                Edit.replace(orders, "    engineVersion: \"8.0\"\n  prod:", "  prod:")),
                        orders, "primaries.staging.engineVersion", "is required: DMS reads the source's first read replica"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badConfig_givesPreciseError(Case c) throws IOException {
        prepare(dir, c);
        String env = c.file().startsWith("environments/development-euw") ? "development-euw" : c.env();
        ConfigException ex = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, env));
        boolean found = ex.errors().stream().anyMatch(err -> err.file().equals(c.file())
                && err.path().equals(c.path()) && err.reason().contains(c.reason()));
        assertTrue(found, () -> "expected " + c.file() + ": " + c.path() + ": ..." + c.reason() + "...\nbut got:\n" + ex.getMessage());
    }

    @Test
    void allErrors_areReportedTogether() throws IOException {
        copyProjectConfig();
        apply(Edit.replace("environments/dev.yaml", "maxAzs: 2", "maxAzs: 9"));
        apply(Edit.replace("sources/orders.yaml", "engine: mysql", "engine: oracle"));
        apply(Edit.replace("teams/ops.yaml", "owner: ops@udong.market", "owner: nobody"));
        ConfigException ex = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "dev"));
        assertEquals(3, ex.errors().size(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith("Invalid platform configuration (3 problems):"));
    }

    @Test
    void missingConfigDirectory_saysHowToChooseOne() {
        ConfigException ex = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir.resolve("nope"), "dev"));
        assertTrue(ex.getMessage().contains("UDONG_CONFIG_DIR"), ex.getMessage());
    }

    /** The project's config in {@code dir} with the case's edits applied. */
    static void prepare(Path dir, Case c) throws IOException {
        copyProjectConfig(dir);
        for (Edit e : c.edits()) {
            apply(dir, e);
        }
    }

    private void copyProjectConfig() throws IOException {
        copyProjectConfig(dir);
    }

    private void apply(Edit e) throws IOException {
        apply(dir, e);
    }

    /** Copies the project's config into {@code dir}, the starting point of every case. */
    static void copyProjectConfig(Path dir) throws IOException {
        Path from = ConfigLoaderTest.CONFIG;
        try (Stream<Path> files = Files.walk(from)) {
            files.sorted(Comparator.naturalOrder()).forEach(p -> {
                try {
                    Path to = dir.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Applies one edit to the config in {@code dir}; fails the test when the text to replace is not there. */
    static void apply(Path dir, Edit e) throws IOException {
        Path file = dir.resolve(e.file());
        if (e.find() == null) {
            if (e.replace() == null) {
                Files.delete(file);
            } else {
                Files.writeString(file, e.replace());
            }
            return;
        }
        String text = Files.readString(file);
        assertTrue(text.contains(e.find()), "test setup: " + e.file() + " does not contain '" + e.find() + "'");
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(e.find()),
                java.util.regex.Matcher.quoteReplacement(e.replace())));
    }
}
