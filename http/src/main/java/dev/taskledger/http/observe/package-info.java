/**
 * Observability, the same in AWS and locally: one JSON line per request, delivery or finding on stdout that is at
 * once a structured log record and, through its {@code _aws} member, a CloudWatch Embedded Metric Format document;
 * and in-process counters of the same metrics, which the local runtime serves at {@code GET /dev/metrics}.
 */
package dev.taskledger.http.observe;
