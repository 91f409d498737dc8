package market.udong.infra.constructs.analytics;

import java.util.Objects;
import market.udong.core.config.TeamConfig;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link AthenaWorkgroup}.
 *
 * @param name                       workgroup name (the team's name, or the platform's)
 * @param description                who uses it
 * @param results                    the athena-results bucket; results go under {@code <name>/}
 * @param key                        KMS key results are encrypted with (SSE-KMS)
 * @param bytesScannedCutoffPerQuery queries scanning more are cancelled; at least {@value TeamConfig#MIN_BYTES_SCANNED_CUTOFF}
 * @param deleteWithQueries          delete the workgroup even if it holds saved queries (environments that may be destroyed)
 */
public record AthenaWorkgroupProps(String name, String description, IBucket results, IKey key,
                                   long bytesScannedCutoffPerQuery, boolean deleteWithQueries) {
    public AthenaWorkgroupProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(key, "key");
        if (bytesScannedCutoffPerQuery < TeamConfig.MIN_BYTES_SCANNED_CUTOFF) {
            throw new IllegalArgumentException("workgroup '" + name + "': bytesScannedCutoffPerQuery is "
                    + bytesScannedCutoffPerQuery + " but Athena's minimum is " + TeamConfig.MIN_BYTES_SCANNED_CUTOFF);
        }
    }
}
