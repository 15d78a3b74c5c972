package dev.taskledger.integration.webhook;

import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.TenantCounters;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks, their deliveries and the retry queue, over the table port (keys from {@link Keys}). A delivery and its
 * retry-queue entry always change in one transaction, conditional on the delivery's revision.
 */
public final class WebhookStore {
    public static final int MAX_WEBHOOKS_PER_TENANT = 20;
    static final String COUNTER = "webhooks";
    private final Table table;
    private final TenantCounters counters;

    public WebhookStore(Table table) {
        this.table = table;
        this.counters = new TenantCounters(table);
    }

    /** Stores a new webhook, or says why not (the tenant's limit, exact under concurrent creations). */
    public Either<String, Webhook> create(Webhook webhook) {
        String tenant = webhook.tenantId();
        Item item = Item.of(Keys.webhook(webhook.tenantId(), webhook.webhookId()))
                .with("webhook_id", webhook.webhookId())
                .with("url", webhook.url())
                .with(
                        "event_types",
                        new Attr.L(webhook.eventTypes().stream().map(Attr::s).toList()))
                .with("description", webhook.description())
                .with("created_at", Times.format(webhook.createdAt()))
                .with("secret", webhook.secret())
                .build();
        boolean created = counters.add(
                tenant,
                COUNTER,
                1,
                MAX_WEBHOOKS_PER_TENANT,
                () -> all(tenant).size(),
                List.of(new WriteOp.Put(item, Condition.NOT_EXISTS)));
        return created
                ? Either.right(webhook)
                : Either.left("a tenant has at most " + MAX_WEBHOOKS_PER_TENANT + " webhooks; delete one first");
    }

    public Optional<Webhook> get(String tenantId, String webhookId) {
        return table.get(Keys.webhook(tenantId, webhookId)).map(item -> webhook(tenantId, item));
    }

    /** Every webhook of the tenant (at most {@link #MAX_WEBHOOKS_PER_TENANT}), in id order. */
    public List<Webhook> all(String tenantId) {
        return table
                .query(Query.prefix(Keys.tenantPartition(tenantId), Keys.WEBHOOK_PREFIX, Query.MAX_LIMIT))
                .items()
                .stream()
                .map(item -> webhook(tenantId, item))
                .toList();
    }

    /** Deletes a webhook; false when there was none. Its pending retries are dropped by the sweeper. */
    public boolean delete(String tenantId, String webhookId) {
        try {
            return counters.add(
                    tenantId,
                    COUNTER,
                    -1,
                    MAX_WEBHOOKS_PER_TENANT,
                    () -> all(tenantId).size(),
                    List.of(new WriteOp.Delete(Keys.webhook(tenantId, webhookId), Condition.EXISTS)));
        } catch (ConditionFailedException e) {
            return false;
        }
    }

    /** Records a new delivery and queues its first attempt; false when it was already recorded (a duplicate). */
    public boolean record(Delivery delivery) {
        try {
            List<WriteOp> ops = new ArrayList<>();
            ops.add(new WriteOp.Put(item(delivery), Condition.NOT_EXISTS));
            ops.add(new WriteOp.Put(retryEntry(delivery), Condition.NONE));
            table.transactWrite(ops);
            return true;
        } catch (ConditionFailedException e) {
            return false;
        }
    }

    /**
     * Replaces {@code before} with {@code after} and moves its retry-queue entry along; false when the delivery
     * changed since {@code before} was read (someone else holds it).
     */
    public boolean replace(Delivery before, Delivery after) {
        List<WriteOp> ops = new ArrayList<>();
        ops.add(new WriteOp.Put(item(after), Condition.equals("revision", Attr.n(before.revision()))));
        Optional<Key> oldEntry = before.nextAttemptAt().map(t -> retryKey(before, t));
        Optional<Key> newEntry = after.nextAttemptAt().map(t -> retryKey(after, t));
        if (oldEntry.isPresent() && !oldEntry.equals(newEntry)) {
            ops.add(new WriteOp.Delete(oldEntry.get(), Condition.NONE));
        }
        newEntry.ifPresent(k -> ops.add(new WriteOp.Put(retryEntry(after), Condition.NONE)));
        try {
            table.transactWrite(ops);
            return true;
        } catch (ConditionFailedException e) {
            return false;
        }
    }

    public Optional<Delivery> delivery(String tenantId, String webhookId, long sequence) {
        return table.get(Keys.webhookDelivery(tenantId, webhookId, sequence)).map(item -> delivery(tenantId, item));
    }

    /** One page of a webhook's deliveries, newest first, after the delivery of {@code beforeSequence} if given. */
    public DeliveryPage deliveries(String tenantId, String webhookId, Optional<Long> beforeSequence, int limit) {
        String prefix = Keys.webhookDeliveryPrefix(webhookId);
        String upper = beforeSequence
                .map(s -> Keys.webhookDelivery(tenantId, webhookId, Math.max(0, s - 1))
                        .sk())
                .orElse(prefix + "~");
        if (beforeSequence.isPresent() && beforeSequence.get() <= 1) {
            return new DeliveryPage(List.of(), false);
        }
        Page page = table.query(new Query(
                Keys.tenantPartition(tenantId),
                new SortKeyRange.Between(prefix, upper),
                false,
                Math.min(Query.MAX_LIMIT, limit + 1),
                Optional.empty()));
        List<Delivery> items = page.items().stream()
                .limit(limit)
                .map(item -> delivery(tenantId, item))
                .toList();
        return new DeliveryPage(items, page.items().size() > limit);
    }

    public record DeliveryPage(List<Delivery> items, boolean more) {}

    /** Up to {@code limit} retry-queue entries due at {@code now}, earliest first. */
    public List<DueEntry> due(Instant now, int limit) {
        Page page = table.query(new Query(
                Keys.WEBHOOK_RETRIES,
                new SortKeyRange.Between("0", Keys.webhookRetriesDueBy(now.toEpochMilli())),
                true,
                limit,
                Optional.empty()));
        return page.items().stream()
                .map(item -> new DueEntry(
                        item.key(), item.string("tenant_id"), item.string("webhook_id"), item.number("sequence")))
                .toList();
    }

    public record DueEntry(Key key, String tenantId, String webhookId, long sequence) {}

    /** Removes a queue entry whose delivery or webhook no longer exists. */
    public void drop(DueEntry entry) {
        table.transactWrite(List.of(new WriteOp.Delete(entry.key(), Condition.NONE)));
    }

    private static Key retryKey(Delivery d, Instant due) {
        return Keys.webhookRetry(due.toEpochMilli(), d.tenantId(), d.webhookId(), d.sequence());
    }

    private static Item retryEntry(Delivery d) {
        return Item.of(retryKey(d, d.nextAttemptAt().orElseThrow()))
                .with("tenant_id", d.tenantId())
                .with("webhook_id", d.webhookId())
                .with("sequence", d.sequence())
                .build();
    }

    private static Item item(Delivery d) {
        Item.Builder b = Item.of(Keys.webhookDelivery(d.tenantId(), d.webhookId(), d.sequence()))
                .with("webhook_id", d.webhookId())
                .with("sequence", d.sequence())
                .with("event_id", d.eventId())
                .with("status", d.status().name())
                .with("attempts", d.attempts())
                .with("created_at", Times.format(d.createdAt()))
                .with("updated_at", Times.format(d.updatedAt()))
                .with("revision", d.revision());
        d.lastStatusCode().ifPresent(c -> b.with("last_status_code", c));
        d.lastError().ifPresent(e -> b.with("last_error", e));
        d.nextAttemptAt().ifPresent(t -> b.with("next_attempt_at", Times.format(t)));
        return b.build();
    }

    private static Delivery delivery(String tenantId, Item item) {
        return new Delivery(
                tenantId,
                item.string("webhook_id"),
                item.number("sequence"),
                item.string("event_id"),
                Delivery.Status.valueOf(item.string("status")),
                (int) item.number("attempts"),
                item.get("last_status_code").map(a -> (int) ((Attr.N) a).asLong()),
                item.get("last_error").map(a -> ((Attr.S) a).value()),
                Times.parse(item.string("created_at")),
                Times.parse(item.string("updated_at")),
                item.get("next_attempt_at").map(a -> Times.parse(((Attr.S) a).value())),
                item.number("revision"));
    }

    private static Webhook webhook(String tenantId, Item item) {
        List<String> types = item.get("event_types")
                .map(a -> ((Attr.L) a)
                        .values().stream().map(v -> ((Attr.S) v).value()).toList())
                .orElse(List.of());
        return new Webhook(
                tenantId,
                item.string("webhook_id"),
                item.string("url"),
                types,
                item.string("description"),
                Times.parse(item.string("created_at")),
                item.string("secret"));
    }
}
