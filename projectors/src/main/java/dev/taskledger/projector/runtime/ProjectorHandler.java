package dev.taskledger.projector.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;

/**
 * The target of an event route: takes the EventBridge event, reads the envelope in its {@code detail}, and has
 * the projection catch up to the event's sequence. Idempotent and order-tolerant by construction.
 */
public final class ProjectorHandler {
    private final ProjectionRuntime runtime;

    public ProjectorHandler(ProjectionRuntime runtime) {
        this.runtime = runtime;
    }

    public void handle(JsonNode eventBridgeEvent) {
        EventEnvelope envelope = EventCodec.fromJson(eventBridgeEvent.get("detail"));
        runtime.catchUp(envelope.tenantId(), envelope.sequence());
    }
}
