package market.udong.infra.constructs.analytics;

import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnDataCatalog;
import software.constructs.Construct;

/**
 * An Athena data catalog of type GLUE over this account's Glue Data Catalog, so SQL can name
 * lake tables as {@code <catalog>.<database>.<table>} (e.g. {@code hive.flight_history.flights}).
 */
public final class GlueDataCatalog extends Construct {

    private final CfnDataCatalog catalog;

    public GlueDataCatalog(Construct scope, String id, String name) {
        super(scope, id);
        catalog = CfnDataCatalog.Builder.create(this, "Resource")
                .name(name)
                .type("GLUE")
                .description("The account's Glue Data Catalog (the lake), by the name queries use")
                .parameters(Map.of("catalog-id", Stack.of(this).getAccount()))
                .build();
    }

    public String name() {
        return catalog.getName();
    }

    public CfnDataCatalog catalog() {
        return catalog;
    }
}
