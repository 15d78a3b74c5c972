package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.events.Times;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.TenantCounters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bus target for notifications: reads the event, the tenant's settings and (only when a rule needs it) the
 * task as it was before the event, folded from the ledger; decides with {@link NotificationRules}; sends each
 * notification not yet settled and records it. A channel failure throws, so the bus retries the delivery and parks
 * it as a dead letter when its retries run out; a redelivery skips what was already settled.
 *
 * <p>Guards against a notification channel being used as a spam or leak channel:
 * <ul>
 *   <li>a person is told only at an address seen as a verified user of the tenant (an event's actor, a dev token's
 *       user): assigning a task to an outside address tells nobody;
 *   <li>at most {@link #PER_RECIPIENT_PER_HOUR} notifications per recipient and {@link #PER_TENANT_PER_HOUR} per
 *       tenant each hour (UTC), counted exactly;
 *   <li>the tenant's own Slack webhook (its settings), if any, gets each notification too, its text escaped.
 * </ul>
 * A notification held back by these rules is recorded with its reason and logged, never silently dropped.
 */
public final class NotificationConsumer {
    public static final int PER_RECIPIENT_PER_HOUR = 30;
    public static final int PER_TENANT_PER_HOUR = 500;

    private final NotificationStore store;
    private final Ledger ledger;
    private final NotificationChannel channel;
    private final Clock clock;
    private final TenantCounters counters;
    private final java.util.function.Function<java.net.URI, NotificationChannel> slack;

    public NotificationConsumer(NotificationStore store, Ledger ledger, NotificationChannel channel, Clock clock) {
        this(store, ledger, channel, clock, SlackChannel::new);
    }

    public NotificationConsumer(
            NotificationStore store,
            Ledger ledger,
            NotificationChannel channel,
            Clock clock,
            java.util.function.Function<java.net.URI, NotificationChannel> slack) {
        this.store = store;
        this.ledger = ledger;
        this.channel = channel;
        this.clock = clock;
        this.counters = new TenantCounters(ledger.table());
        this.slack = slack;
    }

    public void handle(JsonNode eventBridgeEvent) {
        EventEnvelope event = EventCodec.fromJson(eventBridgeEvent.get("detail"));
        if (event.actor().email() != null) {
            store.rememberAddress(event.tenantId(), event.actor().email());
        }
        NotificationSettings settings = store.settings(event.tenantId());
        if (!NotificationRules.mayNotify(event, settings)) {
            return;
        }
        Optional<TaskFields> before = event.data() instanceof TaskCreated ? Optional.empty() : taskBefore(event);
        List<Notification> notifications = NotificationRules.decide(event, before, settings);
        for (Notification notification : notifications) {
            deliver(notification, channel, true);
            Optional<java.net.URI> tenantSlack = settings.slackWebhookUrl();
            if (tenantSlack.isPresent()) {
                deliver(notification, slack.apply(tenantSlack.get()), false);
            }
        }
    }

    private void deliver(Notification notification, NotificationChannel through, boolean toPerson) {
        if (store.settled(notification, through.name())) {
            return;
        }
        Instant now = clock.instant();
        if (toPerson && !store.isMemberAddress(notification.tenantId(), notification.recipient())) {
            suppress(notification, through, "the recipient is not a known user of the tenant", now);
            return;
        }
        if (!withinRate(notification, through, now)) {
            suppress(notification, through, "over the notification rate limit", now);
            return;
        }
        through.send(notification);
        store.markSent(notification, through.name(), now);
    }

    private boolean withinRate(Notification n, NotificationChannel through, Instant now) {
        Instant hour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String window = Times.format(hour);
        Optional<Instant> expires = Optional.of(hour.plus(java.time.Duration.ofDays(1)));
        return counters.add(
                n.tenantId(),
                List.of(
                        new TenantCounters.Change(
                                "notify-" + through.name() + "#" + window, 1, PER_TENANT_PER_HOUR, () -> 0, expires),
                        new TenantCounters.Change(
                                "notify-" + through.name() + "-to#" + n.recipient() + "#" + window,
                                1,
                                PER_RECIPIENT_PER_HOUR,
                                () -> 0,
                                expires)),
                List.of());
    }

    private void suppress(Notification n, NotificationChannel through, String reason, Instant now) {
        store.markSuppressed(n, through.name(), reason, now);
        Telemetry.record(
                "WARN",
                "notification suppressed",
                java.util.Map.of(
                        "tenant_id", n.tenantId(),
                        "notification_id", n.notificationId(),
                        "channel", through.name(),
                        "reason", reason),
                Telemetry.Metric.count("NotificationsSuppressed", java.util.Map.of("channel", through.name())));
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
