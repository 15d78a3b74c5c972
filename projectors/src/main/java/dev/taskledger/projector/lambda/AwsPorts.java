package dev.taskledger.projector.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.bus.EventBridgeBus;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The AWS adapters behind the ports, built from the function's environment; shared by every module's functions. */
public final class AwsPorts {
    private AwsPorts() {}

    public static Ledger ledger(AwsEnvironment env) {
        return new Ledger(env.table(), Clock.systemUTC());
    }

    public static EventBridgeBus bus(AwsEnvironment env) {
        EventBridgeClient client = DynamoDbClients.configure(EventBridgeClient.builder(), env.settings())
                .build();
        return new EventBridgeBus(client, env.required(AwsEnvironment.BUS));
    }

    /** An event as Lambda hands it to a stream handler (EventBridge targets): one JSON document. */
    public static JsonNode readEvent(InputStream input) {
        try {
            return EventCodec.MAPPER.readTree(input);
        } catch (IOException e) {
            throw new UncheckedIOException("the invocation payload is not JSON", e);
        }
    }
}
