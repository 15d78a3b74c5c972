package dev.taskledger.table;

import java.util.List;

/**
 * The table's change stream: one record per item write that changed the item, in commit order per key. In AWS,
 * DynamoDB Streams feeds Lambda directly; this port is how the local runtime's poller and the tests read it.
 */
public interface ChangeStream {
    /**
     * Up to {@code limit} records after the one with {@code afterSequenceNumber} ({@code null}: from the oldest
     * retained record).
     */
    List<ChangeRecord> read(String afterSequenceNumber, int limit);
}
