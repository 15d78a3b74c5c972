package dev.taskledger.integration.notify;

/**
 * Where notifications go. {@link #send} returns once the channel accepted the message and throws when it did not
 * (the consumer's delivery is then retried, and dead-lettered by the bus after its retries). A channel may see the
 * same notification twice (at-least-once); {@link Notification#notificationId()} identifies it.
 */
public interface NotificationChannel {
    void send(Notification notification);

    /** A short name for logs and configuration: {@code outbox}, {@code slack}, {@code email}. */
    String name();
}
