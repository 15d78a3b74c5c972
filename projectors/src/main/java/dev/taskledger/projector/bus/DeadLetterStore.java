package dev.taskledger.projector.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the in-process bus parks deliveries that exhausted their retries, and where redrive requests wait. The
 * local runtime keeps them in its table, so they survive restarts and an operator can list and redrive them with
 * the {@code dlq} command while the runtime is stopped or running; tests keep them in memory.
 */
public interface DeadLetterStore {
    void park(DeadLetter letter);

    List<DeadLetter> parked();

    /** Removes a parked letter; false when it was not there (redriven by someone else). */
    boolean remove(String id);

    /** Parked letters an operator asked to redrive (and no longer parked): the bus delivers them and forgets them. */
    default List<DeadLetter> takeRedriveRequests() {
        return List.of();
    }

    static DeadLetterStore inMemory() {
        return new DeadLetterStore() {
            private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

            public void park(DeadLetter letter) {
                letters.add(letter);
            }

            public List<DeadLetter> parked() {
                return List.copyOf(letters);
            }

            public boolean remove(String id) {
                return letters.removeIf(l -> l.id().equals(id));
            }
        };
    }
}
