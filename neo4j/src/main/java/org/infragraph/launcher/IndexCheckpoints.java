package org.infragraph.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.Schema;
import org.neo4j.kernel.impl.transaction.log.checkpoint.CheckPointer;
import org.neo4j.kernel.impl.transaction.log.checkpoint.SimpleTriggerInfo;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * An index's state reaches the disk only at a checkpoint: an index that came online after the
 * last one is rebuilt from scratch when the store starts after a crash. With a checkpoint only
 * every 2 GiB of log, a bulk-loaded store keeps its freshly populated indexes unchecked for a
 * whole next-day import. Reproduced (bench/recovery-start.sh): kill -9 after the next day, and
 * the next start rebuilt 27 indexes and constraints after replaying the log. So the
 * launcher checkpoints once the store is up (cheap when nothing is dirty) and whenever an
 * index comes online. Community Edition has no db.checkpoint() procedure, so this goes through
 * the kernel's own CheckPointer, which the launcher can reach because it embeds the database.
 */
final class IndexCheckpoints {
    private IndexCheckpoints() {}

    static void checkpoint(GraphDatabaseService db, String why) throws IOException {
        CheckPointer cp = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(CheckPointer.class);
        cp.forceCheckPoint(new SimpleTriggerInfo(why));
    }

    static Set<String> onlineIndexes(GraphDatabaseService db) {
        Set<String> online = new HashSet<>();
        try (Transaction tx = db.beginTx()) {
            Schema schema = tx.schema();
            for (IndexDefinition index : schema.getIndexes()) {
                if (schema.getIndexState(index) == Schema.IndexState.ONLINE) {
                    online.add(index.getName());
                }
            }
        }
        return online;
    }

    /**
     * A daemon thread that checkpoints after an index not in {@code online} comes online; ends
     * with the database. Take {@code online} before the start's checkpoint, so that an index rebuilt
     * while that checkpoint runs still counts as new.
     */
    static void watch(GraphDatabaseService db, Set<String> online, Duration every) {
        Thread t = new Thread(() -> {
            Set<String> before = online;
            while (true) {
                try {
                    Thread.sleep(every.toMillis());
                    Set<String> now = onlineIndexes(db);
                    Set<String> fresh = new HashSet<>(now);
                    fresh.removeAll(before);
                    if (!fresh.isEmpty()) {
                        checkpoint(db, "Infragraph: index online: " + String.join(", ", new TreeSet<>(fresh)));
                    }
                    before = now;
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    // The database is shutting down (or gone): nothing left to protect.
                    if (!db.isAvailable()) {
                        return;
                    }
                    e.printStackTrace(System.err);
                }
            }
        }, "infragraph-index-checkpoints");
        t.setDaemon(true);
        t.start();
    }
}
