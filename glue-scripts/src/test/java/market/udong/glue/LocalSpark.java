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
                    // Iceberg's SQL (MERGE INTO) for the events job, as Glue's --datalake-formats iceberg adds it.
                    .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                    .getOrCreate();
        }
        return session;
    }

    /** s3a pointed at the local S3 server: path-style, plain http, its fixed credentials. */
    public static void configureS3a(org.apache.hadoop.conf.Configuration conf, market.udong.core.testing.LocalS3 s3) {
        conf.set("fs.s3a.endpoint", s3.endpoint().toString());
        conf.set("fs.s3a.endpoint.region", market.udong.core.testing.LocalS3.REGION.id());
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.connection.ssl.enabled", "false");
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", market.udong.core.testing.LocalS3.ACCESS_KEY);
        conf.set("fs.s3a.secret.key", market.udong.core.testing.LocalS3.SECRET_KEY);
        // Each test class starts its own server; a cached FileSystem would keep the old endpoint.
        conf.set("fs.s3a.impl.disable.cache", "true");
        // Fail fast instead of retrying for minutes when the local server refuses a request.
        conf.set("fs.s3a.attempts.maximum", "2");
        conf.set("fs.s3a.retry.limit", "2");
    }
}
