package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad DMS input in a source file is reported with the file, the path and what is allowed. */
class DmsConfigChecksTest {

    @TempDir
    Path dir;

    @Test
    void unknownInstanceClass_isRejected_withTheClosestDocumentedClass() {
        // GIVEN a source asking for a DMS class that does not exist
        writeSource("billing", "mysql", """
                dms:
                  instanceClass: dms.t3.mediun
                """, dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN loading names the field, suggests the real class and lists the documented ones
        ConfigError error = onlyError();
        assertEquals("sources/billing.yaml", error.file());
        assertEquals("dms.instanceClass", error.path());
        assertTrue(error.reason().contains("did you mean 'dms.t3.medium'?"), error.reason());
        assertTrue(error.reason().contains("dms.r6i.32xlarge"), error.reason());
    }

    @Test
    void instanceClass_isResolvedPerEnvironment_andCheckedAfterOverride() {
        // GIVEN a valid base class and a prod override naming an RDS class instead of a DMS one
        writeSource("billing", "mysql", """
                dms:
                  instanceClass: dms.t3.small
                  byEnvironment:
                    prod: { instanceClass: dms.db.r6g }
                """, dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN staging loads with the base class, prod fails on the override
        SourceConfig staging = new ConfigLoader().load(dir, "staging").source("billing").orElseThrow();
        assertEquals("dms.t3.small", staging.dms().instanceClass());
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "prod"));
        assertEquals("dms.instanceClass", e.errors().get(0).path());
    }

    @Test
    void byEnvironment_namingAnUnknownEnvironment_isRejected() {
        // GIVEN a dms override for an environment that has no file
        writeSource("billing", "mysql", """
                dms:
                  byEnvironment:
                    prdo: { multiAz: true }
                """, dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN the typo is reported with a suggestion
        ConfigError error = onlyError();
        assertEquals("dms.byEnvironment.prdo", error.path());
        assertTrue(error.reason().contains("did you mean 'prod'?"), error.reason());
    }

    @Test
    void migrationType_outsideDmsValues_isRejectedBySchema() {
        // GIVEN a migration type DMS does not know
        writeSource("billing", "mysql", """
                dms:
                  migrationType: cdc-only
                """, dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN the allowed values are listed
        ConfigError error = onlyError();
        assertEquals("dms.migrationType", error.path());
        assertTrue(error.reason().contains("full-load, cdc, full-load-and-cdc"), error.reason());
    }

    @Test
    void storageOutsideDmsLimits_isRejectedBySchema() {
        // GIVEN 2 GB of replication storage (DMS needs at least 5)
        writeSource("billing", "mysql", """
                dms:
                  allocatedStorageGb: 2
                """, dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN the field is named
        assertEquals("dms.allocatedStorageGb", onlyError().path());
    }

    @Test
    void columnNamedLikeDmsTimestampOrOp_isRejected() {
        // GIVEN a dms table whose columns clash with the columns DMS adds
        writeSource("billing", "mysql", "", dmsTable("billing", "invoices", """
                id: keep
                      dms_commit_ts: keep
                      op: keep"""));

        // WHEN / THEN both clashes are reported, each at its column
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "staging"));
        assertEquals(List.of("tables[0].columns.dms_commit_ts", "tables[0].columns.op"),
                e.errors().stream().map(ConfigError::path).sorted().toList());
    }

    @Test
    void postgresDmsTables_inTwoDatabases_areRejected() {
        // GIVEN a PostgreSQL source with dms tables in two databases
        writeSource("billing", "postgres", "",
                dmsTable("billing.public", "invoices", "id: keep") + dmsTable("ledger.public", "entries", "id: keep"));

        // WHEN / THEN the second database is reported: one DMS endpoint reads one database
        ConfigError error = onlyError();
        assertEquals("tables[1].database", error.path());
        assertTrue(error.reason().contains("'ledger'") && error.reason().contains("'billing'"), error.reason());
    }

    @Test
    void engineOutsideThePlatform_isRejected_withTheSupportedEngines() {
        // GIVEN a source on an engine the platform (and its DMS sources) does not support
        writeSource("billing", "oracle", "", dmsTable("billing", "invoices", "id: keep"));

        // WHEN / THEN the allowed engines are listed (all five are DMS-supported sources)
        ConfigError error = onlyError();
        assertEquals("engine", error.path());
        assertTrue(error.reason().contains("mysql, mariadb, postgres, aurora-mysql, aurora-postgres"), error.reason());
    }

    @Test
    void snapshotSourceName_withDoubleHyphen_isRejected_becauseExportIdsWouldBreak() {
        // GIVEN a snapshot source whose name RDS export identifiers cannot start with
        writeSource("bill--ing", "mysql", "", """
                  - database: billing
                    name: invoices
                    ingestion: snapshot
                    columns:
                      id: keep
                """);

        // WHEN / THEN the name is reported
        ConfigError error = onlyError();
        assertEquals("name", error.path());
        assertTrue(error.reason().contains("two hyphens"), error.reason());
    }

    private ConfigError onlyError() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "staging"));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    private static String dmsTable(String database, String name, String columns) {
        return """
                  - database: %s
                    name: %s
                    ingestion: dms
                    columns:
                      %s
                """.formatted(database, name, columns);
    }

    /** The project's config plus one source file; a staging and prod primary are given so only DMS can fail. */
    private void writeSource(String name, String engine, String dmsSection, String tables) {
        copyProjectConfig();
        String source = """
                kind: Source
                name: %s
                engine: %s
                primaries:
                  staging: { instanceIdentifier: %s-staging, endpoint: db.example, securityGroupId: sg-0a1b2c3d4e5f60009, secretArn: "arn:aws:secretsmanager:ap-northeast-2:222222222222:secret:x", network: billing-vpc }
                  prod: { instanceIdentifier: %s-prod, endpoint: db.example, securityGroupId: sg-0a1b2c3d4e5f60009, secretArn: "arn:aws:secretsmanager:ap-northeast-2:333333333333:secret:x", network: billing-vpc }
                %stables:
                %s""".formatted(name, engine, "b", "b", dmsSection, tables);
        try {
            // Without replicas DMS reads the primary, in the service's VPC: both environments connect to it.
            for (String env : new String[] {"staging", "prod"}) {
                Path file = dir.resolve("environments/" + env + ".yaml");
                String yaml = Files.readString(file);
                if (!yaml.contains("billing-vpc")) {
                    int nat = yaml.indexOf('\n', yaml.indexOf("  natGateways:")) + 1;
                    Files.writeString(file, yaml.substring(0, nat) + "  connections:\n"
                            + "    - { name: billing-vpc, vpcId: vpc-0a1b2c3d4e5f60009, cidr: 10.99.0.0/16 }\n" + yaml.substring(nat));
                }
            }
            Files.writeString(dir.resolve("sources").resolve(name + ".yaml"), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyProjectConfig() {
        Path from = Path.of("..", "config");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path to = dir.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (!Files.exists(to)) {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
