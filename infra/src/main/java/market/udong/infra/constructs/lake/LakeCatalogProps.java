package market.udong.infra.constructs.lake;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link LakeCatalog}.
 *
 * @param sourceDatabases source database names found in config (e.g. {@code orders}, {@code flight_meta})
 * @param raw             the raw zone bucket
 * @param curated         the curated zone bucket
 * @param removalPolicy   of the databases: they hold the tables the ingestion paths create, which a deleted
 *                        database takes with it
 */
public record LakeCatalogProps(List<String> sourceDatabases, IBucket raw, IBucket curated, RemovalPolicy removalPolicy) {
    public LakeCatalogProps {
        sourceDatabases = List.copyOf(sourceDatabases);
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(curated, "curated");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
