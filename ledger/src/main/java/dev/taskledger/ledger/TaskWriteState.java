package dev.taskledger.ledger;

/** A task's write-side item: its version, the sequence of its latest event, and its folded state (JSON). */
public record TaskWriteState(String taskId, long version, long lastSequence, String state) {}
