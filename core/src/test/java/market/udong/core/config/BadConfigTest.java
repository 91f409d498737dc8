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
                        "environments/development-euw.yaml", "name", "makes bucket names too long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badConfig_givesPreciseError(Case c) throws IOException {
        copyProjectConfig();
        for (Edit e : c.edits()) {
            apply(e);
        }
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

    private void copyProjectConfig() throws IOException {
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

    private void apply(Edit e) throws IOException {
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
