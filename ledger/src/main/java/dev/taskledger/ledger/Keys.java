package dev.taskledger.ledger;

import dev.taskledger.table.Key;

/**
 * The single-table key design, in one place. Every item of a tenant lives in partition {@code TENANT#<t>}:
 *
 * <pre>
 * EVENT#&lt;sequence, 20 digits&gt;               a ledger event (the envelope JSON)
 * HISTORY#&lt;task&gt;#&lt;task_version, 10 digits&gt;  the same event, for a task's history in version order
 * HEAD                                     the ledger head: last sequence and its hash
 * TASK#&lt;task&gt;                               a task's write state: version, last sequence, folded state
 * IDEMPOTENCY#&lt;key&gt;                         an idempotency record: request fingerprint and first response
 * DIGEST#&lt;n, 10 digits&gt;                     the n-th signed digest of the ledger head
 * PROJ#&lt;projection&gt;#ACTIVE                  the projection version readers use
 * PROJ#&lt;projection&gt;#v&lt;n&gt;#CHECKPOINT        the last sequence a projection version applied
 * PROJ#&lt;projection&gt;#v&lt;n&gt;#…                 the projection's own items (see each projector)
 * WEBHOOK#&lt;id&gt;                            a webhook subscription (URL, event types, signing secret)
 * WHDELIVERY#&lt;id&gt;#&lt;sequence, 20 digits&gt;  the delivery of one event to one webhook: status, attempts, errors
 * SETTINGS#NOTIFICATIONS                    which task changes notify the people they concern
 * NOTIFICATION#&lt;sequence&gt;#&lt;trigger&gt;       one notification decided from one event, and whether it was sent
 * </pre>
 *
 * Outside tenant partitions: {@code TENANTS} / {@code <tenant>} registers every tenant (written with its first
 * event), {@code SYSTEM} / {@code …} holds process-wide state such as the stream poller's checkpoint, and
 * {@code WEBHOOK_RETRIES} / {@code <due millis, 15 digits>#<tenant>#<webhook>#<sequence>} is the queue of webhook
 * deliveries waiting for their next attempt, in due order.
 *
 * Zero padding makes sort-key order equal numeric order.
 */
public final class Keys {
    public static final String EVENT_PREFIX = "EVENT#";
    public static final String HISTORY_PREFIX = "HISTORY#";
    public static final String HEAD = "HEAD";
    public static final String TASK_PREFIX = "TASK#";
    public static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";
    /** The attribute DynamoDB's time to live reads (epoch seconds): idempotency records expire by it. */
    public static final String TTL_ATTRIBUTE = "expires_at";

    private Keys() {}

    public static String tenantPartition(String tenantId) {
        return "TENANT#" + tenantId;
    }

    public static Key event(String tenantId, long sequence) {
        return new Key(tenantPartition(tenantId), EVENT_PREFIX + "%020d".formatted(sequence));
    }

    public static Key history(String tenantId, String taskId, long taskVersion) {
        return new Key(tenantPartition(tenantId), historyPrefix(taskId) + "%010d".formatted(taskVersion));
    }

    public static String historyPrefix(String taskId) {
        return HISTORY_PREFIX + taskId + "#";
    }

    public static Key head(String tenantId) {
        return new Key(tenantPartition(tenantId), HEAD);
    }

    public static Key task(String tenantId, String taskId) {
        return new Key(tenantPartition(tenantId), TASK_PREFIX + taskId);
    }

    public static Key idempotency(String tenantId, String idempotencyKey) {
        return new Key(tenantPartition(tenantId), IDEMPOTENCY_PREFIX + idempotencyKey);
    }

    /**
     * The stored form of a client's {@code Idempotency-Key}, scoped to the user who sent it: the hex SHA-256 of the
     * length-prefixed user id and the key. Another user of the tenant sending the same key names another record, so
     * nobody can claim (squat) a key before its owner, nor replay someone else's response.
     */
    public static String idempotencyScope(String userId, String clientKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((userId.length() + ":" + userId + clientKey)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Under {@link #SYSTEM}: a change-stream batch the local poller parked after its retries. */
    public static final String POLLER_DEAD_LETTER_PREFIX = "POLLER#DLQ#";
    /** Under {@link #SYSTEM}: a bus delivery the local bus parked after its retries. */
    public static final String BUS_DEAD_LETTER_PREFIX = "BUS#DLQ#";
    /** Under {@link #SYSTEM}: a parked bus delivery an operator asked to redrive. */
    public static final String BUS_REDRIVE_PREFIX = "BUS#REDRIVE#";

    public static final String EXPORT_PREFIX = "EXPORT#";

    /** An audit export request and, once done, its manifest and bundle's object key. */
    public static Key export(String tenantId, String exportId) {
        return new Key(tenantPartition(tenantId), EXPORT_PREFIX + exportId);
    }

    /** The item kinds that carry {@link #TTL_ATTRIBUTE} and expire (DynamoDB TTL in AWS, a sweep locally). */
    public static final java.util.List<String> EXPIRING_PREFIXES =
            java.util.List.of(IDEMPOTENCY_PREFIX, EXPORT_PREFIX, Keys.COUNTER_PREFIX);

    public static final String COUNTER_PREFIX = "COUNTER#";

    /** A per-tenant counter behind a cap (webhooks, exports in progress, exports this hour, ...). */
    public static Key counter(String tenantId, String name) {
        return new Key(tenantPartition(tenantId), COUNTER_PREFIX + name);
    }

    public static final String TENANTS = "TENANTS";
    public static final String SYSTEM = "SYSTEM";

    public static final String DIGEST_PREFIX = "DIGEST#";

    /** The {@code n}-th signed digest of a tenant's ledger head (1, 2, …). */
    public static Key digest(String tenantId, long n) {
        return new Key(tenantPartition(tenantId), DIGEST_PREFIX + "%010d".formatted(n));
    }

    public static Key tenantRegistration(String tenantId) {
        return new Key(TENANTS, tenantId);
    }

    public static Key system(String name) {
        return new Key(SYSTEM, name);
    }

    public static String projectionPrefix(String projection, long version) {
        return "PROJ#" + projection + "#v" + version + "#";
    }

    public static Key projectionActive(String tenantId, String projection) {
        return new Key(tenantPartition(tenantId), "PROJ#" + projection + "#ACTIVE");
    }

    public static Key projectionCheckpoint(String tenantId, String projection, long version) {
        return new Key(tenantPartition(tenantId), projectionPrefix(projection, version) + "CHECKPOINT");
    }

    public static Key projectionItem(String tenantId, String projection, long version, String suffix) {
        return new Key(tenantPartition(tenantId), projectionPrefix(projection, version) + suffix);
    }

    public static final String WEBHOOK_PREFIX = "WEBHOOK#";
    public static final String WEBHOOK_RETRIES = "WEBHOOK_RETRIES";

    public static Key webhook(String tenantId, String webhookId) {
        return new Key(tenantPartition(tenantId), WEBHOOK_PREFIX + webhookId);
    }

    public static String webhookDeliveryPrefix(String webhookId) {
        return "WHDELIVERY#" + webhookId + "#";
    }

    public static Key webhookDelivery(String tenantId, String webhookId, long sequence) {
        return new Key(tenantPartition(tenantId), webhookDeliveryPrefix(webhookId) + "%020d".formatted(sequence));
    }

    /** The retry-queue entry of a delivery due at {@code dueMillis} (epoch milliseconds). */
    public static Key webhookRetry(long dueMillis, String tenantId, String webhookId, long sequence) {
        return new Key(WEBHOOK_RETRIES, "%015d#%s#%s#%020d".formatted(dueMillis, tenantId, webhookId, sequence));
    }

    /** The upper bound (exclusive) of retry-queue entries due at or before {@code nowMillis}. */
    public static String webhookRetriesDueBy(long nowMillis) {
        return "%015d$".formatted(nowMillis);
    }

    public static Key notificationSettings(String tenantId) {
        return new Key(tenantPartition(tenantId), "SETTINGS#NOTIFICATIONS");
    }

    /**
     * An e-mail address seen as a verified user of the tenant (an event's actor, a dev token's user): notifications
     * go only to these, never to an arbitrary address a member typed into {@code assigned_to}.
     */
    public static Key memberAddress(String tenantId, String email) {
        return new Key(tenantPartition(tenantId), "ADDRESS#" + email);
    }

    public static Key notification(String tenantId, long sequence, String trigger) {
        return new Key(tenantPartition(tenantId), "NOTIFICATION#%020d#%s".formatted(sequence, trigger));
    }

    /** Whether a key is a ledger event (what the stream bridge forwards). */
    public static boolean isEvent(Key key) {
        return key.pk().startsWith("TENANT#") && key.sk().startsWith(EVENT_PREFIX);
    }
}
