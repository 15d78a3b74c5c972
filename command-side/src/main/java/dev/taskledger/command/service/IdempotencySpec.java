package dev.taskledger.command.service;

import java.time.Instant;
import java.util.function.Function;

/**
 * The idempotency key of a command: its request fingerprint, how to render the response stored with the events
 * (known only once they are appended), and when the record may be forgotten.
 */
public record IdempotencySpec(
        String key, String fingerprint, Function<CommandResult.Applied, String> response, Instant expiresAt) {}
