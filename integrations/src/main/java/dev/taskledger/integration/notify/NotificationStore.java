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
    private final java.util.Set<String> remembered = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
                    return new NotificationSettings(
                            triggers,
                            item.get("slack_webhook_url").map(v -> java.net.URI.create(((Attr.S) v).value())));
                })
                .orElse(NotificationSettings.DEFAULT);
    }

    public void saveSettings(String tenantId, NotificationSettings settings) {
        Item.Builder item = Item.of(Keys.notificationSettings(tenantId))
                .with(
                        "notify_on",
                        new Attr.L(settings.notifyOn().stream()
                                .map(t -> Attr.s(t.name()))
                                .toList()));
        settings.slackWebhookUrl().ifPresent(url -> item.with("slack_webhook_url", url.toString()));
        table.put(item.build(), Condition.NONE);
    }

    /**
     * Remembers {@code email} as the address of a user of the tenant (idempotent). Called for every event: addresses
     * this process already wrote or found are remembered in memory (bounded; they are never removed from the table),
     * so a known actor costs no read.
     */
    public void rememberAddress(String tenantId, String email) {
        String address = dev.taskledger.events.EmailAddresses.fold(email);
        String seen = tenantId + "\n" + address;
        if (remembered.contains(seen)) {
            return;
        }
        if (table.get(Keys.memberAddress(tenantId, address)).isEmpty()) {
            table.put(Item.of(Keys.memberAddress(tenantId, address)).build(), Condition.NONE);
        }
        if (remembered.size() >= 10_000) {
            remembered.clear();
        }
        remembered.add(seen);
    }

    /** Whether {@code email} was seen as the verified address of a user of the tenant. */
    public boolean isMemberAddress(String tenantId, String email) {
        return table.get(Keys.memberAddress(tenantId, dev.taskledger.events.EmailAddresses.fold(email)))
                .isPresent();
    }

    /** Records that a notification was decided but not sent, and why (never silently dropped). */
    public void markSuppressed(Notification n, String channel, String reason, Instant at) {
        settle(n, channel, "suppressed", reason, at);
    }

    /** Whether this notification was already sent, or suppressed, through {@code channel}. */
    public boolean settled(Notification n, String channel) {
        return table.get(Keys.notification(
                        n.tenantId(), n.sequence(), n.trigger().name() + channelSuffix(channel)))
                .filter(item -> item.get("sent_at").isPresent()
                        || item.get("suppressed").isPresent())
                .isPresent();
    }

    private static String channelSuffix(String channel) {
        return channel.equals(SlackChannel.NAME) ? "#" + SlackChannel.NAME : "";
    }

    /** Records that a notification was sent through {@code channel}. */
    public void markSent(Notification n, String channel, Instant at) {
        settle(n, channel, "sent_at", Times.format(at), at);
    }

    /** The record of a notification's outcome through a channel, written once (a redelivery finds it). */
    private void settle(Notification n, String channel, String outcome, String value, Instant at) {
        try {
            table.transactWrite(List.of(new WriteOp.Put(
                    Item.of(Keys.notification(
                                    n.tenantId(), n.sequence(), n.trigger().name() + channelSuffix(channel)))
                            .with("notification_id", n.notificationId())
                            .with("recipient", n.recipient())
                            .with("channel", channel)
                            .with(outcome, value)
                            .with("decided_at", Times.format(at))
                            .build(),
                    Condition.NOT_EXISTS)));
        } catch (ConditionFailedException alreadyRecorded) {
            // a concurrent redelivery settled it too: at least once, as promised
        }
    }

    public Optional<Item> record(String tenantId, long sequence, Trigger trigger) {
        return table.get(Keys.notification(tenantId, sequence, trigger.name()));
    }
}
