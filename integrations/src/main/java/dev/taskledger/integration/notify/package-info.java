/**
 * Notifications: {@link dev.taskledger.integration.notify.NotificationRules} decides (purely) who hears about an
 * event under the tenant's {@link dev.taskledger.integration.notify.NotificationSettings};
 * {@link dev.taskledger.integration.notify.NotificationConsumer} sends them through a
 * {@link dev.taskledger.integration.notify.NotificationChannel}: the local outbox, Slack, or e-mail (SES).
 */
package dev.taskledger.integration.notify;
