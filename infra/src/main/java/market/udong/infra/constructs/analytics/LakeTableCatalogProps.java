package market.udong.infra.constructs.analytics;

import java.util.List;
import java.util.Objects;
import market.udong.core.config.LakeTableConfig;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link LakeTableCatalog}.
 *
 * @param tables  the declared lake tables
 * @param curated the curated zone bucket their files live in
 * @param removalPolicy of the databases (the tables' data stays in the curated zone either way)
 */
public record LakeTableCatalogProps(List<LakeTableConfig> tables, IBucket curated, RemovalPolicy removalPolicy) {
    public LakeTableCatalogProps {
        tables = List.copyOf(tables);
        Objects.requireNonNull(curated, "curated");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
