package market.udong.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    @Test
    void parse_keepsGluesOwnArguments_andReadsEveryForm() {
        JobArguments args = JobArguments.parse("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1", "--TempDir", "s3://t/",
                "--job-bookmark-option", "job-bookmark-disable", "--enable-metrics", "--udong-source", "orders",
                "--udong-local-db-password=", "--udong-full-refresh=TRUE", "--udong-source", "orders2");

        assertEquals("jr_1", args.require("--JOB_RUN_ID"));
        assertEquals("true", args.asMap().get("--enable-metrics"), "a bare flag");
        assertEquals("", args.asMap().get("--udong-local-db-password"), "an empty value");
        assertTrue(args.flag("--udong-full-refresh", false));
        assertEquals(Optional.of("orders2"), args.get("--udong-source"), "the last value wins, as Glue's overrides do");
        assertFalse(args.flag("--absent", false));
    }

    @Test
    void parse_rejectsValuesWithoutKeys_andBadValuesNameTheirKey() {
        assertThrows(IllegalArgumentException.class, () -> JobArguments.parse("orders"));
        JobArguments args = JobArguments.parse("--udong-replica-port", "33o6", "--udong-full-refresh", "yes");
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> args.intValue("--udong-replica-port", 3306));
        assertTrue(port.getMessage().contains("--udong-replica-port"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> args.flag("--udong-full-refresh", false));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> args.require("--udong-source"));
        assertEquals("job argument --udong-source is required", missing.getMessage());
    }
}
