package dev.taskledger.events;

/** The roles a principal can hold, most privileged first. */
public enum Role {
    ADMIN,
    AUDITOR,
    MEMBER
}
