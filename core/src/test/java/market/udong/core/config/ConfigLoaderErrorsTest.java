package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import market.udong.core.config.BadConfigTest.Edit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader says when it cannot get as far as the meaning of the config: a directory that is
 * not there, files it cannot read or parse, files of no kind, and where it looks when told nothing.
 * Each error names the file and says what to do.
 */
class ConfigLoaderErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingConfigDirectory_isTheOnlyError_andSaysHowToChooseOne() {
        // GIVEN a directory that does not exist
        Path nowhere = dir.resolve("nope");

        // WHEN loaded
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(nowhere, "dev"));

        // THEN one error names the directory and both ways to choose another
        assertEquals(List.of(new ConfigError(nowhere.toString(), "",
                "config directory does not exist; pass -c configDir=DIR or set UDONG_CONFIG_DIR")), e.errors());
    }

    @Test
    void configDirectoryThatIsAFile_isRefusedLikeAMissingOne() throws IOException {
        // GIVEN a regular file where the config directory should be
        Path file = Files.writeString(dir.resolve("config"), "kind: Environment\n");

        // WHEN / THEN
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(file, "dev"));
        assertEquals(List.of(new ConfigError(file.toString(), "",
                "config directory does not exist; pass -c configDir=DIR or set UDONG_CONFIG_DIR")), e.errors());
    }

    @Test
    void fileThatCannotBeRead_isNamed_withTheReasonTheSystemGave() throws IOException {
        // GIVEN the project config plus a directory named like a team file (a file nobody can read as YAML)
        BadConfigTest.copyProjectConfig(dir);
        Files.createDirectory(dir.resolve("teams/broken.yaml"));

        // WHEN loaded
        ConfigError error = onlyError("dev");

        // THEN the error is the file's own, says it cannot be read, and passes on why
        assertEquals("teams/broken.yaml", error.file());
        assertEquals("", error.path());
        assertTrue(error.reason().startsWith("cannot be read: ") && error.reason().length() > "cannot be read: ".length(),
                error.reason());
    }

    @Test
    void malformedYaml_namesTheLineAndColumnOfTheMistake() throws IOException {
        // GIVEN a team file whose owner opens a list it never closes (line 5 of teams/growth.yaml)
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("teams/growth.yaml", "owner: growth@udong.market", "owner: [growth@udong.market"));

        // WHEN loaded
        ConfigError error = onlyError("dev");

        // THEN the file, no path (it is not a document yet), and where the parser stopped
        assertEquals("teams/growth.yaml", error.file());
        assertEquals("", error.path());
        assertTrue(error.reason().startsWith("is not valid YAML: "), error.reason());
        assertTrue(error.reason().matches("(?s).* \\(line [0-9]+, column [0-9]+\\)"), error.reason());
    }

    @Test
    void emptyFile_mustBeAMappingOfItsKind() throws IOException {
        // GIVEN an empty stream file
        BadConfigTest.copyProjectConfig(dir);
        Files.writeString(dir.resolve("streams/empty.yaml"), "");

        // WHEN / THEN the error says what such a file must hold
        assertEquals(new ConfigError("streams/empty.yaml", "", "must be a YAML mapping with 'kind: Streams' and its fields"),
                onlyError("dev"));
    }

    @Test
    void fileHoldingAList_mustBeAMappingOfItsKind() throws IOException {
        // GIVEN a lake-table file that is a YAML list
        BadConfigTest.copyProjectConfig(dir);
        Files.writeString(dir.resolve("lake-tables/list.yaml"), "- kind: LakeTable\n- name: list\n");

        // WHEN / THEN
        assertEquals(new ConfigError("lake-tables/list.yaml", "", "must be a YAML mapping with 'kind: LakeTable' and its fields"),
                onlyError("dev"));
    }

    @Test
    void fileWithoutKind_saysWhichKindItsFolderHolds() throws IOException {
        // GIVEN a team file without its kind
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("teams/growth.yaml", "kind: Team\n", ""));

        // WHEN / THEN
        assertEquals(new ConfigError("teams/growth.yaml", "kind", "must be 'Team' for a file in teams/ (missing)"),
                onlyError("dev"));
    }

    @Test
    void droppedColumnWithARename_isRefused_atTheColumn() throws IOException {
        // GIVEN a dropped column that is also renamed (the schema allows each on its own)
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("sources/orders.yaml", "      address: drop\n",
                "      address: { policy: drop, rename: addr }\n"));

        // WHEN / THEN the error points at the column and says why
        assertEquals(new ConfigError("sources/orders.yaml", "tables[0].columns.address",
                "a dropped column cannot also be renamed or retyped"), onlyError("dev"));
    }

    @Test
    void errorsOfSeveralFiles_areListedInFileOrder() throws IOException {
        // GIVEN mistakes in three files, made in an order that is not the files' order
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("teams/ops.yaml", "owner: ops@udong.market", "owner: nobody"));
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "maxAzs: 2", "maxAzs: 9"));
        BadConfigTest.apply(dir, Edit.replace("sources/orders.yaml", "engine: mysql", "engine: oracle"));

        // WHEN loaded
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "dev"));

        // THEN environments/, sources/, teams/: the order a person reads the tree in
        assertEquals(List.of("environments/dev.yaml", "sources/orders.yaml", "teams/ops.yaml"),
                e.errors().stream().map(ConfigError::file).toList(), e.getMessage());
    }

    @Test
    void errorsOfOneFile_areListedInPathOrder() throws IOException {
        // GIVEN two mistakes in dev.yaml, the NAT count checked before the lifecycle
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "natGateways: 1", "natGateways: 3"));
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "expirationDays: 90", "expirationDays: 20"));

        // WHEN loaded
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "dev"));

        // THEN listed by path, as a person reads them next to the file
        assertEquals(List.of("lake.lifecycle.raw.expirationDays", "network.natGateways"),
                e.errors().stream().map(ConfigError::path).toList(), e.getMessage());
    }

    @Test
    void quotas_areCheckedOnlyOnceTheConfigMeansWhatItSays() throws IOException {
        // GIVEN an account whose roles carry one managed policy, so every team with data exceeds it
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "removalPolicy: destroy\n",
                "removalPolicy: destroy\nquotas: { managedPoliciesPerRole: 1 }\n"));

        // WHEN loaded as it is, THEN the quota is the problem, named in the team's file
        ConfigException quota = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "dev"));
        assertTrue(quota.errors().stream().allMatch(err -> err.file().startsWith("teams/")
                && err.reason().contains("quotas.managedPoliciesPerRole")), quota.getMessage());

        // WHEN a rule of meaning is broken as well, THEN only that is reported: quotas of a wrong config mislead
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "natGateways: 1", "natGateways: 3"));
        ConfigException meaning = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, "dev"));
        assertEquals(List.of("network.natGateways"), meaning.errors().stream().map(ConfigError::path).toList(),
                meaning.getMessage());
    }

    @Test
    void schemaError_isTheValidatorsReason_withoutItsOwnLocationPrefix() throws IOException {
        // GIVEN an AZ count above the schema's maximum
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("environments/dev.yaml", "maxAzs: 2", "maxAzs: 5"));

        // WHEN / THEN the path is ours (network.maxAzs), and the reason does not repeat it as $.network.maxAzs
        assertEquals(new ConfigError("environments/dev.yaml", "network.maxAzs", "must have a maximum value of 3"), onlyError("dev"));
    }

    @Test
    void publishedSchema_isOnTheClasspath_withADefinitionOfEveryKind() {
        // WHEN the schema core ships is read
        var schema = ConfigLoader.readSchema();

        // THEN it defines each kind of file the loader reads
        for (ConfigLoader.ConfigFileKind kind : ConfigLoader.ConfigFileKind.values()) {
            assertTrue(schema.path("$defs").has(kind.kind()), kind.kind());
        }
    }

    @Test
    void loadSource_readsOneFile_withoutResolvingAnEnvironment() throws IOException {
        // GIVEN the project's orders source on its own
        BadConfigTest.copyProjectConfig(dir);

        // WHEN loaded alone
        SourceConfig orders = new ConfigLoader().loadSource(dir.resolve("sources/orders.yaml"));

        // THEN its tables are read, and no environment's primary is chosen
        assertEquals("orders", orders.name());
        assertEquals(List.of("members", "orders", "order_items"), orders.tables().stream().map(TableConfig::name).toList());
        assertNull(orders.primary());
    }

    @Test
    void loadSource_ofAMissingFile_saysSo() {
        Path missing = dir.resolve("sources/none.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().loadSource(missing));

        assertEquals(List.of(new ConfigError(missing.toString(), "", "does not exist or is not a file")), e.errors());
    }

    @Test
    void loadSource_ofABadFile_listsItsErrors_namedByFileName() throws IOException {
        // GIVEN a source file with an unknown engine
        BadConfigTest.copyProjectConfig(dir);
        BadConfigTest.apply(dir, Edit.replace("sources/orders.yaml", "engine: mysql", "engine: mysq"));

        // WHEN / THEN the error names the file as it sits in its folder and the field
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().loadSource(dir.resolve("sources/orders.yaml")));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("orders.yaml", e.errors().get(0).file());
        assertEquals("engine", e.errors().get(0).path());
    }

    @Test
    void configDir_comesFromTheContextFirst_thenTheDefault() {
        // GIVEN this process's UDONG_CONFIG_DIR: unset under bin/test; set, it rightly wins over ./config
        String fromEnv = System.getenv(ConfigLoader.CONFIG_DIR_ENV);
        Path fallback = Path.of(fromEnv == null || fromEnv.isBlank() ? "config" : fromEnv);

        // THEN a context value wins, and without one (or a blank one) it is the fallback
        assertEquals(Path.of("/srv/udong/config"), ConfigLoader.resolveConfigDir("/srv/udong/config"));
        assertEquals(fallback, ConfigLoader.resolveConfigDir(null));
        assertEquals(fallback, ConfigLoader.resolveConfigDir("  "));
    }

    @Test
    void knownEnvironments_areTheEnvironmentFiles_byName() throws IOException {
        // GIVEN environment files written out of order, and a file that is not YAML
        Files.createDirectories(dir.resolve("environments"));
        Files.writeString(dir.resolve("environments/zeta.yaml"), "");
        Files.writeString(dir.resolve("environments/alpha.yaml"), "");
        Files.writeString(dir.resolve("environments/notes.txt"), "");

        // WHEN / THEN sorted names without the extension; none where there is no folder
        assertEquals(List.of("alpha", "zeta"), ConfigLoader.knownEnvironments(dir));
        assertEquals(List.of(), ConfigLoader.knownEnvironments(dir.resolve("elsewhere")));
    }

    private ConfigError onlyError(String env) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, env));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }
}
