/**
 * Integrations: consumers on the bus beside the projectors. {@code webhook} delivers task events to the URLs a
 * tenant subscribed, signed per Standard Webhooks; {@code notify} tells people about changes that concern them.
 * The HTTP function {@link dev.taskledger.integration.IntegrationsHandler} manages both.
 */
package dev.taskledger.integration;
