package dev.taskledger.integration.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery of one ledger event to one webhook, across its attempts. {@code PENDING}: not attempted yet;
 * {@code FAILED}: the last attempt failed and another is scheduled; {@code SUCCEEDED}: a 2xx answer;
 * {@code DEAD}: retries exhausted (redrivable). {@code nextAttemptAt} is the due time of its entry in the retry
 * queue; {@code revision} grows with every write, which is conditional on the revision read (no lost updates
 * between the dispatcher's first attempt and the sweeper).
 */
public record Delivery(
        String tenantId,
        String webhookId,
        long sequence,
        String eventId,
        Status status,
        int attempts,
        Optional<Integer> lastStatusCode,
        Optional<String> lastError,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> nextAttemptAt,
        long revision) {
    public enum Status {
        PENDING,
        SUCCEEDED,
        FAILED,
        DEAD
    }

    public static Delivery pending(
            String tenantId, String webhookId, long sequence, String eventId, Instant now, Instant firstAttemptAt) {
        return new Delivery(
                tenantId,
                webhookId,
                sequence,
                eventId,
                Status.PENDING,
                0,
                Optional.empty(),
                Optional.empty(),
                now,
                now,
                Optional.of(firstAttemptAt),
                0);
    }

    /** Unique per tenant, webhook and event: {@code <webhook>.<sequence>}. */
    public String deliveryId() {
        return webhookId + "." + sequence;
    }

    /** The Standard Webhooks message id: the same on every attempt, so receivers can deduplicate. */
    public String messageId() {
        return "msg_" + eventId;
    }

    public Delivery attempted(AttemptResult result, Status status, Instant now, Optional<Instant> next) {
        return new Delivery(
                tenantId,
                webhookId,
                sequence,
                eventId,
                status,
                attempts + 1,
                result.statusCode(),
                result.error(),
                createdAt,
                now,
                next,
                revision + 1);
    }

    /** The same delivery, its next attempt moved to {@code at} (a lease taken by whoever attempts it). */
    public Delivery dueAt(Instant at) {
        return new Delivery(
                tenantId,
                webhookId,
                sequence,
                eventId,
                status,
                attempts,
                lastStatusCode,
                lastError,
                createdAt,
                updatedAt,
                Optional.of(at),
                revision + 1);
    }

    /** Back to the start of its retry budget, due now: an operator's redrive of a dead letter. */
    public Delivery redriven(Instant now) {
        return new Delivery(
                tenantId,
                webhookId,
                sequence,
                eventId,
                Status.PENDING,
                0,
                lastStatusCode,
                lastError,
                now,
                now,
                Optional.of(now),
                revision + 1);
    }

    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("delivery_id", deliveryId());
        json.put("event_id", eventId);
        json.put("sequence", sequence);
        json.put("webhook_message_id", messageId());
        json.put("status", status.name());
        json.put("attempts", attempts);
        lastStatusCode.ifPresentOrElse(c -> json.put("last_status_code", c), () -> json.putNull("last_status_code"));
        lastError.ifPresentOrElse(e -> json.put("last_error", e), () -> json.putNull("last_error"));
        json.put("created_at", Times.format(createdAt));
        json.put("updated_at", Times.format(updatedAt));
        nextAttemptAt.ifPresentOrElse(
                t -> json.put("next_attempt_at", Times.format(t)), () -> json.putNull("next_attempt_at"));
        return json;
    }
}
