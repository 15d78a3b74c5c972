package dev.taskledger.integration.notify;

import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** A tenant's notification settings, and the record of each notification decided and whether it was sent. */
public final class NotificationStore {
    private final Table table;

    public NotificationStore(Table table) {
        this.table = table;
    }

    public NotificationSettings settings(String tenantId) {
        return table.get(Keys.notificationSettings(tenantId))
                .map(item -> {
                    EnumSet<Trigger> triggers = EnumSet.noneOf(Trigger.class);
                    ((Attr.L) item.get("notify_on").orElseThrow())
                            .values()
                            .forEach(v -> triggers.add(Trigger.valueOf(((Attr.S) v).value())));
                    return new NotificationSettings(triggers);
                })
                .orElse(NotificationSettings.DEFAULT);
    }

    public void saveSettings(String tenantId, NotificationSettings settings) {
        table.put(
                Item.of(Keys.notificationSettings(tenantId))
                        .with(
                                "notify_on",
                                new Attr.L(settings.notifyOn().stream()
                                        .map(t -> Attr.s(t.name()))
                                        .toList()))
                        .build(),
                Condition.NONE);
    }

    /** Whether this notification was already sent (a redelivered event). */
    public boolean sent(Notification n) {
        return table.get(Keys.notification(
                        n.tenantId(), n.sequence(), n.trigger().name()))
                .flatMap(item -> item.get("sent_at"))
                .isPresent();
    }

    /** Records that a notification was sent through {@code channel}. */
    public void markSent(Notification n, String channel, Instant at) {
        try {
            table.transactWrite(List.of(new WriteOp.Put(
                    Item.of(Keys.notification(
                                    n.tenantId(), n.sequence(), n.trigger().name()))
                            .with("notification_id", n.notificationId())
                            .with("recipient", n.recipient())
                            .with("channel", channel)
                            .with("sent_at", Times.format(at))
                            .build(),
                    Condition.NOT_EXISTS)));
        } catch (ConditionFailedException alreadyRecorded) {
            // a concurrent redelivery sent it too: at least once, as promised
        }
    }

    public Optional<Item> record(String tenantId, long sequence, Trigger trigger) {
        return table.get(Keys.notification(tenantId, sequence, trigger.name()));
    }
}
