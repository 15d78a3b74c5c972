package dev.taskledger.events;

/** A task was deleted; it reads as absent from then on, its history stays. */
public record TaskDeleted() implements TaskEvent {}
