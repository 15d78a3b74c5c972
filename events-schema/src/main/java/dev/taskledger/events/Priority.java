package dev.taskledger.events;

/** Priority of a task. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH,
    URGENT
}
