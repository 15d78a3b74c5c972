package dev.taskledger.integration.notify;

/** The changes that can notify someone. */
public enum Trigger {
    /** A task was created assigned to someone, or assigned to someone new: tells the new assignee. */
    ASSIGNED,
    /** A task was taken away from someone: tells the former assignee. */
    UNASSIGNED,
    /** An assigned task's status changed: tells the assignee. */
    STATUS_CHANGED,
    /** An assigned task was deleted: tells the assignee. */
    DELETED
}
