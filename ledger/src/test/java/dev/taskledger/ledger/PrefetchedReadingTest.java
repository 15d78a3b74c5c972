package dev.taskledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.WriteOp;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead replay over many pages: order, ranges, and how it ends when the visitor or a read fails. */
class PrefetchedReadingTest {
    static final String TENANT = "prefetch";
    static final int EVENTS = 4_800; // more pages than the reader may hold ahead

    @TempDir
    Path dir;

    SqliteTable table;
    Ledger ledger;

    @BeforeEach
    void load() {
        table = SqliteTable.open(dir.resolve("p.db"));
        ledger = new Ledger(table, java.time.Clock.systemUTC());
        for (int task = 0; task < EVENTS / 40; task++) {
            List<PendingEvent> events = new ArrayList<>();
            events.add(LedgerContract.pending(LedgerContract.created()));
            IntStream.range(1, 40)
                    .forEach(i -> events.add(LedgerContract.pending(LedgerContract.updated(
                            i % 2 == 1 ? dev.taskledger.events.Status.OPEN : dev.taskledger.events.Status.DONE,
                            i % 2 == 1 ? dev.taskledger.events.Status.DONE : dev.taskledger.events.Status.OPEN))));
            ledger.append(new AppendRequest(TENANT, "task-" + task, 0, events, "{}", Optional.empty()));
        }
    }

    @AfterEach
    void close() {
        table.close();
    }

    static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ledger-prefetch") && t.isAlive());
    }

    @Test
    void every_event_of_a_range_is_visited_once_in_order() {
        List<Long> all = new ArrayList<>();
        ledger.forEachEventPrefetched(
                TENANT, 1, Long.MAX_VALUE, e -> all.add(e.envelope().sequence()));
        assertThat(all)
                .hasSize(EVENTS)
                .isSorted()
                .doesNotHaveDuplicates()
                .startsWith(1L)
                .endsWith((long) EVENTS);

        List<Long> range = new ArrayList<>();
        ledger.forEachEventPrefetched(
                TENANT, 700, 4_100, e -> range.add(e.envelope().sequence()));
        assertThat(range)
                .hasSize(4_100 - 700 + 1)
                .startsWith(700L)
                .endsWith(4_100L)
                .isSorted();
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void a_visitor_that_fails_stops_the_replay_with_its_failure_and_leaves_no_reader_behind() {
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> ledger.forEachEventPrefetched(TENANT, 1, Long.MAX_VALUE, e -> {
                    if (e.envelope().sequence() == 120) {
                        throw new IllegalStateException("visitor failed");
                    }
                    seen.add(e.envelope().sequence());
                }))
                .hasMessage("visitor failed");
        assertThat(seen).hasSize(119);
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void a_read_that_fails_surfaces_after_the_events_before_it() {
        table.transactWrite(List.of(new WriteOp.Update(
                Keys.event(TENANT, 3_000), Map.of(Ledger.EVENT, Attr.s("{not json")), Condition.EXISTS)));
        List<Long> seen = new ArrayList<>();

        assertThatThrownBy(() -> ledger.forEachEventPrefetched(
                        TENANT, 1, Long.MAX_VALUE, e -> seen.add(e.envelope().sequence())))
                .isInstanceOf(CorruptItemException.class);
        assertThat(seen).hasSizeLessThan(3_000).allMatch(s -> s < 3_000);
        assertThat(readerAlive()).isFalse();
    }
}
