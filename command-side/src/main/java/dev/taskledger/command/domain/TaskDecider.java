package dev.taskledger.command.domain;

import dev.taskledger.events.Actor;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.Role;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskUpdated;
import io.vavr.control.Either;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The task decider. {@code decide} checks, in the order SPEC section 11 gives: role, existence, ownership,
 * precondition (the body's field rules were applied at the edge, before it); then emits the events. {@code evolve} folds one event into the state.
 */
public final class TaskDecider {
    private TaskDecider() {}

    public static Either<Rejection, List<TaskEvent>> decide(
            TaskCommand command, TaskState state, CommandContext context) {
        Actor actor = context.actor();
        return switch (command) {
            case TaskCommand.CreateTask create -> {
                if (actor.role() == Role.AUDITOR) {
                    yield Either.left(new Rejection.Forbidden("auditors cannot create tasks"));
                }
                if (!(state instanceof TaskState.Absent)) {
                    throw new IllegalStateException("a new task id is already taken: " + context.newTaskId());
                }
                yield Either.right(List.of(new TaskCreated(create.fields())));
            }
            case TaskCommand.UpdateTask update -> {
                if (actor.role() == Role.AUDITOR) {
                    yield Either.left(new Rejection.Forbidden("auditors cannot update tasks"));
                }
                yield switch (state) {
                    case TaskState.Live live -> update(live, update.changes(), update.precondition(), actor);
                    case TaskState.Absent ignored -> Either.left(new Rejection.NotFound());
                    case TaskState.Deleted ignored -> Either.left(new Rejection.NotFound());
                };
            }
            case TaskCommand.DeleteTask delete -> {
                if (actor.role() != Role.ADMIN) {
                    yield Either.left(new Rejection.Forbidden("only admins can delete tasks"));
                }
                yield switch (state) {
                    case TaskState.Live live ->
                        delete.precondition().admits(live.version())
                                ? Either.right(List.of(new TaskDeleted()))
                                : Either.left(new Rejection.VersionMismatch(live.version()));
                    case TaskState.Absent ignored -> Either.left(new Rejection.NotFound());
                    case TaskState.Deleted ignored -> Either.left(new Rejection.NotFound());
                };
            }
        };
    }

    private static Either<Rejection, List<TaskEvent>> update(
            TaskState.Live live, Map<TaskField, Object> values, Precondition precondition, Actor actor) {
        if (actor.role() == Role.MEMBER && !owns(actor, live)) {
            return Either.left(
                    new Rejection.Forbidden("members may update only tasks they created or that are assigned to them"));
        }
        if (!precondition.admits(live.version())) {
            return Either.left(new Rejection.VersionMismatch(live.version()));
        }
        Map<TaskField, TaskUpdated.Change> changes = new EnumMap<>(TaskField.class);
        values.forEach((field, value) -> {
            Object old = live.fields().get(field);
            if (!Objects.equals(old, value)) {
                changes.put(field, new TaskUpdated.Change(old, value));
            }
        });
        return Either.right(changes.isEmpty() ? List.of() : List.of(new TaskUpdated(changes)));
    }

    /** SPEC section 2: created by them, or assigned to their e-mail (compared as {@code EmailAddresses} says). */
    static boolean owns(Actor actor, TaskState.Live task) {
        String assignee = task.fields().assignedTo();
        return task.createdBy().equals(actor.userId())
                || (assignee != null
                        && actor.email() != null
                        && dev.taskledger.events.EmailAddresses.same(assignee, actor.email()));
    }

    /**
     * Folds one event into the state. Total for every history {@code decide} can produce; an event that cannot
     * follow the state (a corrupt history) raises {@link InvalidHistoryException}.
     */
    public static TaskState evolve(TaskState state, TaskEvent event, EventMeta meta) {
        if (meta.taskVersion() != state.version() + 1) {
            throw new InvalidHistoryException(
                    "task " + meta.taskId() + " version " + meta.taskVersion() + " does not follow " + state.version());
        }
        String by = meta.actor().userId();
        return switch (event) {
            case TaskCreated created ->
                switch (state) {
                    case TaskState.Absent ignored ->
                        new TaskState.Live(
                                meta.taskId(),
                                created.fields(),
                                meta.occurredAt(),
                                by,
                                meta.occurredAt(),
                                by,
                                meta.taskVersion());
                    case TaskState.Live ignored -> throw new InvalidHistoryException("task created twice");
                    case TaskState.Deleted ignored -> throw new InvalidHistoryException("deleted task created again");
                };
            case TaskUpdated updated ->
                switch (state) {
                    case TaskState.Live live -> {
                        yield new TaskState.Live(
                                live.taskId(),
                                live.fields().apply(updated),
                                live.createdAt(),
                                live.createdBy(),
                                meta.occurredAt(),
                                by,
                                meta.taskVersion());
                    }
                    case TaskState.Absent ignored -> throw new InvalidHistoryException("update before creation");
                    case TaskState.Deleted ignored -> throw new InvalidHistoryException("update after deletion");
                };
            case TaskDeleted ignored ->
                switch (state) {
                    case TaskState.Live live ->
                        new TaskState.Deleted(live.taskId(), meta.taskVersion(), meta.occurredAt(), by);
                    case TaskState.Absent a -> throw new InvalidHistoryException("deletion before creation");
                    case TaskState.Deleted d -> throw new InvalidHistoryException("deleted twice");
                };
        };
    }
}
