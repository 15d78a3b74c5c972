package dev.taskledger.projector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Item;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runtime groups, bounds and commits what a projector stages, with projectors made for the purpose. */
class ProjectionRuntimeTest {
    static final String TENANT = "runtime";

    /** A document holding one number. */
    static final DocumentForm<long[]> NUMBER = new DocumentForm<>() {
        public Map<String, Attr> attributes(long[] n) {
            return Map.of("n", Attr.n(n[0]));
        }

        public long[] read(Item item) {
            return new long[] {item.number("n")};
        }
    };

    @TempDir
    Path dir;

    SqliteTable table;
    Ledger ledger;

    @BeforeEach
    void seed() throws Exception {
        table = SqliteTable.open(dir.resolve("r.db"));
        ledger = new Ledger(table, Clock.systemUTC());
        TaskCommandService service = new TaskCommandService(ledger);
        for (int i = 0; i < 250; i++) {
            service.handle(
                    TENANT,
                    TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t" + i + "\"}"))
                            .get(),
                    new CommandContext(new Actor("a", null, Role.ADMIN), Instant.now(), "r" + i, "c"),
                    Optional.empty());
        }
    }

    @AfterEach
    void close() {
        table.close();
    }

    long number(ProjectionRuntime runtime, String suffix) {
        return runtime.read(TENANT, suffix).map(i -> i.number("n")).orElse(-1L);
    }

    /** Counts events in a document changed in place, and writes {@code width} documents of its own per event. */
    static class Counting implements Projector {
        final int width;
        long poison = -1;

        Counting(int width) {
            this.width = width;
        }

        public String name() {
            return "counting";
        }

        public int maxChangesPerEvent() {
            return width + 1;
        }

        public void apply(StoredEvent event, Documents documents) {
            long sequence = event.envelope().sequence();
            long[] count = documents.get("COUNT", NUMBER).orElseGet(() -> new long[1]);
            count[0]++; // in place: must not survive an event that fails
            documents.put("COUNT", NUMBER, count);
            for (int i = 0; i < width; i++) {
                documents.put("E#" + sequence + "#" + i, NUMBER, new long[] {sequence});
            }
            if (sequence == poison) {
                throw new IllegalStateException("poison");
            }
        }
    }

    @Test
    void events_changing_many_documents_are_committed_in_transactions_within_the_item_limit() {
        ProjectionRuntime runtime = new ProjectionRuntime(ledger, new Counting(9));

        runtime.catchUp(TENANT, 250);

        assertThat(runtime.projectedSequence(TENANT)).isEqualTo(250);
        assertThat(number(runtime, "COUNT")).isEqualTo(250);
        assertThat(number(runtime, "E#250#8")).isEqualTo(250);
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 1))
                .hasSize(250 * 9 + 2); // and COUNT, and the checkpoint
    }

    @Test
    void a_failing_event_leaves_the_events_before_it_committed_and_nothing_of_its_own() {
        Counting projector = new Counting(2);
        projector.poison = 37;
        ProjectionRuntime runtime = new ProjectionRuntime(ledger, projector);

        assertThatThrownBy(() -> runtime.catchUp(TENANT, 250)).hasMessage("poison");

        assertThat(runtime.projectedSequence(TENANT)).isEqualTo(36);
        assertThat(number(runtime, "COUNT")).isEqualTo(36); // not 37: the failed event's in-place change is gone
        assertThat(number(runtime, "E#37#0")).isEqualTo(-1);

        projector.poison = -1;
        runtime.catchUp(TENANT, 250);
        assertThat(number(runtime, "COUNT")).isEqualTo(250);
    }

    @Test
    void a_projector_changing_more_documents_than_it_declares_is_refused() {
        Counting liar = new Counting(3) {
            public int maxChangesPerEvent() {
                return 2;
            }
        };
        ProjectionRuntime runtime = new ProjectionRuntime(ledger, liar);

        assertThatThrownBy(() -> runtime.catchUp(TENANT, 10)).hasMessageContaining("changed more than 2");
        assertThat(runtime.projectedSequence(TENANT)).isZero();
    }

    @Test
    void a_rebuild_stages_across_flushes_and_equals_the_live_projection() {
        // flushes of 7 documents: the running count is read back from flushes still being written, again and again
        ProjectionRuntime runtime = new ProjectionRuntime(ledger, new Counting(3), 7);
        runtime.catchUp(TENANT, 250);

        long rebuilt = runtime.rebuild(TENANT);

        assertThat(rebuilt).isEqualTo(2);
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 2))
                .isEqualTo(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 1));
        assertThat(number(runtime, "COUNT")).isEqualTo(250);
    }

    @Test
    void a_rebuild_keeps_the_version_readers_just_left_and_deletes_older_ones() {
        ProjectionRuntime runtime = new ProjectionRuntime(ledger, new Counting(3), 50);
        runtime.catchUp(TENANT, 250);

        assertThat(runtime.rebuild(TENANT)).isEqualTo(2);
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 1))
                .hasSize(250 * 3 + 2);

        assertThat(runtime.rebuild(TENANT)).isEqualTo(3);
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 1))
                .isEmpty();
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 2))
                .hasSize(250 * 3 + 2);
        assertThat(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 3))
                .isEqualTo(ProjectionConvergenceProperties.itemsOf(table, TENANT, "counting", 2));
        assertThat(number(runtime, "COUNT")).isEqualTo(250);
    }
}
