package dev.taskledger.command.service;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.domain.TaskDecider;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.ledger.AppendOutcome;
import dev.taskledger.ledger.AppendRequest;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.PendingEvent;
import dev.taskledger.ledger.TaskWriteState;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads a task's write state (one read), decides, folds the new events, and appends them with the state they
 * lead to. When another command on the same task wins the race, the whole load–decide–append is retried with
 * jittered backoff, so commands without {@code If-Match} are serialized and none is lost; a command with a
 * stale {@code If-Match} then gets its version mismatch from {@code decide}.
 */
public final class TaskCommandService {
    private final Ledger ledger;
    private final Supplier<String> eventIds;
    private final Retry retry;

    public TaskCommandService(Ledger ledger, Supplier<String> eventIds, int maxAttempts) {
        this.ledger = ledger;
        this.eventIds = eventIds;
        this.retry = Retry.of(
                "task-version",
                RetryConfig.<Attempt>custom()
                        .maxAttempts(maxAttempts)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                Duration.ofMillis(1), 1.5, 0.9, Duration.ofMillis(50)))
                        .retryOnResult(result -> result instanceof Lost)
                        .build());
    }

    public TaskCommandService(Ledger ledger) {
        this(ledger, Ids::newId, 100);
    }

    /** Loads and decides without appending: what the command would be answered with, if it were rejected. */
    public Optional<Rejection> rejection(String tenantId, TaskCommand command, CommandContext context) {
        String taskId = taskId(command, context);
        TaskState state = load(tenantId, taskId).state();
        return TaskDecider.decide(command, state, context).swap().toJavaOptional();
    }

    private record Loaded(TaskState state, Optional<TaskWriteState> stored) {}

    private Loaded load(String tenantId, String taskId) {
        Optional<TaskWriteState> stored = ledger.taskState(tenantId, taskId);
        TaskState state = stored.map(
                        s -> TaskStateCodec.decode(Keys.task(tenantId, taskId).toString(), s.state()))
                .orElse(TaskState.ABSENT);
        return new Loaded(state, stored);
    }

    private static String taskId(TaskCommand command, CommandContext context) {
        return switch (command) {
            case TaskCommand.CreateTask c -> context.newTaskId();
            case TaskCommand.UpdateTask u -> u.taskId();
            case TaskCommand.DeleteTask d -> d.taskId();
        };
    }

    public CommandResult handle(
            String tenantId, TaskCommand command, CommandContext context, Optional<IdempotencySpec> idempotency) {
        return switch (retry.executeSupplier(() -> attempt(tenantId, command, context, idempotency))) {
            case Done done -> done.result();
            case Lost lost ->
                throw new IllegalStateException("task " + lost.taskId() + " stayed contended past the retry budget");
        };
    }

    private Attempt attempt(
            String tenantId, TaskCommand command, CommandContext context, Optional<IdempotencySpec> idempotency) {
        String taskId =
                switch (command) {
                    case TaskCommand.CreateTask c -> context.newTaskId();
                    case TaskCommand.UpdateTask u -> u.taskId();
                    case TaskCommand.DeleteTask d -> d.taskId();
                };
        Optional<TaskWriteState> stored = ledger.taskState(tenantId, taskId);
        TaskState state = stored.map(
                        s -> TaskStateCodec.decode(Keys.task(tenantId, taskId).toString(), s.state()))
                .orElse(TaskState.ABSENT);
        Either<Rejection, List<TaskEvent>> decision = TaskDecider.decide(command, state, context);
        if (decision.isLeft()) {
            return new Done(new CommandResult.Rejected(decision.getLeft()));
        }
        List<TaskEvent> events = decision.get();
        if (events.isEmpty()) {
            return new Done(new CommandResult.Unchanged(
                    state, stored.map(TaskWriteState::lastSequence).orElse(0L)));
        }
        TaskState next = state;
        List<PendingEvent> pending = new ArrayList<>();
        for (TaskEvent event : events) {
            next = TaskDecider.evolve(
                    next, event, new EventMeta(taskId, next.version() + 1, context.now(), context.actor()));
            pending.add(
                    new PendingEvent(eventIds.get(), event, context.now(), context.actor(), context.correlationId()));
        }
        TaskState after = next;
        Optional<AppendRequest.IdempotencyWrite> write = idempotency.map(spec -> new AppendRequest.IdempotencyWrite(
                spec.key(),
                spec.fingerprint(),
                appended -> spec.response().apply(new CommandResult.Applied(after, appended.events())),
                spec.expiresAt()));
        AppendOutcome outcome = ledger.append(
                new AppendRequest(tenantId, taskId, state.version(), pending, TaskStateCodec.encode(next), write));
        return switch (outcome) {
            case AppendOutcome.Appended appended -> new Done(new CommandResult.Applied(after, appended.events()));
            case AppendOutcome.VersionMismatch mismatch -> new Lost(taskId);
            case AppendOutcome.NotFound notFound -> new Done(new CommandResult.Rejected(new Rejection.NotFound()));
            case AppendOutcome.IdempotencyKeyTaken taken -> new Done(new CommandResult.AlreadyDone(taken.existing()));
        };
    }

    private sealed interface Attempt {}

    private record Done(CommandResult result) implements Attempt {}

    /** Another command on the task won the race; the attempt is retried. */
    private record Lost(String taskId) implements Attempt {}
}
