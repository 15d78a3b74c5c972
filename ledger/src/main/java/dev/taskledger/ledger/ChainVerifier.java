package dev.taskledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.HashChain;

/**
 * Recomputes a tenant's hash chain from the stored event items themselves (never from a projection): each
 * sequence follows the previous one, each {@code prev_hash} is the previous {@code hash}, and each {@code hash}
 * is the recipe of {@link HashChain} over the stored JSON.
 */
public final class ChainVerifier {
    /** The outcome of a verification, in the shape of {@code GET /audit/verify}. */
    public record Report(
            boolean verified, long checked, Long firstSequence, Long lastSequence, String headHash, Failure failure) {}

    public record Failure(long sequence, String reason) {}

    private ChainVerifier() {}

    public static Report verify(Ledger ledger, String tenantId, long fromSequence, long toSequence) {
        LedgerHead head = ledger.head(tenantId);
        long to = Math.min(toSequence, head.sequence());
        long from = Math.max(1, fromSequence);
        if (from > to) {
            return new Report(true, 0, null, null, from == 1 ? HashChain.GENESIS : head.hash(), null);
        }
        var state = new Object() {
            long expected = from;
            String prev = from == 1 ? HashChain.GENESIS : null;
            long checked = 0;
            Failure failure;
        };
        if (from > 1) {
            var previous = ledger.events(tenantId, from - 1, from - 1, 1);
            state.prev = previous.isEmpty()
                    ? null
                    : previous.getFirst().json().get("hash").asText();
        }
        try {
            ledger.forEachStoredJson(tenantId, from, to, (sequence, json) -> {
                if (state.failure != null) {
                    return;
                }
                if (sequence != state.expected || json.path("sequence").asLong() != sequence) {
                    state.failure = new Failure(state.expected, "event missing");
                    return;
                }
                JsonNode hashNode = json.remove("hash");
                JsonNode prevNode = json.get("prev_hash");
                if (hashNode == null || prevNode == null) {
                    state.failure = new Failure(sequence, "event has no hash or prev_hash");
                    return;
                }
                String storedHash = hashNode.asText();
                String prevHash = prevNode.asText();
                if (state.prev != null && !state.prev.equals(prevHash)) {
                    state.failure = new Failure(sequence, "prev_hash does not match the previous event's hash");
                    return;
                }
                if (!HashChain.isHash(prevHash)
                        || !HashChain.computeHash(prevHash, json).equals(storedHash)) {
                    state.failure = new Failure(sequence, "hash does not match the event's content");
                    return;
                }
                state.prev = storedHash;
                state.expected++;
                state.checked++;
            });
        } catch (RuntimeException e) {
            state.failure = new Failure(state.expected, "event cannot be decoded: " + e.getMessage());
        }
        if (state.failure == null && state.expected != to + 1) {
            state.failure = new Failure(state.expected, "event missing");
        }
        if (state.failure == null && to == head.sequence() && !head.hash().equals(state.prev)) {
            state.failure = new Failure(to, "ledger head does not match the last event");
        }
        return new Report(state.failure == null, state.checked, from, to, state.prev, state.failure);
    }
}
