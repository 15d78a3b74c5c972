package dev.taskledger.projector.read;

import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.Item;
import dev.taskledger.table.Table;
import java.util.Optional;

/**
 * The read side of one projection, all that queries may see of it: the version readers use, the sequence that
 * version has applied, and its documents. The projection runtime writes; readers never depend on it (a rule of the
 * architecture tests), so a query function carries no projector machinery.
 *
 * <p>Not promised: that two reads see the same version (a rebuild may switch readers between them; the version
 * readers just left is kept until the next rebuild, so a read of it still answers).
 */
public final class ProjectionReader {
    public static final String SEQUENCE = "sequence";
    public static final String VERSION = "version";

    private final Ledger ledger;
    private final Table table;
    private final String projection;

    public ProjectionReader(Ledger ledger, Table table, String projection) {
        this.ledger = ledger;
        this.table = table;
        this.projection = projection;
    }

    public String name() {
        return projection;
    }

    /** The version readers use (1 until the first rebuild). */
    public long activeVersion(String tenant) {
        return table.get(Keys.projectionActive(tenant, projection))
                .map(i -> i.number(VERSION))
                .orElse(1L);
    }

    /** The last sequence the active version applied: what {@code X-Ledger-Projected-Sequence} reports. */
    public long projectedSequence(String tenant) {
        return checkpoint(tenant, activeVersion(tenant));
    }

    /** The last sequence {@code version} applied (0 before any). */
    public long checkpoint(String tenant, long version) {
        return table.get(Keys.projectionCheckpoint(tenant, projection, version))
                .map(i -> i.number(SEQUENCE))
                .orElse(0L);
    }

    /** The sequence of the tenant's ledger head (0 for a tenant without events): what a projection can reach. */
    public long ledgerHead(String tenant) {
        return ledger.head(tenant).sequence();
    }

    /** One document of the active version. */
    public Optional<Item> read(String tenant, String suffix) {
        return table.get(Keys.projectionItem(tenant, projection, activeVersion(tenant), suffix));
    }

    /** The sort-key prefix of the active version's documents (for readers that query a range of them). */
    public String prefix(String tenant) {
        return Keys.projectionPrefix(projection, activeVersion(tenant));
    }
}
