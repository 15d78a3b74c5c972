package dev.taskledger.projector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.taskledger.http.Priming;
import dev.taskledger.projector.bridge.StreamBridgeHandler;
import dev.taskledger.table.dynamodb.AwsEnvironment;

/** DynamoDB Streams (the ledger's new events) → EventBridge, with partial batch failures. */
public final class StreamBridgeFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamBridgeHandler bridge;

    public StreamBridgeFunction() {
        this.bridge = new StreamBridgeHandler(
                AwsPorts.bus(AwsEnvironment.current()),
                dev.taskledger.projector.route.DeliverySettings.BRIDGE_PUBLISH_ATTEMPTS);
        Priming.register("STREAM_BRIDGE", () -> {
            DynamodbEvent empty = new DynamodbEvent();
            empty.setRecords(java.util.List.of());
            bridge.handleRequest(empty, null);
        });
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return bridge.handleRequest(event, context);
    }
}
