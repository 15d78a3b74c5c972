package dev.taskledger.table;

import java.util.Optional;

/**
 * Durable positions of change-stream consumers, kept beside the stream rather than in the table: a position
 * written as an item would itself appear in the stream, and a consumer would never run out of records to read.
 * (In AWS, Lambda's event source mapping keeps this position.)
 */
public interface ConsumerPositions {
    Optional<String> position(String consumer);

    void savePosition(String consumer, String sequenceNumber);
}
