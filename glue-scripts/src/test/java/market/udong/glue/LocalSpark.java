package market.udong.glue;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the test JVM ({@code local[2]}, loopback only, no UI), shared by
 * every test class: starting Spark costs seconds, reusing it costs nothing. Never stopped by a
 * test; it ends with the JVM.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    private static SparkSession session;

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("udong-glue-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
        }
        return session;
    }
}
