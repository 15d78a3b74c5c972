package dev.taskledger.integration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskledger.http.Priming;
import dev.taskledger.integration.webhook.WebhookDispatcher;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.io.InputStream;
import java.io.OutputStream;

/** Webhook deliveries in AWS: task events from their rule, and the scheduled sweep of due retries. */
public final class WebhooksFunction implements RequestStreamHandler {
    private final WebhookDispatcher dispatcher;

    public WebhooksFunction() {
        var ledger = AwsPorts.ledger(AwsEnvironment.current());
        this.dispatcher = IntegrationPorts.dispatcher(ledger);
        Priming.register("WEBHOOKS", () -> ledger.head(Priming.TENANT));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        dispatcher.handle(AwsPorts.readEvent(input));
    }
}
