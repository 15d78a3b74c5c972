/**
 * The AWS Lambda entry points of the integrations: the webhook/settings API, the webhook delivery consumer (bus
 * events and the scheduled sweep), and the notification consumer, wired from
 * {@link dev.taskledger.table.dynamodb.AwsEnvironment}. In AWS the URL guard is strict: https to public addresses.
 */
package dev.taskledger.integration.lambda;
