package dev.taskledger.command.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.TaskDecider;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Role;
import dev.taskledger.events.SchemaAssertions;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Helpers shared by the service tests: commands as JSON text, and the fold-equals-write-state check. */
final class ServiceFixture {
    static final Actor ADMIN = new Actor("admin-sub", "admin@example.com", Role.ADMIN);

    private ServiceFixture() {}

    static JsonNode json(String text) {
        try {
            return EventCodec.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CommandContext context(Actor actor, String newTaskId) {
        return new CommandContext(
                actor, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), newTaskId, "corr");
    }

    static CommandResult create(TaskCommandService service, String tenant, String taskId, String body) {
        return service.handle(tenant, TaskRequests.create(json(body)).get(), context(ADMIN, taskId), Optional.empty());
    }

    /** Folding the task's ledger history with evolve gives exactly its write-state item. */
    static TaskState assertFoldEqualsWriteState(Ledger ledger, String tenant, String taskId) {
        List<EventEnvelope> history = ledger.history(tenant, taskId);
        SchemaAssertions.assertAllConform(history);
        TaskState folded = TaskState.ABSENT;
        for (EventEnvelope e : history) {
            folded = TaskDecider.evolve(folded, e.data(), e.meta());
        }
        TaskState stored = TaskStateCodec.decode(
                Keys.task(tenant, taskId).toString(),
                ledger.taskState(tenant, taskId).orElseThrow().state());
        assertThat(folded).as("fold of %s", taskId).isEqualTo(stored);
        return stored;
    }
}
