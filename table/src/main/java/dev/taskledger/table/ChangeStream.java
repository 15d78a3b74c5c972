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

    /** Up to {@code limit} records after {@code afterSequenceNumber} that match {@code filter}. */
    default List<ChangeRecord> read(String afterSequenceNumber, int limit, ChangeFilter filter) {
        List<ChangeRecord> matching = new java.util.ArrayList<>();
        String after = afterSequenceNumber;
        while (matching.size() < limit) {
            List<ChangeRecord> batch = read(after, limit);
            if (batch.isEmpty()) {
                break;
            }
            batch.stream()
                    .filter(filter::matches)
                    .limit(limit - matching.size())
                    .forEach(matching::add);
            after = batch.getLast().sequenceNumber();
        }
        return matching;
    }
}
