package market.udong.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server (S3Proxy with its filesystem-nio2 blob store, which lists like S3: no directory markers) on 127.0.0.1 and a free
 * port, for tests. Objects live in a temporary directory that {@link #close()} deletes.
 *
 * <pre>
 * try (LocalS3 s3 = LocalS3.start(); S3Client client = s3.client()) {
 *     s3.createBucket("udong-test-curated");
 *     ...
 * }
 * </pre>
 *
 * <p>Clients made by {@link #client()} use path-style addressing (no virtual-host DNS on
 * loopback), the url-connection HTTP client (the one our Lambdas ship), and checksums only
 * when required: S3Proxy does not understand the SDK's default trailing CRC32 checksums.
 */
public final class LocalS3 implements AutoCloseable {

    /** Access key and secret the server accepts (SigV4 and V2). */
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    /** Region clients sign for; S3Proxy accepts any. */
    public static final Region REGION = Region.AP_NORTHEAST_2;

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path dataDir;
    private final URI endpoint;

    private LocalS3(S3Proxy proxy, BlobStoreContext context, Path dataDir) {
        this.proxy = proxy;
        this.context = context;
        this.dataDir = dataDir;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server with an empty store; returns once it accepts requests. */
    public static LocalS3 start() {
        return start("filesystem-nio2");
    }

    /**
     * Starts a server whose objects live in memory (jclouds {@code transient} store). For Hadoop's
     * s3a: the filesystem store maps keys to files and folders, so deleting the folder markers
     * s3a writes ({@code dir/}) fails while the folder has files, which breaks Spark's commits.
     */
    public static LocalS3 startInMemory() {
        return start("transient");
    }

    private static LocalS3 start(String provider) {
        Path dir;
        try {
            dir = Files.createTempDirectory("local-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder(provider)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .buildView(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 10 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            context.close();
            deleteTree(dir);
            throw new IllegalStateException("cannot start S3Proxy on 127.0.0.1", e);
        }
        return new LocalS3(proxy, context, dir);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    /** A new client for this server; the caller closes it. */
    public S3Client client() {
        return configure(S3Client.builder()).build();
    }

    /** Points a client builder at this server with the settings described on the class. */
    public software.amazon.awssdk.services.s3.S3ClientBuilder configure(software.amazon.awssdk.services.s3.S3ClientBuilder builder) {
        return builder
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    /**
     * The same settings as environment variables, for a function run in its own JVM from its jar
     * ({@link LambdaJar}): its runtime constructor builds the S3 client with the SDK's defaults, which
     * read these. Also sets the region and this server's credentials.
     */
    public java.util.Map<String, String> sdkEnvironment() {
        return java.util.Map.of(
                "AWS_REGION", REGION.id(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_ENDPOINT_URL_S3", endpoint.toString(),
                "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required",
                "AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
    }

    /** Creates a bucket (idempotent). */
    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Stores an object through the S3 API. */
    public void put(String bucket, String key, byte[] bytes) {
        try (S3Client client = client()) {
            client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        }
    }

    /** Bytes of an object. */
    public byte[] get(String bucket, String key) {
        try (S3Client client = client()) {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        }
    }

    /** Keys under a prefix, sorted. */
    public List<String> keys(String bucket, String prefix) {
        try (S3Client client = client()) {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            context.close();
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
