package dev.taskledger.events;

/** Lifecycle status of a task; any status may move to any other. */
public enum Status {
    OPEN,
    IN_PROGRESS,
    DONE,
    CANCELLED
}
