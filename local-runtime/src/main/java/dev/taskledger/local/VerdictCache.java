package dev.taskledger.local;

import dev.taskledger.http.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorizer results API Gateway would cache, per Authorization header, for the authorizer's TTL: bounded (the
 * whole cache is dropped when it fills, as a flood of distinct tokens must not grow memory), time-limited, and never
 * past the token's own expiry ({@link Principal#EXPIRES_AT} in the verdict): an expired token is authenticated again
 * (and refused).
 */
final class VerdictCache {
    private record Entry(Map<String, Object> context, long expiresAtNanos) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    VerdictCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    Map<String, Object> get(String authorization) {
        Entry entry = entries.get(authorization);
        if (entry == null) {
            return null;
        }
        Object tokenExpiry = entry.context().get(Principal.EXPIRES_AT);
        if (System.nanoTime() - entry.expiresAtNanos() > 0
                || (tokenExpiry != null && expiredToken(tokenExpiry.toString()))) {
            entries.remove(authorization, entry);
            return null;
        }
        return entry.context();
    }

    private static boolean expiredToken(String expiresAt) {
        try {
            return java.time.Instant.now().getEpochSecond() >= Long.parseLong(expiresAt);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    void put(String authorization, Map<String, Object> context) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(
                authorization,
                new Entry(
                        java.util.Collections.unmodifiableMap(new java.util.HashMap<>(context)),
                        System.nanoTime() + ttlNanos));
    }
}
