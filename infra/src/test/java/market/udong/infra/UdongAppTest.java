package market.udong.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import market.udong.core.config.ConfigError;
import market.udong.core.config.EnvironmentConfig;
import market.udong.core.config.PlatformConfig;
import org.junit.jupiter.api.Test;

class UdongAppTest {

    private static PlatformConfig inAccount(PlatformConfig config, String account, boolean dmsAccountRoles) {
        EnvironmentConfig e = config.environment();
        EnvironmentConfig moved = new EnvironmentConfig(e.name(), account, e.region(), e.network(), e.removalPolicy(),
                e.lake(), e.alarmEmail(), e.tags(), e.deploy(),
                new EnvironmentConfig.Features(e.features().createPrimaries(), e.features().bi(), dmsAccountRoles),
                e.streaming(), e.bi(), e.quotas());
        return new PlatformConfig(config.configDir(), moved, config.sources(), config.streams(), config.teams(), config.lakeTables());
    }

    @Test
    void twoEnvironmentsInOneAccount_mayNotBothCreateTheDmsAccountRoles() {
        // GIVEN staging moved into prod's account, both creating the roles
        PlatformConfig prod = TestApps.config("prod");
        PlatformConfig staging = inAccount(TestApps.config("staging"), prod.environment().account(), true);

        List<ConfigError> errors = UdongApp.sharedDmsAccountRoles(List.of(staging, prod));

        // THEN one error, on the second environment's switch, naming the account and what to do
        assertEquals(1, errors.size(), errors.toString());
        ConfigError error = errors.get(0);
        assertEquals("environments/prod.yaml", error.file());
        assertEquals("features.dmsAccountRoles", error.path());
        assertTrue(error.reason().contains("333333333333") && error.reason().contains("set it to false"), error.reason());
    }

    @Test
    void sharedAccount_isFine_whenOnlyOneEnvironmentCreatesTheRoles() {
        PlatformConfig prod = TestApps.config("prod");
        PlatformConfig staging = inAccount(TestApps.config("staging"), prod.environment().account(), false);

        assertTrue(UdongApp.sharedDmsAccountRoles(List.of(staging, prod)).isEmpty());
    }

    @Test
    void projectConfig_hasOneRoleCreatorPerAccount() {
        assertTrue(UdongApp.sharedDmsAccountRoles(List.of(TestApps.config("dev"), TestApps.config("staging"),
                TestApps.config("prod"))).isEmpty());
    }
}
