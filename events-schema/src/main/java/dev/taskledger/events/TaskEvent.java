package dev.taskledger.events;

/**
 * A fact about one task. The stored name and schema version of each case come from {@link EventTypes}, never
 * from the Java class name.
 */
public sealed interface TaskEvent permits TaskCreated, TaskUpdated, TaskDeleted {}
