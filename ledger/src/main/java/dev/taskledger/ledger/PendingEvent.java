package dev.taskledger.ledger;

import dev.taskledger.events.Actor;
import dev.taskledger.events.TaskEvent;
import java.time.Instant;

/** An event to append; the ledger assigns its sequence, task version and hashes. */
public record PendingEvent(String eventId, TaskEvent data, Instant occurredAt, Actor actor, String correlationId) {}
