package dev.taskledger.ledger;

import java.time.Instant;

/**
 * The first response to a request with an idempotency key, kept per tenant until {@code expiresAt}.
 * {@code fingerprint} identifies the request (method, path, body); {@code response} is opaque to the ledger.
 */
public record IdempotencyRecord(String key, String fingerprint, String response, long sequence, Instant expiresAt) {}
