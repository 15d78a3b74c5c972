package dev.taskledger.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A ledger on an embedded table, with commands as the command side runs them, and bus events made of its events. */
public final class Tasks implements AutoCloseable {
    public final SqliteTable table;
    public final Ledger ledger;
    private final TaskCommandService service;

    public Tasks(Path dir) {
        this.table = SqliteTable.open(dir.resolve("t.db"));
        this.ledger = new Ledger(table, java.time.Clock.systemUTC());
        this.service = new TaskCommandService(ledger);
    }

    public static Actor actor(String email, Role role) {
        return new Actor(email == null ? "anon" : email.substring(0, email.indexOf('@')), email, role);
    }

    public String create(String tenant, Actor actor, String body) throws Exception {
        String taskId = UUID.randomUUID().toString();
        run(tenant, TaskRequests.create(EventCodec.MAPPER.readTree(body)).get(), actor, taskId);
        return taskId;
    }

    public void update(String tenant, Actor actor, String taskId, String patch) throws Exception {
        run(
                tenant,
                TaskRequests.update(taskId, EventCodec.MAPPER.readTree(patch), Precondition.NONE)
                        .get(),
                actor,
                null);
    }

    public void delete(String tenant, Actor actor, String taskId) {
        run(tenant, new TaskCommand.DeleteTask(taskId, Precondition.NONE), actor, null);
    }

    private void run(String tenant, TaskCommand command, Actor actor, String newTaskId) {
        service.handle(
                tenant,
                command,
                new CommandContext(
                        actor,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        newTaskId == null ? "unused" : newTaskId,
                        "test"),
                Optional.empty());
    }

    /** The ledger event at {@code sequence}, as the bus hands it to a target. */
    public JsonNode busEvent(String tenant, long sequence) {
        StoredEvent event = ledger.events(tenant, sequence, sequence, 1).getFirst();
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("source", "taskledger.tasks");
        json.put("detail-type", event.envelope().eventType());
        json.set("detail", event.json());
        return json;
    }

    public List<JsonNode> allBusEvents(String tenant) {
        long head = ledger.head(tenant).sequence();
        return java.util.stream.LongStream.rangeClosed(1, head)
                .mapToObj(s -> busEvent(tenant, s))
                .toList();
    }

    @Override
    public void close() {
        table.close();
    }
}
