package market.udong.core.config;

import java.util.List;

/** Worker types AWS documents for Glue 5.0 Spark batch jobs. */
public final class GlueWorkerTypes {
    private GlueWorkerTypes() {
    }

    /** G.025X is for streaming jobs and Z.2X for Ray jobs, so neither is listed. */
    public static final List<String> SPARK_BATCH = List.of(
            "G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X", "R.4X", "R.8X");

    public static boolean isValid(String workerType) {
        return SPARK_BATCH.contains(workerType);
    }
}
