package market.udong.lambdas.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import market.udong.core.config.DeployedSource;
import market.udong.core.config.DeployedSources;
import market.udong.core.naming.Names;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The deployed source configs in the environment's config bucket, cached per container. A cached
 * config is used as it is for {@code revalidateAfter}, then checked with a conditional GET
 * ({@code If-None-Match} on its ETag, an HTTP 304 when unchanged), so a policy deployed a moment
 * ago applies to the next file without re-reading unchanged configs. The masking function
 * revalidates on every file ({@link Duration#ZERO}): a column newly classified {@code drop} must
 * never pass because a container remembered the old policy.
 *
 * <p>Makes no request until first asked, so it is safe to build before a SnapStart snapshot.
 */
public final class S3DeployedSources implements DeployedSources {

    private final S3Client s3;
    private final String bucket;
    private final Duration revalidateAfter;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(DeployedSource config, String etag, Instant checked) {
    }

    /**
     * @param s3              client of the config bucket's region
     * @param bucket          the config bucket ({@code Names.configBucketName})
     * @param revalidateAfter how long a cached config is used before its ETag is checked again
     * @param clock           source of time for the cache
     */
    public S3DeployedSources(S3Client s3, String bucket, Duration revalidateAfter, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.revalidateAfter = Objects.requireNonNull(revalidateAfter, "revalidateAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<DeployedSource> source(String source) {
        String key = Names.deployedSourceKey(source);
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.checked().plus(revalidateAfter))) {
            return Optional.of(cached.config());
        }
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> {
                b.bucket(bucket).key(key);
                if (cached != null) {
                    b.ifNoneMatch(cached.etag());
                }
            });
            String origin = "s3://" + bucket + "/" + key;
            DeployedSource config;
            try {
                config = DeployedSource.fromJson(object.asString(StandardCharsets.UTF_8), origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (!config.source().equals(source)) {
                throw new IllegalStateException(origin + " holds the config of source '" + config.source() + "'");
            }
            cache.put(key, new Cached(config, object.response().eTag(), now));
            return Optional.of(config);
        } catch (NoSuchKeyException e) {
            cache.remove(key);
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 304 && cached != null) {
                cache.put(key, new Cached(cached.config(), cached.etag(), now));
                return Optional.of(cached.config());
            }
            if (e.statusCode() == 404) {
                cache.remove(key);
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<DeployedSource> all() {
        List<DeployedSource> all = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(Names.DEPLOYED_SOURCES_PREFIX)).contents()) {
            Names.sourceOfDeployedKey(object.key()).flatMap(this::source).ifPresent(all::add);
        }
        return all;
    }
}
