package dev.taskledger.projector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.EventSamples;
import dev.taskledger.projector.bus.BusEvent;
import dev.taskledger.projector.bus.EventBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamBridgeHandlerTest {
    static final List<EventEnvelope> CHAIN = EventSamples.chain("acme");

    /** A Lambda DynamoDB event in the JSON Lambda delivers, read the way the Lambda runtime reads it. */
    static DynamodbEvent event(List<ObjectNode> records) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        ArrayNode array = json.putArray("Records");
        records.forEach(array::add);
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamBridgeHandlerTest.class.getClassLoader())
                .fromJson(json.toString());
    }

    static ObjectNode record(String eventName, String sk, String sequence, String eventJson) {
        ObjectNode r = EventCodec.MAPPER.createObjectNode();
        r.put("eventID", "id-" + sequence);
        r.put("eventName", eventName);
        r.put("eventSource", "aws:dynamodb");
        ObjectNode d = r.putObject("dynamodb");
        ObjectNode keys = d.putObject("Keys");
        keys.putObject("PK").put("S", "TENANT#acme");
        keys.putObject("SK").put("S", sk);
        ObjectNode image = d.putObject("NewImage");
        image.putObject("PK").put("S", "TENANT#acme");
        image.putObject("SK").put("S", sk);
        if (eventJson != null) {
            image.putObject("event").put("S", eventJson);
        }
        d.put("SequenceNumber", sequence);
        d.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return r;
    }

    static ObjectNode ledgerRecord(int index, String sequence) {
        return record(
                "INSERT", "EVENT#%020d".formatted(index + 1), sequence, EventCodec.toJsonString(CHAIN.get(index)));
    }

    static class RecordingBus implements EventBus {
        final List<List<BusEvent>> calls = new ArrayList<>();
        int failFirstCalls;
        boolean failAlways;

        @Override
        public List<Integer> publish(List<BusEvent> events) {
            calls.add(events);
            if (failAlways || failFirstCalls-- > 0) {
                return java.util.stream.IntStream.range(0, events.size())
                        .boxed()
                        .toList();
            }
            return List.of();
        }
    }

    @Test
    void only_inserted_ledger_events_are_published_with_source_detail_type_and_envelope() {
        RecordingBus bus = new RecordingBus();
        StreamsEventResponse response = new StreamBridgeHandler(bus, 3)
                .handleRequest(
                        event(List.of(
                                ledgerRecord(0, "100"),
                                record("INSERT", "HEAD", "101", null),
                                record("MODIFY", "EVENT#00000000000000000009", "102", "{}"),
                                record("INSERT", "HISTORY#t#0000000001", "103", EventCodec.toJsonString(CHAIN.get(0))),
                                ledgerRecord(1, "104"))),
                        null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.calls).hasSize(1);
        List<BusEvent> published = bus.calls.getFirst();
        assertThat(published).extracting(BusEvent::detailType).containsExactly("TaskCreated", "TaskUpdated");
        assertThat(published).extracting(BusEvent::source).containsOnly("taskledger.tasks");
        assertThat(EventCodec.fromJson(published.get(1).detail())).isEqualTo(CHAIN.get(1));
    }

    @Test
    void at_most_ten_entries_go_in_one_publish() {
        RecordingBus bus = new RecordingBus();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            records.add(ledgerRecord(i % 3, Integer.toString(200 + i)));
        }
        new StreamBridgeHandler(bus, 3).handleRequest(event(records), null);
        assertThat(bus.calls).extracting(List::size).containsExactly(10, 10, 3);
    }

    @Test
    void failed_entries_are_retried_and_succeed() {
        RecordingBus bus = new RecordingBus();
        bus.failFirstCalls = 2;
        StreamsEventResponse response =
                new StreamBridgeHandler(bus, 3).handleRequest(event(List.of(ledgerRecord(0, "1"))), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.calls).hasSize(3);
    }

    @Test
    void entries_that_keep_failing_and_unreadable_records_are_reported_as_batch_item_failures() {
        RecordingBus bus = new RecordingBus();
        bus.failAlways = true;
        StreamsEventResponse response = new StreamBridgeHandler(bus, 2)
                .handleRequest(
                        event(List.of(
                                record("INSERT", "EVENT#00000000000000000001", "5", "{not json"),
                                ledgerRecord(1, "6"))),
                        null);
        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("5", "6");
    }
}
