package dev.taskledger.local;

import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.query.audit.ObjectStore;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB's time to live, locally: deletes the items of {@link Keys#EXPIRING_PREFIXES} (idempotency records,
 * exports, windowed counters) whose {@link Keys#TTL_ATTRIBUTE} has passed, and an expired export's bundle with it.
 * Each round deletes at most {@code maxPerRound} items, so a large backlog is worked off over several rounds without
 * holding the store.
 *
 * <p>Not promised: promptness (DynamoDB itself deletes expired items within days, not at once); items of a tenant
 * that never appended an event are not visited.
 */
final class ExpirySweeper {
    private final Ledger ledger;
    private final Table table;
    private final ObjectStore objects;
    private final Clock clock;
    private final int maxPerRound;

    ExpirySweeper(Ledger ledger, Table table, ObjectStore objects, Clock clock, int maxPerRound) {
        this.ledger = ledger;
        this.table = table;
        this.objects = objects;
        this.clock = clock;
        this.maxPerRound = maxPerRound;
    }

    /** One round over every tenant; returns how many items it deleted. */
    int sweep() throws IOException {
        long now = clock.instant().getEpochSecond();
        int deleted = 0;
        for (String tenant : ledger.tenants()) {
            for (String prefix : Keys.EXPIRING_PREFIXES) {
                Query query = Query.prefix(Keys.tenantPartition(tenant), prefix, Query.MAX_LIMIT);
                while (deleted < maxPerRound) {
                    Page page = table.query(query);
                    List<WriteOp> expired = new ArrayList<>();
                    for (Item item : page.items()) {
                        if (item.get(Keys.TTL_ATTRIBUTE).isPresent() && item.number(Keys.TTL_ATTRIBUTE) <= now) {
                            if (item.get("object_key").isPresent()) {
                                objects.delete(item.string("object_key"));
                            }
                            expired.add(new WriteOp.Delete(item.key(), Condition.NONE));
                        }
                    }
                    if (!expired.isEmpty()) {
                        table.writeBatch(expired);
                        deleted += expired.size();
                    }
                    if (page.lastEvaluatedKey().isEmpty()) {
                        break;
                    }
                    query = query.after(page.lastEvaluatedKey().get());
                }
            }
        }
        return deleted;
    }
}
