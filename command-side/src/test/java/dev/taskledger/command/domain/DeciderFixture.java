package dev.taskledger.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.Role;
import dev.taskledger.events.TaskEvent;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** given(events).when(command).thenEvents(...) / thenRejected(...), in the Axon style. */
final class DeciderFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TASK = "task-1";
    static final Actor ADMIN = new Actor("admin-sub", "admin@example.com", Role.ADMIN);
    static final Actor MEMBER = new Actor("member-sub", "Member@Example.com", Role.MEMBER);
    static final Actor OTHER_MEMBER = new Actor("other-sub", "other@example.com", Role.MEMBER);
    static final Actor AUDITOR = new Actor("auditor-sub", null, Role.AUDITOR);
    static final Instant T0 = Instant.parse("2026-01-15T10:30:00.000Z");

    private TaskState state = TaskState.ABSENT;
    private Actor actor = ADMIN;
    private Either<Rejection, List<TaskEvent>> result;

    static DeciderFixture given() {
        return new DeciderFixture();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Applies a command as {@code by} and folds its events, as history for the command under test. */
    DeciderFixture history(Actor by, TaskCommand command) {
        List<TaskEvent> events = TaskDecider.decide(command, state, new CommandContext(by, T0, TASK, "corr"))
                .getOrElseThrow(r -> new AssertionError("history command rejected: " + r));
        for (TaskEvent event : events) {
            state = TaskDecider.evolve(state, event, new EventMeta(TASK, state.version() + 1, T0, by));
        }
        return this;
    }

    DeciderFixture created(Actor by, String body) {
        return history(by, TaskRequests.create(json(body)).get());
    }

    DeciderFixture deleted() {
        return history(ADMIN, new TaskCommand.DeleteTask(TASK, Precondition.NONE));
    }

    DeciderFixture as(Actor actor) {
        this.actor = actor;
        return this;
    }

    DeciderFixture when(TaskCommand command) {
        result = TaskDecider.decide(command, state, new CommandContext(actor, T0.plusSeconds(60), TASK, "corr"));
        return this;
    }

    /** A client's body goes through the request layer's field rules first, as it does at the edge. */
    DeciderFixture whenCreate(String body) {
        return whenParsed(TaskRequests.create(json(body)));
    }

    DeciderFixture whenPatch(String body) {
        return whenUpdate(body, Precondition.NONE);
    }

    DeciderFixture whenUpdate(String body, Precondition precondition) {
        return whenParsed(TaskRequests.update(TASK, json(body), precondition));
    }

    private DeciderFixture whenParsed(Either<Rejection, ? extends TaskCommand> parsed) {
        if (parsed.isLeft()) {
            result = Either.left(parsed.getLeft());
            return this;
        }
        return when(parsed.get());
    }

    List<TaskEvent> thenEvents() {
        assertThat(result.isRight()).as("expected events but got %s", result).isTrue();
        return result.get();
    }

    DeciderFixture thenEvents(Consumer<List<TaskEvent>> check) {
        check.accept(thenEvents());
        return this;
    }

    Rejection thenRejected() {
        assertThat(result.isLeft())
                .as("expected a rejection but got %s", result)
                .isTrue();
        return result.getLeft();
    }

    TaskState state() {
        return state;
    }
}
