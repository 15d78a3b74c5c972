package dev.taskledger.projector.bus;

import java.util.List;

/**
 * The bus port, shaped like EventBridge's PutEvents: at most {@link #MAX_BATCH} events per call; the result lists
 * the indexes of the entries that were not accepted (the caller retries them). Delivery to targets is
 * at-least-once and unordered.
 */
public interface EventBus {
    int MAX_BATCH = 10;

    /** Indexes into {@code events} of the entries that failed. */
    List<Integer> publish(List<BusEvent> events);
}
