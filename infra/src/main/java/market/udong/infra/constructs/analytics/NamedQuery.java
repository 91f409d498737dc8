package market.udong.infra.constructs.analytics;

import market.udong.core.analytics.SavedQuery;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.constructs.Construct;

/** A saved query, offered to everyone in a workgroup, with its text exactly as {@link SavedQuery} holds it. */
public final class NamedQuery extends Construct {

    private final CfnNamedQuery query;

    public NamedQuery(Construct scope, String id, SavedQuery saved, AthenaWorkgroup workgroup) {
        super(scope, id);
        query = CfnNamedQuery.Builder.create(this, "Resource")
                .name(saved.name())
                .description(saved.description())
                .database(saved.database())
                .queryString(saved.sql())
                .workGroup(workgroup.name())
                .build();
        query.getNode().addDependency(workgroup.workgroup());
    }

    public CfnNamedQuery query() {
        return query;
    }
}
