package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import java.time.Instant;

/** One message to one person about one event. {@code notificationId} is stable across redeliveries. */
public record Notification(
        String tenantId,
        String taskId,
        long sequence,
        String eventId,
        Trigger trigger,
        String recipient,
        String subject,
        String text,
        Instant occurredAt) {

    public String notificationId() {
        return "ntf_" + eventId + "_" + trigger.name().toLowerCase(java.util.Locale.ROOT);
    }

    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("notification_id", notificationId());
        json.put("tenant_id", tenantId);
        json.put("task_id", taskId);
        json.put("sequence", sequence);
        json.put("event_id", eventId);
        json.put("trigger", trigger.name());
        json.put("recipient", recipient);
        json.put("subject", subject);
        json.put("text", text);
        json.put("occurred_at", Times.format(occurredAt));
        return json;
    }
}
