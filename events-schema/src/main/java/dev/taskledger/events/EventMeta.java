package dev.taskledger.events;

import java.time.Instant;

/** What folding an event into task state needs beyond the event itself. */
public record EventMeta(String taskId, long taskVersion, Instant occurredAt, Actor actor) {}
