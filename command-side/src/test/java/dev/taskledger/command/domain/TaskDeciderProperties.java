package dev.taskledger.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.EventSchemas;
import dev.taskledger.events.EventTypes;
import dev.taskledger.events.Role;
import dev.taskledger.events.TaskEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the decider over random command sequences by random actors, valid and invalid bodies alike. */
class TaskDeciderProperties {
    static final String TASK = "task-p";
    static final List<Actor> ACTORS = List.of(
            new Actor("a1", "a1@example.com", Role.ADMIN),
            new Actor("m1", "m1@example.com", Role.MEMBER),
            new Actor("m2", null, Role.MEMBER),
            new Actor("u1", "u1@example.com", Role.AUDITOR));

    record Step(Actor actor, TaskCommand command) {}

    record Decided(TaskEvent event, EventMeta meta) {}

    @Property(tries = 300)
    void evolve_is_total_over_anything_decide_produced_and_versions_grow_by_exactly_one(
            @ForAll("histories") List<Step> steps) {
        List<Decided> history = run(steps);

        long expected = 1;
        for (Decided d : history) {
            assertThat(d.meta().taskVersion()).isEqualTo(expected++);
            // every event decide produces conforms to the published schema of its type
            assertThat(EventSchemas.validateData(EventTypes.of(d.event()), EventCodec.dataToJson(d.event())))
                    .isEmpty();
        }
    }

    @Property(tries = 300)
    void a_history_folds_to_the_same_state_however_it_is_replayed(@ForAll("histories") List<Step> steps) {
        List<Decided> history = run(steps);
        TaskState live = liveState(steps);

        TaskState replayed = TaskState.ABSENT;
        for (Decided d : history) {
            replayed = TaskDecider.evolve(replayed, d.event(), d.meta());
        }
        // through the wire form, as a reader of the ledger would
        TaskState decoded = TaskState.ABSENT;
        for (Decided d : history) {
            ObjectNode data = EventCodec.dataToJson(d.event());
            EventTypes.EventType type = EventTypes.of(d.event());
            TaskEvent back = EventCodec.dataFromJson(type.name(), type.schemaVersion(), data);
            decoded = TaskDecider.evolve(decoded, back, d.meta());
        }
        assertThat(replayed).isEqualTo(live);
        assertThat(decoded).isEqualTo(live);
    }

    @Property(tries = 200)
    void rejected_commands_emit_nothing_and_leave_the_state_alone(@ForAll("histories") List<Step> steps) {
        TaskState state = TaskState.ABSENT;
        Instant t = Instant.parse("2026-01-01T00:00:00.000Z");
        for (Step step : steps) {
            if (step.command() instanceof TaskCommand.CreateTask && !(state instanceof TaskState.Absent)) {
                continue; // a create always gets a fresh id: it concerns another task
            }
            var result = TaskDecider.decide(step.command(), state, new CommandContext(step.actor(), t, TASK, "corr"));
            if (result.isLeft()) {
                continue;
            }
            for (TaskEvent event : result.get()) {
                state = TaskDecider.evolve(state, event, new EventMeta(TASK, state.version() + 1, t, step.actor()));
            }
        }
        assertThat(state.version()).isEqualTo(run(steps).size());
    }

    static List<Decided> run(List<Step> steps) {
        List<Decided> history = new ArrayList<>();
        TaskState state = TaskState.ABSENT;
        Instant t = Instant.parse("2026-01-01T00:00:00.000Z");
        for (Step step : steps) {
            t = t.plusSeconds(7);
            if (step.command() instanceof TaskCommand.CreateTask && !(state instanceof TaskState.Absent)) {
                continue;
            }
            var result = TaskDecider.decide(step.command(), state, new CommandContext(step.actor(), t, TASK, "corr"));
            if (result.isLeft()) {
                continue;
            }
            for (TaskEvent event : result.get()) {
                EventMeta meta = new EventMeta(TASK, state.version() + 1, t, step.actor());
                state = TaskDecider.evolve(state, event, meta);
                history.add(new Decided(event, meta));
            }
        }
        return history;
    }

    static TaskState liveState(List<Step> steps) {
        TaskState state = TaskState.ABSENT;
        for (Decided d : run(steps)) {
            state = TaskDecider.evolve(state, d.event(), d.meta());
        }
        return state;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return step().list().ofMinSize(1).ofMaxSize(25);
    }

    Arbitrary<Step> step() {
        Arbitrary<Actor> actor = Arbitraries.of(ACTORS);
        Arbitrary<TaskCommand> command = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        3,
                        body().map(TaskRequests::create)
                                .filter(io.vavr.control.Either::isRight)
                                .map(e -> (TaskCommand) e.get())),
                net.jqwik.api.Tuple.of(
                        6,
                        Combinators.combine(body(), precondition())
                                .as((b, p) -> TaskRequests.update(TASK, b, p))
                                .filter(io.vavr.control.Either::isRight)
                                .map(e -> (TaskCommand) e.get())),
                net.jqwik.api.Tuple.of(1, precondition().map(p -> new TaskCommand.DeleteTask(TASK, p))));
        return Combinators.combine(actor, command).as(Step::new);
    }

    Arbitrary<Precondition> precondition() {
        return Arbitraries.oneOf(
                Arbitraries.just(Precondition.NONE),
                Arbitraries.just(new Precondition.AnyVersion()),
                Arbitraries.longs().between(0, 6).map(v -> new Precondition.EntityTags(Set.of(Long.toString(v)))));
    }

    Arbitrary<JsonNode> body() {
        Arbitrary<String> title =
                Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), Arbitraries.just(""));
        Arbitrary<String> status = Arbitraries.of("OPEN", "IN_PROGRESS", "DONE", "CANCELLED", "LOST");
        Arbitrary<String> priority = Arbitraries.of("LOW", "MEDIUM", "HIGH", "URGENT");
        Arbitrary<String> assignee = Arbitraries.of("m1@example.com", "M1@Example.com", "x@y.z", "bad", "");
        Arbitrary<List<String>> labels =
                Arbitraries.of("ops", "ci", "Ops", "a:b").list().ofMaxSize(3);
        return Combinators.combine(
                        title.optional(),
                        status.optional(),
                        priority.optional(),
                        assignee.optional(),
                        labels.optional(),
                        Arbitraries.of(true, false))
                .as((ti, st, pr, as, la, clear) -> {
                    ObjectNode body = EventCodec.MAPPER.createObjectNode();
                    ti.ifPresent(v -> body.put("title", v));
                    st.ifPresent(v -> body.put("status", v));
                    pr.ifPresent(v -> body.put("priority", v));
                    as.ifPresent(v -> body.put("assigned_to", v));
                    la.ifPresent(v -> v.forEach(body.withArray("labels")::add));
                    if (clear) {
                        body.putNull("due_date");
                        body.putNull("description");
                    }
                    return body;
                });
    }
}
