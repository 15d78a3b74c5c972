package dev.taskledger.projector.bus;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The bus port on Amazon EventBridge: one PutEvents call per batch; entries with an error code are returned. */
public final class EventBridgeBus implements EventBus {
    private final EventBridgeClient client;
    private final String busName;

    public EventBridgeBus(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public List<Integer> publish(List<BusEvent> events) {
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " events per publish");
        }
        List<PutEventsRequestEntry> entries = events.stream()
                .map(e -> PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(e.source())
                        .detailType(e.detailType())
                        .detail(e.detail().toString())
                        .build())
                .toList();
        try {
            PutEventsResponse response = client.putEvents(r -> r.entries(entries));
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < response.entries().size(); i++) {
                if (response.entries().get(i).errorCode() != null) {
                    failed.add(i);
                }
            }
            return failed;
        } catch (SdkException e) {
            throw new IllegalStateException("EventBridge PutEvents failed", e);
        }
    }
}
