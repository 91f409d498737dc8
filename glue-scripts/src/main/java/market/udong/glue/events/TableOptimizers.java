package market.udong.glue.events;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.TableOptimizerType;

/**
 * Turns on the Glue table optimizers of an event table once the job has created it: compaction
 * (a scheduled run writes a few small files every few minutes), snapshot retention and orphan-file
 * deletion, each run by Glue as the optimizer role. CloudFormation can declare an optimizer only
 * for a table that exists at deploy time, and the job creates the table on its first run.
 */
final class TableOptimizers {
    private TableOptimizers() {
    }

    static final List<TableOptimizerType> TYPES = List.of(TableOptimizerType.COMPACTION, TableOptimizerType.RETENTION,
            TableOptimizerType.ORPHAN_FILE_DELETION);

    /** @return the optimizers created now; those that exist already are left as they are */
    static List<TableOptimizerType> enable(GlueClient glue, String catalogId, String database, String table, String roleArn) {
        List<TableOptimizerType> created = new ArrayList<>();
        for (TableOptimizerType type : TYPES) {
            try {
                glue.createTableOptimizer(r -> r.catalogId(catalogId).databaseName(database).tableName(table).type(type)
                        .tableOptimizerConfiguration(c -> c.roleArn(roleArn).enabled(true)));
                created.add(type);
            } catch (AlreadyExistsException e) {
                // enabled by an earlier run (or by hand); its settings stay
            }
        }
        return created;
    }
}
