package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceClassesTest {

    @ParameterizedTest(name = "{0} on {1} is valid: {2}")
    @CsvSource({
            "mysql, db.t4g.micro, true",
            "mysql, db.m7g.large, true",
            "mariadb, db.r6gd.xlarge, true",
            "postgres, db.x2iedn.2xlarge, true",
            "postgres, db.serverless, false",
            "mysql, db.c5.large, false",
            "mysql, r6g.large, false",
            "aurora-mysql, db.r6g.large, true",
            "aurora-mysql, db.r8g.2xlarge, true",
            "aurora-postgres, db.x2g.xlarge, true",
            "aurora-postgres, db.t4g.medium, true",
            "aurora-mysql, db.t3.large, true",
            "aurora-mysql, db.t4g.micro, false",
            "aurora-mysql, db.t4g.xlarge, false",
            "aurora-mysql, db.serverless, true",
            "aurora-postgres, db.m6g.large, false",
            "aurora-mysql, db.x2iedn.xlarge, false"})
    void problem_acceptsOnlyTheEngineFamilysClasses(String engine, String instanceClass, boolean valid) {
        Optional<String> problem = InstanceClasses.problem(Engine.of(engine), instanceClass);
        assertEquals(valid, problem.isEmpty(), problem.orElse("valid"));
        problem.ifPresent(p -> assertTrue(p.contains(instanceClass) || p.startsWith("db.serverless"), p));
    }
}
