package dev.taskledger.integration.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import java.time.Instant;
import java.util.List;

/** A tenant's subscription: where to POST which event types, and the secret that signs each delivery. */
public record Webhook(
        String tenantId,
        String webhookId,
        String url,
        List<String> eventTypes,
        String description,
        Instant createdAt,
        String secret) {
    public static final String ALL_TYPES = "*";

    public Webhook {
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean wants(String eventType) {
        return eventTypes.contains(ALL_TYPES) || eventTypes.contains(eventType);
    }

    /** The representation; the secret only when {@code withSecret} (the answer to the creation, once). */
    public ObjectNode toJson(boolean withSecret) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("webhook_id", webhookId);
        json.put("url", url);
        eventTypes.forEach(json.putArray("event_types")::add);
        json.put("description", description);
        json.put("created_at", Times.format(createdAt));
        if (withSecret) {
            json.put("secret", secret);
        }
        return json;
    }
}
