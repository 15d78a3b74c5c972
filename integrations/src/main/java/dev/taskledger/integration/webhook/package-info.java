/**
 * Webhooks: subscriptions ({@link dev.taskledger.integration.webhook.WebhookStore}), the SSRF guard
 * ({@link dev.taskledger.integration.webhook.UrlGuard}), signing, and the dispatcher that delivers at least once
 * with durable retries, a circuit breaker per endpoint and dead letters.
 */
package dev.taskledger.integration.webhook;
