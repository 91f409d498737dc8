package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import market.udong.core.config.BadConfigTest.Edit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric limit of the semantic checks, tried on both sides: the project's config with the
 * value at the limit loads, and with the value just past it fails with one precise error (file, path
 * and the whole message). A check that is off by one fails one of the two.
 */
class LimitsTest {

    @TempDir
    Path dir;

    /**
     * One limit: the edits that put a value at it, the edits that put it just past it, and the error
     * the second must give.
     */
    record Limit(String name, String env, List<Edit> atLimit, List<Edit> pastLimit, String file, String path, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String DEV = "environments/dev.yaml";
    static final String ORDERS = "sources/orders.yaml";
    static final String META = "sources/flight-meta.yaml";
    static final String STREAMS = "streams/client-events.yaml";
    static final String CURATED_GLACIER = "        - { storageClass: GLACIER_IR, afterDays: 90 }\n";

    /** An environment of the given name, the smallest file that loads in the project's config. */
    static Edit environmentNamed(String name) {
        return Edit.write("environments/" + name + ".yaml", "kind: Environment\nname: " + name + "\naccount: \"111111111111\"\n"
                + "network: { vpcCidr: 10.0.0.0/16, maxAzs: 2, natGateways: 1 }\nalarmEmail: a@udong.market\n"
                + "features: { createPrimaries: true }\nremovalPolicy: destroy\n");
    }

    /** A staging source of imported RDS MySQL primary with one snapshot table and the given replicas. */
    static Edit stagingSource(String replicas) {
        return Edit.write("sources/billing.yaml", """
                kind: Source
                name: billing
                engine: mysql
                primaries:
                  staging:
                    instanceIdentifier: billing-staging
                    endpoint: billing-staging.cabcdefghijk.ap-northeast-2.rds.amazonaws.com
                    securityGroupId: sg-0a1b2c3d4e5f60009
                    secretArn: arn:aws:secretsmanager:ap-northeast-2:222222222222:secret:billing/admin-AbCdEf
                """ + replicas + """
                tables:
                  - database: billing
                    name: invoices
                    ingestion: snapshot
                    columns: { invoice_id: keep }
                """);
    }

    static Edit kinesisLoad(String load) {
        return Edit.replace(STREAMS, "    peakRecordsPerSecond: 3000\n    peakBytesPerSecond: 2000000\n", load);
    }

    static Stream<Limit> limits() {
        // "udong-dev-athena-" is 17 characters: a 47-character catalog makes a 64-character function name.
        String catalog47 = "flight_reference_data_from_the_operations_dbase";
        String catalog48 = catalog47 + "s";
        return Stream.of(
                new Limit("15 read replicas per instance", "dev",
                        List.of(Edit.replace(ORDERS, "  count: 1\n", "  count: 15\n")),
                        List.of(Edit.replace(ORDERS, "  count: 1\n", "  count: 16\n")),
                        ORDERS, "replicas.count", "is 16 but AWS allows at most 15 read replicas per instance"),
                new Limit("as many NAT gateways as AZs", "dev",
                        List.of(Edit.replace(DEV, "natGateways: 1", "natGateways: 2")),
                        List.of(Edit.replace(DEV, "natGateways: 1", "natGateways: 3")),
                        DEV, "network.natGateways", "is 3 but the VPC spans only 2 AZs; allowed: 0 to maxAzs"),
                new Limit("interface endpoints in as many AZs as the VPC spans", "dev",
                        List.of(Edit.replace(DEV, "interfaceEndpointAzs: 0", "interfaceEndpointAzs: 2")),
                        List.of(Edit.replace(DEV, "interfaceEndpointAzs: 0", "interfaceEndpointAzs: 3")),
                        DEV, "network.interfaceEndpointAzs", "is 3 but the VPC spans 2 AZs; use 0 to 2"),
                new Limit("63-character bucket names", "development-eu",
                        List.of(environmentNamed("development-eu")),
                        List.of(environmentNamed("development-euw")),
                        "environments/development-euw.yaml", "name", "makes bucket names too long "
                                + "('udong-development-euw-athena-results-111111111111-ap-northeast-2' has 64 characters, "
                                + "S3 allows 63); use a shorter environment name"),
                new Limit("30 MSK brokers", "dev",
                        List.of(Edit.replace(DEV, "streaming:\n", "streaming:\n  msk: { brokers: 30 }\n")),
                        List.of(Edit.replace(DEV, "streaming:\n", "streaming:\n  msk: { brokers: 32 }\n")),
                        DEV, "streaming.msk.brokers", "is 32 but an MSK cluster allows at most 30 brokers (the default quota)"),
                new Limit("MSK brokers a multiple of the AZ count", "dev",
                        List.of(Edit.replace(DEV, "streaming:\n", "streaming:\n  msk: { brokers: 4 }\n")),
                        List.of(Edit.replace(DEV, "streaming:\n", "streaming:\n  msk: { brokers: 5 }\n")),
                        DEV, "streaming.msk.brokers", "is 5 but MSK needs a multiple of the AZ count (2); use 4 or 6"),
                new Limit("STANDARD_IA 30 days after creation", "dev",
                        List.of(),
                        List.of(Edit.replace(DEV, "        - { storageClass: STANDARD_IA, afterDays: 30 }\n      expirationDays: 90",
                                "        - { storageClass: STANDARD_IA, afterDays: 29 }\n      expirationDays: 90")),
                        DEV, "lake.lifecycle.raw.transitions[0].afterDays",
                        "is 29 but S3 moves objects to STANDARD_IA no earlier than 30 days"),
                new Limit("30 days in STANDARD_IA before the next transition", "dev",
                        List.of(Edit.replace(DEV, CURATED_GLACIER, "        - { storageClass: GLACIER_IR, afterDays: 60 }\n")),
                        List.of(Edit.replace(DEV, CURATED_GLACIER, "        - { storageClass: GLACIER_IR, afterDays: 59 }\n")),
                        DEV, "lake.lifecycle.curated.transitions[1].afterDays",
                        "is 59 but S3 keeps objects in STANDARD_IA at least 30 days before the next transition; use 60 or more"),
                new Limit("a transition a day after the previous one", "dev",
                        List.of(Edit.replace(DEV, CURATED_GLACIER, CURATED_GLACIER + "        - { storageClass: GLACIER, afterDays: 91 }\n")),
                        List.of(Edit.replace(DEV, CURATED_GLACIER, CURATED_GLACIER + "        - { storageClass: GLACIER, afterDays: 90 }\n")),
                        DEV, "lake.lifecycle.curated.transitions[2].afterDays",
                        "is 90 but must be later than the previous transition (90 days)"),
                new Limit("each transition to a colder class", "dev",
                        List.of(Edit.replace(DEV, CURATED_GLACIER, CURATED_GLACIER + "        - { storageClass: GLACIER, afterDays: 200 }\n")),
                        List.of(Edit.replace(DEV, CURATED_GLACIER, CURATED_GLACIER + "        - { storageClass: GLACIER_IR, afterDays: 200 }\n")),
                        DEV, "lake.lifecycle.curated.transitions[2].storageClass", "is GLACIER_IR after GLACIER_IR; transitions "
                                + "must go to colder classes, in the order STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE"),
                new Limit("expiry a day after the last transition", "dev",
                        List.of(Edit.replace(DEV, "expirationDays: 90", "expirationDays: 31")),
                        List.of(Edit.replace(DEV, "expirationDays: 90", "expirationDays: 30")),
                        DEV, "lake.lifecycle.raw.expirationDays", "is 30 but must be later than the last transition (30 days)"),
                new Limit("64-character connector function names", "dev",
                        List.of(Edit.replace(META, "catalog: mysql", "catalog: " + catalog47)),
                        List.of(Edit.replace(META, "catalog: mysql", "catalog: " + catalog48)),
                        META, "federation.catalog", "'" + catalog48 + "' makes the connector's Lambda name 'udong-dev-athena-"
                                + catalog48 + "' 65 characters long; Lambda allows 64; use a shorter name"),
                new Limit("replica classes are checked only where there are replicas", "staging",
                        List.of(stagingSource("replicas: { count: 0, instanceClass: db.serverless }\n")),
                        List.of(stagingSource("replicas: { count: 1, instanceClass: db.serverless }\n")),
                        "sources/billing.yaml", "replicas.instanceClass", "db.serverless is an Aurora Serverless v2 class; "
                                + "RDS mysql runs on db.m*, db.r*, db.x*, db.z* or db.t* classes (e.g. db.t4g.medium, db.r6g.large)"
                                + " (environment staging)"),
                new Limit("a provisioned stream sized from records alone", "dev",
                        List.of(kinesisLoad("    peakRecordsPerSecond: 1\n")),
                        List.of(kinesisLoad("    peakRecordsPerSecond: 0\n")),
                        STREAMS, "kinesis[0]", "a provisioned stream needs peakRecordsPerSecond or peakBytesPerSecond above 0 "
                                + "(shards are derived from them), or mode: on-demand"),
                new Limit("a provisioned stream sized from bytes alone", "dev",
                        List.of(kinesisLoad("    peakBytesPerSecond: 1\n")),
                        List.of(kinesisLoad("    peakRecordsPerSecond: 0\n    peakBytesPerSecond: 0\n")),
                        STREAMS, "kinesis[0]", "a provisioned stream needs peakRecordsPerSecond or peakBytesPerSecond above 0 "
                                + "(shards are derived from them), or mode: on-demand"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void atTheLimit_configLoads(Limit limit) throws IOException {
        // GIVEN the project's config with a value exactly at the limit
        BadConfigTest.copyProjectConfig(dir);
        for (Edit e : limit.atLimit()) {
            BadConfigTest.apply(dir, e);
        }

        // WHEN / THEN it loads
        PlatformConfig config = assertDoesNotThrow(() -> new ConfigLoader().load(dir, limit.env()));
        assertEquals(limit.env(), config.environment().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void justPastTheLimit_isTheOnlyError(Limit limit) throws IOException {
        // GIVEN the project's config with a value just past the limit
        BadConfigTest.copyProjectConfig(dir);
        for (Edit e : limit.pastLimit()) {
            BadConfigTest.apply(dir, e);
        }
        String env = limit.file().startsWith("environments/") ? ConfigLoader.baseName(Path.of(limit.file())) : limit.env();

        // WHEN loaded
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, env));

        // THEN exactly this error
        assertEquals(List.of(new ConfigError(limit.file(), limit.path(), limit.reason())), e.errors());
    }
}
