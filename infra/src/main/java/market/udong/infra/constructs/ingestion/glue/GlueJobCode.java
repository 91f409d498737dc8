package market.udong.infra.constructs.ingestion.glue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of the Glue ingestion job: the shaded job jar and the entry script Glue starts it from.
 *
 * @param jar         {@code glue-scripts/target/udong-glue-job.jar}
 * @param entryScript {@code glue-scripts/src/main/glue/table_ingest_entry.scala}
 */
public record GlueJobCode(Path jar, Path entryScript) {
    public GlueJobCode {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(entryScript, "entryScript");
    }
}
