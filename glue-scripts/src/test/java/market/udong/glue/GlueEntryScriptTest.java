package market.udong.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import market.udong.core.naming.GlueJobArgs;
import org.junit.jupiter.api.Test;

class GlueEntryScriptTest {

    static final Path SCRIPT = Path.of("src/main/glue/table_ingest_entry.scala");

    @Test
    void jobClassArgument_namesTheJobsMainClass() throws Exception {
        assertEquals(TableIngestJob.class.getName(), GlueJobArgs.JOB_CLASS);
        Method main = Class.forName(GlueJobArgs.JOB_CLASS).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()));
    }

    @Test
    void entryScript_delegatesToTheJobClass() throws Exception {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertTrue(script.contains("object GlueApp"), "Glue's default --class");
        assertTrue(script.contains(GlueJobArgs.JOB_CLASS + ".main(sysArgs)"), script);
    }
}
