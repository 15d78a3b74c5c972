package dev.taskledger.projector.bridge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.bus.BusEvent;
import dev.taskledger.projector.bus.EventBus;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.table.ChangeFilter;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB stream records → ledger events → the bus. Only INSERTs of ledger event items are forwarded (views,
 * heads and idempotency records are not events); each becomes one entry with {@code source} taskledger.tasks,
 * {@code detail-type} the event type and {@code detail} the envelope. Entries go out at most ten per call; failed
 * entries are retried with backoff; records that still fail (or cannot be decoded) are reported as batch item
 * failures, so the event source retries from the first of them and nothing is silently dropped.
 */
public final class StreamBridgeHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** The event source filter: only inserted ledger events reach the bridge (it re-checks anyway). */
    public static final ChangeFilter FILTER = new ChangeFilter(ChangeRecord.EventName.INSERT, Keys.EVENT_PREFIX);

    private final EventBus bus;
    private final int maxAttempts;

    public StreamBridgeHandler(EventBus bus, int maxAttempts) {
        this.bus = bus;
        this.maxAttempts = maxAttempts;
    }

    private record Pending(String sequenceNumber, BusEvent event) {}

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<String> failed = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record :
                event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords()) {
            String sequence = record.getDynamodb().getSequenceNumber();
            try {
                if (!"INSERT".equals(record.getEventName())
                        || !isLedgerEvent(record.getDynamodb().getKeys())) {
                    continue;
                }
                ObjectNode envelope = (ObjectNode) EventCodec.MAPPER.readTree(
                        record.getDynamodb().getNewImage().get("event").getS());
                pending.add(new Pending(
                        sequence,
                        new BusEvent(
                                EventRoutes.SOURCE, envelope.get("event_type").asText(), envelope)));
            } catch (Exception e) {
                Telemetry.failure(
                        "WARN",
                        "stream record " + sequence + " cannot be read as a ledger event",
                        java.util.Map.of(),
                        e);
                failed.add(sequence);
            }
        }
        for (int from = 0; from < pending.size(); from += EventBus.MAX_BATCH) {
            failed.addAll(publish(pending.subList(from, Math.min(pending.size(), from + EventBus.MAX_BATCH))));
        }
        List<StreamsEventResponse.BatchItemFailure> failures = failed.stream()
                .map(s -> StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(s)
                        .build())
                .toList();
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private List<String> publish(List<Pending> batch) {
        List<Pending> remaining = batch;
        for (int attempt = 1; attempt <= maxAttempts && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleep(Math.min(1000L, 20L << (attempt - 2)));
            }
            List<Pending> current = remaining;
            List<Integer> failedIndexes;
            try {
                failedIndexes = bus.publish(current.stream().map(Pending::event).toList());
            } catch (RuntimeException e) {
                Telemetry.failure(
                        "WARN", "publishing to the bus failed (attempt " + attempt + ")", java.util.Map.of(), e);
                continue;
            }
            remaining = failedIndexes.stream().map(current::get).toList();
        }
        return remaining.stream().map(Pending::sequenceNumber).toList();
    }

    static boolean isLedgerEvent(Map<String, AttributeValue> keys) {
        if (keys == null || keys.get(Key.PK) == null || keys.get(Key.SK) == null) {
            return false;
        }
        String pk = keys.get(Key.PK).getS();
        String sk = keys.get(Key.SK).getS();
        return pk != null && sk != null && Keys.isEvent(new Key(pk, sk));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
