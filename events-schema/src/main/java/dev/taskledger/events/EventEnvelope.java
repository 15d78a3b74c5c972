package dev.taskledger.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One ledger entry: a task event with everything that places it in the tenant's ledger. {@code eventType} and
 * {@code schemaVersion} are derived from the event through {@link EventTypes}. {@code hash} covers every other
 * member (see {@link HashChain}).
 */
public record EventEnvelope(
        String eventId,
        String tenantId,
        String taskId,
        long taskVersion,
        long sequence,
        Instant occurredAt,
        Actor actor,
        String correlationId,
        TaskEvent data,
        String prevHash,
        String hash) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        if (taskVersion < 1 || sequence < 1) {
            throw new IllegalArgumentException("task_version and sequence start at 1");
        }
    }

    public String eventType() {
        return EventTypes.of(data).name();
    }

    public int schemaVersion() {
        return EventTypes.of(data).schemaVersion();
    }

    /** The metadata {@code evolve} needs, without ledger placement. */
    public EventMeta meta() {
        return new EventMeta(taskId, taskVersion, occurredAt, actor);
    }
}
