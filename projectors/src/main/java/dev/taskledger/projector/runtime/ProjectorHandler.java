package dev.taskledger.projector.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.http.observe.Telemetry;
import java.util.Map;

/**
 * The target of an event route: takes the EventBridge event, reads the envelope in its {@code detail}, and has
 * the projection catch up — to the ledger's head, so that under load one delivery applies every event waiting
 * (in groups) and the deliveries behind it find nothing left to do. Idempotent and order-tolerant by construction.
 */
public final class ProjectorHandler {
    private final ProjectionRuntime runtime;

    public ProjectorHandler(ProjectionRuntime runtime) {
        this.runtime = runtime;
    }

    public void handle(JsonNode eventBridgeEvent) {
        EventEnvelope envelope = EventCodec.fromJson(eventBridgeEvent.get("detail"));
        runtime.catchUpToHead(envelope.tenantId(), envelope.sequence());
        long lag =
                Math.max(0, System.currentTimeMillis() - envelope.occurredAt().toEpochMilli());
        Telemetry.record(
                "INFO",
                "projected",
                Map.of("tenant_id", envelope.tenantId(), "sequence", envelope.sequence(), "projector", runtime.name()),
                Telemetry.Metric.millis("ProjectionLagMs", lag, Map.of("projector", runtime.name())));
    }
}
