package dev.taskledger.command.service;

import static dev.taskledger.command.service.ServiceFixture.json;

import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.Actor;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.assertj.core.api.Assertions;

/** For random histories written through the service, folding each task's events equals its write state. */
class WriteStateProperties {
    static Path dir;
    static SqliteTable table;
    static Ledger ledger;
    static TaskCommandService service;
    static int run;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("ws-props");
        table = SqliteTable.open(dir.resolve("p.db"), SqliteTable.Durability.NORMAL, Clock.systemUTC());
        ledger = new Ledger(table, Clock.systemUTC());
        service = new TaskCommandService(ledger);
    }

    @AfterContainer
    static void close() {
        table.close();
    }

    record Step(int task, String kind, String body, Actor actor) {}

    @Property(tries = 40)
    void folding_a_tasks_events_equals_its_write_state(@ForAll("steps") List<Step> steps) {
        String tenant = "prop-" + (run++);
        List<String> tasks = List.of("a", "b", "c");
        for (Step step : steps) {
            String id = tasks.get(step.task());
            TaskCommand command =
                    switch (step.kind()) {
                        case "create" -> TaskRequests.create(json(step.body())).getOrNull();
                        case "update" ->
                            TaskRequests.update(id, json(step.body()), Precondition.NONE)
                                    .getOrNull();
                        default -> new TaskCommand.DeleteTask(id, Precondition.NONE);
                    };
            if (command == null) {
                continue; // a body the edge refuses never reaches the service
            }
            if (command instanceof TaskCommand.CreateTask
                    && ledger.taskState(tenant, id).isPresent()) {
                continue;
            }
            service.handle(tenant, command, ServiceFixture.context(step.actor(), id), Optional.empty());
        }
        for (String id : tasks) {
            if (ledger.taskState(tenant, id).isPresent()) {
                ServiceFixture.assertFoldEqualsWriteState(ledger, tenant, id);
            }
        }
        Assertions.assertThat(
                        ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE).verified())
                .isTrue();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> body = Arbitraries.of(
                "{'title':'x'}",
                "{'status':'DONE'}",
                "{'status':'OPEN','priority':'HIGH'}",
                "{'assigned_to':'m@example.com'}",
                "{'assigned_to':null,'labels':['a','b']}",
                "{'labels':null,'due_date':'2026-05-01'}",
                "{'title':''}",
                "{'description':'d\\nx'}");
        Arbitrary<Actor> actor = Arbitraries.of(
                new Actor("a", "a@example.com", Role.ADMIN),
                new Actor("m", "m@example.com", Role.MEMBER),
                new Actor("u", null, Role.AUDITOR));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of("create", "create", "update", "update", "update", "delete"),
                        body,
                        actor)
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }
}
