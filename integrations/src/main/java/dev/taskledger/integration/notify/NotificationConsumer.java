package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.ledger.Ledger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The bus target for notifications: reads the event, the tenant's settings and (only when a rule needs it) the
 * task as it was before the event, folded from the ledger; decides with {@link NotificationRules}; sends each
 * notification not yet sent and records it as sent. A channel failure throws, so the bus retries the delivery and
 * parks it as a dead letter when its retries run out; a redelivery skips what was already sent.
 */
public final class NotificationConsumer {
    private final NotificationStore store;
    private final Ledger ledger;
    private final NotificationChannel channel;
    private final Clock clock;

    public NotificationConsumer(NotificationStore store, Ledger ledger, NotificationChannel channel, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.channel = channel;
        this.clock = clock;
    }

    public void handle(JsonNode eventBridgeEvent) {
        EventEnvelope event = EventCodec.fromJson(eventBridgeEvent.get("detail"));
        NotificationSettings settings = store.settings(event.tenantId());
        if (!NotificationRules.mayNotify(event, settings)) {
            return;
        }
        Optional<TaskFields> before = event.data() instanceof TaskCreated ? Optional.empty() : taskBefore(event);
        List<Notification> notifications = NotificationRules.decide(event, before, settings);
        for (Notification notification : notifications) {
            if (!store.sent(notification)) {
                channel.send(notification);
                store.markSent(notification, channel.name(), clock.instant());
            }
        }
    }

    /** The task's fields just before {@code event}, folded from its history as it is read (one page in memory). */
    private Optional<TaskFields> taskBefore(EventEnvelope event) {
        var fold = new Object() {
            Optional<TaskFields> fields = Optional.empty();
        };
        ledger.forEachHistory(event.tenantId(), event.taskId(), 0, stored -> {
            EventEnvelope earlier = stored.envelope();
            if (earlier.taskVersion() >= event.taskVersion()) {
                return false;
            }
            fold.fields = switch (earlier.data()) {
                case TaskCreated created -> Optional.of(created.fields());
                case TaskUpdated updated -> fold.fields.map(f -> f.apply(updated));
                case TaskDeleted deleted -> Optional.<TaskFields>empty();
            };
            return true;
        });
        return fold.fields;
    }
}
