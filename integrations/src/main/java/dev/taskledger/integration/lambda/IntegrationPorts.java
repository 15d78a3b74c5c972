package dev.taskledger.integration.lambda;

import dev.taskledger.integration.notify.NotificationChannel;
import dev.taskledger.integration.notify.SesEmailChannel;
import dev.taskledger.integration.webhook.RetrySchedule;
import dev.taskledger.integration.webhook.UrlGuard;
import dev.taskledger.integration.webhook.WebhookDispatcher;
import dev.taskledger.integration.webhook.WebhookSender;
import dev.taskledger.integration.webhook.WebhookStore;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import java.time.Clock;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The integrations' AWS adapters, built from the function's environment. */
final class IntegrationPorts {
    static final UrlGuard GUARD = new UrlGuard(UrlGuard.Mode.AWS, UrlGuard.Resolver.DNS);

    private IntegrationPorts() {}

    static WebhookDispatcher dispatcher(Ledger ledger) {
        return new WebhookDispatcher(
                new WebhookStore(ledger.table()),
                ledger,
                WebhookSender.defaults(),
                GUARD,
                RetrySchedule.DEFAULT,
                WebhookDispatcher.defaultBreaker(),
                Clock.systemUTC());
    }

    /** {@code TASKLEDGER_NOTIFY_CHANNEL}: {@code email} (SES from {@code TASKLEDGER_EMAIL_FROM}); Slack is per tenant. */
    static NotificationChannel channel(AwsEnvironment env) {
        String channel = env.optional(AwsEnvironment.NOTIFY_CHANNEL).orElse("email");
        return switch (channel) {
            case "email" ->
                new SesEmailChannel(
                        DynamoDbClients.configure(SesV2Client.builder(), env.settings())
                                .build(),
                        env.required(AwsEnvironment.EMAIL_FROM));
            default ->
                throw new IllegalStateException(AwsEnvironment.NOTIFY_CHANNEL + " must be email, not " + channel);
        };
    }
}
