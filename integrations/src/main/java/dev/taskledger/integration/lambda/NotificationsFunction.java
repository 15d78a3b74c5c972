package dev.taskledger.integration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskledger.http.Priming;
import dev.taskledger.integration.notify.NotificationConsumer;
import dev.taskledger.integration.notify.NotificationStore;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** Notifications in AWS: a channel failure throws, so EventBridge retries and then dead-letters the event. */
public final class NotificationsFunction implements RequestStreamHandler {
    private final NotificationConsumer consumer;

    public NotificationsFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        Ledger ledger = AwsPorts.ledger(env);
        this.consumer = new NotificationConsumer(
                new NotificationStore(ledger.table()), ledger, IntegrationPorts.channel(env), Clock.systemUTC());
        Priming.register("NOTIFICATIONS", () -> ledger.head(Priming.TENANT));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        consumer.handle(AwsPorts.readEvent(input));
    }
}
