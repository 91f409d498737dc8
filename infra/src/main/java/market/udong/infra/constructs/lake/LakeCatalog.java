package market.udong.infra.constructs.lake;

import java.util.LinkedHashMap;
import java.util.Map;
import market.udong.core.naming.CatalogNames;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.constructs.Construct;

/**
 * Glue databases per zone: for every source database, {@code <db>} over the curated zone (the
 * name analysts query) and {@code raw_<db>} over the raw zone.
 */
public final class LakeCatalog extends Construct {

    private final Map<String, CfnDatabase> curated = new LinkedHashMap<>();
    private final Map<String, CfnDatabase> raw = new LinkedHashMap<>();

    public LakeCatalog(Construct scope, String id, LakeCatalogProps props) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        for (String db : props.sourceDatabases().stream().sorted().distinct().toList()) {
            String curatedName = CatalogNames.curatedDatabase(db);
            curated.put(curatedName, database("Curated-" + curatedName, account, curatedName,
                    "Masked, typed data of source database " + db,
                    "s3://" + props.curated().getBucketName() + "/", props.removalPolicy()));
            String rawName = CatalogNames.rawDatabase(db);
            raw.put(rawName, database("Raw-" + rawName, account, rawName,
                    "Raw ingested data of source database " + db + " (not for analysts: may hold PII until masked)",
                    "s3://" + props.raw().getBucketName() + "/", props.removalPolicy()));
        }
    }

    private CfnDatabase database(String id, String account, String name, String description, String location,
                                 RemovalPolicy removalPolicy) {
        CfnDatabase database = CfnDatabase.Builder.create(this, id)
                .catalogId(account)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(name)
                        .description(description)
                        .locationUri(location)
                        .build())
                .build();
        database.applyRemovalPolicy(removalPolicy);
        return database;
    }

    /** Curated databases by name. */
    public Map<String, CfnDatabase> curatedDatabases() {
        return Map.copyOf(curated);
    }

    /** Raw databases by name. */
    public Map<String, CfnDatabase> rawDatabases() {
        return Map.copyOf(raw);
    }
}
