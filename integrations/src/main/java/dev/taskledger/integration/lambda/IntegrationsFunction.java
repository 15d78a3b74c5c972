package dev.taskledger.integration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.Priming;
import dev.taskledger.integration.IntegrationsHandler;
import dev.taskledger.integration.notify.NotificationStore;
import dev.taskledger.integration.webhook.WebhookStore;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.TableSecrets;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.time.Clock;
import java.util.UUID;

/** The webhook and notification-settings API in AWS. */
public final class IntegrationsFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IntegrationsHandler handler;

    public IntegrationsFunction() {
        Ledger ledger = AwsPorts.ledger(AwsEnvironment.current());
        this.handler = new IntegrationsHandler(
                new WebhookStore(ledger.table()),
                IntegrationPorts.dispatcher(ledger),
                new NotificationStore(ledger.table()),
                IntegrationPorts.GUARD,
                new Cursors(TableSecrets.loadOrCreate(ledger.table(), "cursor-key")),
                () -> UUID.randomUUID().toString(),
                Clock.systemUTC());
        Priming.register(
                "INTEGRATIONS",
                () -> handler.handleRequest(
                        Priming.apiEvent("GET /webhooks", "/webhooks", java.util.Map.of(), null), null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
