package dev.taskledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.HashChain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recomputes a tenant's hash chain from the stored event items themselves (never from a projection): each
 * sequence follows the previous one, each {@code prev_hash} is the previous {@code hash}, and each {@code hash}
 * is the recipe of {@link HashChain} over the stored JSON.
 *
 * <p>Each event's checks need only the stored hash of the event before it, so a long range is verified in chunks
 * on all cores; the links between chunks are checked when the chunks are joined, in sequence order, and the first
 * failure by sequence is the one reported.
 */
public final class ChainVerifier {
    /** Events per chunk: ranges up to this size are verified on the calling thread. */
    static final int CHUNK = 50_000;

    /** The outcome of a verification, in the shape of {@code GET /audit/verify}. */
    public record Report(
            boolean verified, long checked, Long firstSequence, Long lastSequence, String headHash, Failure failure) {}

    public record Failure(long sequence, String reason) {}

    /** A verified run of events: the {@code prev_hash} its first event names, its last hash, how many checked. */
    private record Segment(long from, long to, String firstPrev, String lastHash, long checked, Failure failure) {}

    private ChainVerifier() {}

    public static Report verify(Ledger ledger, String tenantId, long fromSequence, long toSequence) {
        return verify(ledger, tenantId, fromSequence, toSequence, CHUNK);
    }

    /** With chunks of {@code chunk} events (tests use small ones to prove the join equals a sequential pass). */
    public static Report verify(Ledger ledger, String tenantId, long fromSequence, long toSequence, int chunk) {
        LedgerHead head = ledger.head(tenantId);
        long to = Math.min(toSequence, head.sequence());
        long from = Math.max(1, fromSequence);
        if (from > to) {
            return new Report(true, 0, null, null, from == 1 ? HashChain.GENESIS : head.hash(), null);
        }
        String prev = from == 1 ? HashChain.GENESIS : null;
        if (from > 1) {
            var previous = ledger.events(tenantId, from - 1, from - 1, 1);
            prev = previous.isEmpty()
                    ? null
                    : previous.getFirst().json().get("hash").asText();
        }
        List<Segment> segments = segments(ledger, tenantId, from, to, chunk);
        long checked = 0;
        Failure failure = null;
        for (Segment segment : segments) {
            boolean firstEventBroken =
                    segment.failure() != null && segment.failure().sequence() == segment.from();
            if (!firstEventBroken && prev != null && segment.firstPrev() != null && !prev.equals(segment.firstPrev())) {
                failure = new Failure(segment.from(), "prev_hash does not match the previous event's hash");
                break;
            }
            checked += segment.checked();
            if (segment.lastHash() != null) {
                prev = segment.lastHash(); // the last hash verified, also when the segment then fails
            }
            if (segment.failure() != null) {
                failure = segment.failure();
                break;
            }
        }
        if (failure == null && to == head.sequence() && !head.hash().equals(prev)) {
            failure = new Failure(to, "ledger head does not match the last event");
        }
        return new Report(failure == null, checked, from, to, prev, failure);
    }

    private static List<Segment> segments(Ledger ledger, String tenantId, long from, long to, int chunk) {
        if (to - from + 1 <= chunk) {
            return List.of(segment(ledger, tenantId, from, to));
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Segment>> futures = new ArrayList<>();
            for (long start = from; start <= to; start += chunk) {
                long s = start;
                long e = Math.min(to, start + chunk - 1);
                futures.add(pool.submit(() -> segment(ledger, tenantId, s, e)));
            }
            List<Segment> segments = new ArrayList<>();
            for (Future<Segment> f : futures) {
                segments.add(f.get());
            }
            return segments;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed", e.getCause());
        }
    }

    /** Verifies one run; the link of its first event to the event before it is left to the caller. */
    private static Segment segment(Ledger ledger, String tenantId, long from, long to) {
        var state = new Object() {
            long expected = from;
            String prev = null;
            String firstPrev = null;
            long checked = 0;
            Failure failure;
        };
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
                if (sequence == from) {
                    state.firstPrev = prevHash;
                } else if (!state.prev.equals(prevHash)) {
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
        return new Segment(from, to, state.firstPrev, state.prev, state.checked, state.failure);
    }
}
