package dev.taskledger.command.service;

import static dev.taskledger.command.service.ServiceFixture.ADMIN;
import static dev.taskledger.command.service.ServiceFixture.context;
import static dev.taskledger.command.service.ServiceFixture.create;
import static dev.taskledger.command.service.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandServiceTest {
    @TempDir
    Path dir;

    SqliteTable table;
    Ledger ledger;
    TaskCommandService service;
    final String tenant = "acme";

    @BeforeEach
    void open() {
        table = SqliteTable.open(dir.resolve("t.db"));
        ledger = new Ledger(table, Clock.systemUTC());
        service = new TaskCommandService(ledger);
    }

    @AfterEach
    void close() {
        table.close();
    }

    CommandResult patch(String taskId, String body, Precondition precondition) {
        return service.handle(
                tenant,
                TaskRequests.update(taskId, json(body), precondition).get(),
                context(ADMIN, null),
                Optional.empty());
    }

    @Test
    void a_create_appends_one_event_and_stores_the_folded_state() {
        CommandResult result = create(service, tenant, "task-1", "{'title':'T'}");

        assertThat(result).isInstanceOfSatisfying(CommandResult.Applied.class, applied -> {
            assertThat(applied.sequence()).isEqualTo(1);
            assertThat(applied.state()).isInstanceOf(TaskState.Live.class);
        });
        ServiceFixture.assertFoldEqualsWriteState(ledger, tenant, "task-1");
    }

    @Test
    void an_update_that_changes_nothing_is_unchanged_and_names_the_latest_sequence() {
        create(service, tenant, "task-1", "{'title':'T'}");
        create(service, tenant, "task-2", "{'title':'U'}");

        assertThat(patch("task-1", "{'title':'T'}", Precondition.NONE))
                .isInstanceOfSatisfying(CommandResult.Unchanged.class, u -> assertThat(u.sequence())
                        .isEqualTo(1));
        assertThat(ledger.head(tenant).sequence()).isEqualTo(2);
    }

    @Test
    void a_stale_if_match_is_rejected_with_the_current_version() {
        create(service, tenant, "task-1", "{'title':'T'}");
        patch("task-1", "{'title':'U'}", Precondition.NONE);

        assertThat(patch("task-1", "{'title':'V'}", new Precondition.EntityTags(Set.of("1"))))
                .isEqualTo(new CommandResult.Rejected(new Rejection.VersionMismatch(2)));
    }

    @Test
    void a_rejected_command_writes_nothing() {
        assertThat(patch("task-1", "{'title':'no such task'}", Precondition.NONE))
                .isEqualTo(new CommandResult.Rejected(new Rejection.NotFound()));
        assertThat(ledger.head(tenant).sequence()).isZero();
        assertThat(ledger.taskState(tenant, "task-1")).isEmpty();
    }

    @Test
    void a_reused_idempotency_key_returns_the_stored_record_and_appends_nothing() {
        var write = new IdempotencySpec(
                "k1",
                "POST /tasks body-1",
                a -> "{\"task_id\":\"" + a.events().getLast().taskId() + "\"}",
                Instant.now().plusSeconds(86_400));
        service.handle(
                tenant, TaskRequests.create(json("{'title':'T'}")).get(), context(ADMIN, "task-1"), Optional.of(write));

        CommandResult again = service.handle(
                tenant, TaskRequests.create(json("{'title':'T'}")).get(), context(ADMIN, "task-2"), Optional.of(write));

        assertThat(again).isInstanceOfSatisfying(CommandResult.AlreadyDone.class, done -> assertThat(
                        done.record().response())
                .isEqualTo("{\"task_id\":\"task-1\"}"));
        assertThat(ledger.head(tenant).sequence()).isEqualTo(1);
        assertThat(ledger.taskState(tenant, "task-2")).isEmpty();
    }

    @Test
    void a_deleted_task_keeps_its_history_and_reads_as_not_found() {
        String id = UUID.randomUUID().toString();
        create(service, tenant, id, "{'title':'T'}");
        service.handle(
                tenant, new TaskCommand.DeleteTask(id, Precondition.NONE), context(ADMIN, null), Optional.empty());

        assertThat(patch(id, "{'title':'U'}", Precondition.NONE))
                .isEqualTo(new CommandResult.Rejected(new Rejection.NotFound()));
        assertThat(ledger.history(tenant, id)).hasSize(2);
        assertThat(ServiceFixture.assertFoldEqualsWriteState(ledger, tenant, id))
                .isInstanceOf(TaskState.Deleted.class);
    }
}
